// This file defines WasmHostFs over the wb_js_fs_* imports.
#include "bind/wasm_host_fs.h"

#include <cstring>

#include "abi/guest_memory.h"
#include "bind/imports.h"

namespace wb {
namespace {

Status status(int32_t r) { return r < 0 ? Errno(-r) : Errno::Success; }

// A stat the host wrote: type, ino, nlink, size, atim, mtim, ctim, and
// the permission bits or ~0 where the host has none.
using StatWords = uint64_t[8];

Result<HostStat> decode(int32_t r, const StatWords& s) {
  if (r < 0) return Errno(-r);
  HostStat st{FileType(s[0]), s[1], s[2], s[3], s[4], s[5], s[6], std::nullopt};
  if (s[7] != ~uint64_t{0}) st.perm = uint32_t(s[7] & 07777);
  return st;
}

int64_t time_arg(std::optional<uint64_t> t) { return t ? int64_t(*t) : -1; }

// Calls `fill(buffer, capacity)`, which returns the full size, growing the
// buffer until it fits.
template <class F>
Result<std::vector<uint8_t>> sized(F fill) {
  std::vector<uint8_t> buf(4096);
  for (;;) {
    const int32_t n = fill(buf.data(), uint32_t(buf.size()));
    if (n < 0) return Errno(-n);
    if (size_t(n) <= buf.size()) {
      buf.resize(size_t(n));
      return buf;
    }
    buf.resize(size_t(n));
  }
}

}  // namespace

Result<HostStat> WasmHostFs::lstat(uint32_t mount, std::string_view path) {
  StatWords s;
  return decode(wb_js_fs_lstat(mount, path.data(), uint32_t(path.size()), s), s);
}

Result<int32_t> WasmHostFs::open(uint32_t mount, std::string_view path, uint32_t flags) {
  const int32_t h = wb_js_fs_open(mount, path.data(), uint32_t(path.size()), flags);
  if (h < 0) return Errno(-h);
  return h;
}

void WasmHostFs::close(int32_t handle) { wb_js_fs_close(handle); }

Result<size_t> WasmHostFs::pread(int32_t handle, std::span<uint8_t> out, uint64_t offset) {
  const int32_t n = wb_js_fs_pread(handle, out.data(), uint32_t(out.size()), offset);
  if (n < 0) return Errno(-n);
  return size_t(n);
}

Result<size_t> WasmHostFs::pwrite(int32_t handle, std::span<const uint8_t> in, uint64_t offset) {
  const int32_t n = wb_js_fs_pwrite(handle, in.data(), uint32_t(in.size()), offset);
  if (n < 0) return Errno(-n);
  return size_t(n);
}

Result<HostStat> WasmHostFs::fstat(int32_t handle) {
  StatWords s;
  return decode(wb_js_fs_fstat(handle, s), s);
}

Status WasmHostFs::ftruncate(int32_t handle, uint64_t size) {
  return status(wb_js_fs_ftruncate(handle, size));
}

Status WasmHostFs::fsync(int32_t handle) { return status(wb_js_fs_fsync(handle)); }

Status WasmHostFs::utimes(uint32_t mount, std::string_view path, std::optional<uint64_t> atim,
                          std::optional<uint64_t> mtim) {
  return status(
      wb_js_fs_utimes(mount, path.data(), uint32_t(path.size()), time_arg(atim), time_arg(mtim)));
}

Status WasmHostFs::mkdir(uint32_t mount, std::string_view path) {
  return status(wb_js_fs_mkdir(mount, path.data(), uint32_t(path.size())));
}

Status WasmHostFs::rmdir(uint32_t mount, std::string_view path) {
  return status(wb_js_fs_rmdir(mount, path.data(), uint32_t(path.size())));
}

Status WasmHostFs::unlink(uint32_t mount, std::string_view path) {
  return status(wb_js_fs_unlink(mount, path.data(), uint32_t(path.size())));
}

Status WasmHostFs::rename(uint32_t mount, std::string_view from, std::string_view to) {
  return status(
      wb_js_fs_rename(mount, from.data(), uint32_t(from.size()), to.data(), uint32_t(to.size())));
}

Status WasmHostFs::link(uint32_t mount, std::string_view from, std::string_view to) {
  return status(
      wb_js_fs_link(mount, from.data(), uint32_t(from.size()), to.data(), uint32_t(to.size())));
}

Status WasmHostFs::symlink(uint32_t mount, std::string_view target, std::string_view path) {
  return status(wb_js_fs_symlink(mount, target.data(), uint32_t(target.size()), path.data(),
                                 uint32_t(path.size())));
}

Result<std::string> WasmHostFs::readlink(uint32_t mount, std::string_view path) {
  WB_ASSIGN(auto bytes, sized([&](uint8_t* out, uint32_t cap) {
              return wb_js_fs_readlink(mount, path.data(), uint32_t(path.size()),
                                       reinterpret_cast<char*>(out), cap);
            }));
  return std::string(bytes.begin(), bytes.end());
}

Result<std::vector<HostDirent>> WasmHostFs::readdir(uint32_t mount, std::string_view path) {
  WB_ASSIGN(auto bytes, sized([&](uint8_t* out, uint32_t cap) {
              return wb_js_fs_readdir(mount, path.data(), uint32_t(path.size()), out, cap);
            }));
  std::vector<HostDirent> out;
  constexpr size_t kHeader = 13;  // u8 type, u64 ino, u32 name length
  for (size_t at = 0; at + kHeader <= bytes.size();) {
    const auto type = FileType(bytes[at]);
    const uint64_t ino = load_le(&bytes[at + 1], 8);
    const auto len = size_t(load_le(&bytes[at + 9], 4));
    at += kHeader;
    if (at + len > bytes.size()) return Errno::Io;
    out.push_back({std::string(bytes.begin() + at, bytes.begin() + at + len), type, ino});
    at += len;
  }
  return out;
}

}  // namespace wb
