// This file defines the records of the Linux-style ABI.
#include "abi/linux/records.h"

#include <algorithm>

namespace wb::sys {

using namespace layout;

namespace {

// The type's bits and its permissions when chmod set none.
std::pair<uint32_t, uint32_t> type_bits(FileType type) {
  switch (type) {
    case FileType::Directory:
      return {kIfDir, 0755};
    case FileType::RegularFile:
      return {kIfReg, 0644};
    case FileType::SymbolicLink:
      return {kIfLnk, 0777};
    case FileType::CharacterDevice:
      return {kIfChr, 0666};
    case FileType::BlockDevice:
      return {kIfBlk, 0660};
    case FileType::SocketDgram:
    case FileType::SocketStream:
      return {kIfSock, 0777};
    case FileType::Unknown:
      return {kIfIfo, 0600};  // pipes
  }
  return {0, 0};
}

}  // namespace

uint32_t mode_of(const Stat& st) {
  const auto [type, perm] = type_bits(st.type);
  return type | st.perm.value_or(perm);
}

uint8_t dirent_type_of(FileType type) {
  switch (type) {
    case FileType::Directory:
      return kDtDir;
    case FileType::RegularFile:
      return kDtReg;
    case FileType::SymbolicLink:
      return kDtLnk;
    case FileType::CharacterDevice:
      return kDtChr;
    case FileType::BlockDevice:
      return kDtBlk;
    case FileType::SocketDgram:
    case FileType::SocketStream:
      return kDtSock;
    case FileType::Unknown:
      return kDtUnknown;
  }
  return kDtUnknown;
}

namespace {

template <uint32_t N>
void put_time(Record<N>& r, uint32_t off, uint64_t ns) {
  // time_t is 32 bits here: seconds wrap in 2106 (unsigned) like the ABI.
  r.u32(off, uint32_t(ns / 1000000000));
  r.u32(off + 4, uint32_t(ns % 1000000000));
}

uint32_t clamp32(uint64_t v) { return uint32_t(std::min<uint64_t>(v, UINT32_MAX)); }

}  // namespace

Status write_stat(Call& c, GuestPtr out, const Stat& st) {
  Record<kStatSize> r;
  r.u32(kStatDev, uint32_t(st.dev));
  r.u32(kStatInoTruncated, uint32_t(st.ino));
  r.u32(kStatMode, mode_of(st));
  r.u32(kStatNlink, clamp32(st.nlink));
  r.u64(kStatSize64, st.size);
  r.u32(kStatBlksize, 4096);
  r.u32(kStatBlocks, clamp32((st.size + 511) / 512));
  put_time(r, kStatAtim, st.atim);
  put_time(r, kStatMtim, st.mtim);
  put_time(r, kStatCtim, st.ctim);
  r.u64(kStatIno, st.ino);
  return c.mem.write(out, r);
}

Status write_statfs(Call& c, GuestPtr out, uint32_t size, const Inode& node) {
  if (size != kStatfsSize) return Errno::Inval;
  constexpr uint32_t kBlock = 4096;
  constexpr uint32_t kTmpfsMagic = 0x01021994;
  // The memory filesystem knows its capacity; other backends report a
  // large, mostly free disk.
  uint64_t total = 1ull << 40, avail = total;
  if (node.dev() == c.kernel.memfs().dev()) {
    total = c.kernel.memfs().capacity();
    avail = total - std::min(total, c.kernel.memfs().used());
  }
  Record<kStatfsSize> r;
  r.u32(kStatfsType, kTmpfsMagic);
  r.u32(kStatfsBsize, kBlock);
  r.u32(kStatfsBlocks, clamp32(total / kBlock));
  r.u32(kStatfsBfree, clamp32(avail / kBlock));
  r.u32(kStatfsBavail, clamp32(avail / kBlock));
  r.u32(kStatfsFiles, 1u << 20);
  r.u32(kStatfsFfree, 1u << 20);
  r.u64(kStatfsFsid, node.dev());
  r.u32(kStatfsNamelen, 255);
  r.u32(kStatfsFrsize, kBlock);
  return c.mem.write(out, r);
}

}  // namespace wb::sys
