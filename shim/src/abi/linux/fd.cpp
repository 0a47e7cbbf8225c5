// This file defines the descriptor calls of the Linux-style ABI over the
// kernel's operations, with Linux's errno for each unmet need. Rights are
// the kernel's (a descriptor made by this ABI holds every right of its
// kind); where Linux allows a call on a directory that WASI's right does
// not cover (fdatasync), no right is asked.
#include "abi/linux/linux.h"
#include "abi/linux/locks.h"
#include "abi/linux/records.h"
#include "ops/descriptor.h"
#include "ops/file.h"

namespace wb::sys {
namespace {

using namespace layout;

using ops::Need;

uint64_t join64(u32 low, u32 high) { return uint64_t(high) << 32 | low; }

Result<OpenFile*> get(Call& c, i32 fd, const Need& need) {
  return ops::open_file(c.proc.fds(), u32(fd), need);
}

// Linux struct dirent records, 8-byte aligned, gathered in kernel memory
// and copied out once.
class DirentWriter final : public DirSink {
 public:
  DirentWriter(std::vector<uint8_t>& buf, u32 cap) : buf_(buf), cap_(cap) { buf_.clear(); }
  bool add(const DirEntry& e) override {
    const auto reclen = uint32_t((kDirentName + e.name.size() + 1 + 7) & ~size_t(7));
    if (buf_.size() + reclen > cap_) return false;
    const size_t at = buf_.size();
    buf_.resize(at + reclen, 0);
    Record<kDirentName> r;
    r.u64(kDirentIno, e.ino);
    r.u64(kDirentOff, e.next_cookie);
    r.u16(kDirentReclen, uint16_t(reclen));
    r.u8(kDirentType, dirent_type_of(e.type));
    std::copy(r.data(), r.data() + r.size(), buf_.begin() + long(at));
    std::copy(e.name.begin(), e.name.end(), buf_.begin() + long(at + kDirentName));
    next_cookie_ = e.next_cookie;
    return true;
  }
  uint64_t next_cookie() const { return next_cookie_; }

 private:
  std::vector<uint8_t>& buf_;
  u32 cap_;
  uint64_t next_cookie_ = 0;
};

u32 status_flags(const OpenFile& of) {
  u32 flags = of.readable() && of.writable() ? oflag::RdWr
              : of.writable()                ? oflag::WrOnly
                                             : oflag::RdOnly;
  if (of.fdflags & fdflag::Append) flags |= oflag::Append;
  if (of.fdflags & fdflag::Nonblock) flags |= oflag::Nonblock;
  return flags;
}

}  // namespace

SysResult fstat64(Call& c, i32 fd, P buf) {
  WB_ASSIGN(OpenFile * of, get(c, fd, {.rights = right::FdFilestatGet}));
  WB_ASSIGN(Stat st, of->inode->stat(of));
  return done(write_stat(c, buf, st));
}

SysResult fstatfs64(Call& c, i32 fd, u32 size, P buf) {
  WB_ASSIGN(OpenFile * of, get(c, fd, {}));
  return done(write_statfs(c, buf, size, *of->inode));
}

// Linux: EINVAL for anything but a regular file open for writing.
SysResult ftruncate64(Call& c, i32 fd, u32 low, u32 high) {
  const auto size = int64_t(join64(low, high));
  if (size < 0) return Errno::Inval;
  WB_ASSIGN(OpenFile * of, get(c, fd,
                               {.rights = right::FdFilestatSetSize,
                                .if_directory = Errno::Inval,
                                .if_stream = Errno::Inval,
                                .write = true,
                                .if_no_access = Errno::Inval}));
  return done(ops::set_size(*of, uint64_t(size)));
}

SysResult fchmod(Call& c, i32 fd, u32 mode) {
  WB_ASSIGN(OpenFile * of, get(c, fd, {}));
  WB_TRY(of->inode->set_perm(mode & 07777));
  return 0;
}

// Everything belongs to the one user, who may chown anything: nothing changes.
SysResult fchown32(Call& c, i32 fd, u32, u32) {
  WB_TRY(get(c, fd, {}).status());
  return 0;
}

// Linux: EINVAL for a pipe or a terminal; a directory syncs.
SysResult fdatasync(Call& c, i32 fd) {
  WB_ASSIGN(OpenFile * of, get(c, fd, {.if_stream = Errno::Inval}));
  return done(of->inode->sync(*of));
}

// Linux checks the range, the mode, then the access (EBADF), then the kind:
// ESPIPE for a pipe, EISDIR, ENODEV for other non-files.
SysResult fallocate(Call& c, i32 fd, u32 mode, u32 off_low, u32 off_high, u32 len_low,
                    u32 len_high) {
  const auto off = int64_t(join64(off_low, off_high));
  const auto len = int64_t(join64(len_low, len_high));
  if (off < 0 || len <= 0) return Errno::Inval;
  if (mode != 0) return Errno::NotSup;  // no hole punching or collapsing
  WB_ASSIGN(OpenFile * of, get(c, fd,
                               {.rights = right::FdAllocate,
                                .if_directory = Errno::Badf,  // never open for writing
                                .if_stream = Errno::Spipe,
                                .write = true}));
  return done(ops::allocate(*of, uint64_t(off), uint64_t(len)));
}

// POSIX_FADV_* are numbered as WASI's advice. Linux: ESPIPE for a pipe.
SysResult fadvise64_64(Call& c, i32 fd, u32 off_low, u32 off_high, u32 len_low, u32 len_high,
                       u32 advice) {
  WB_TRY(get(c, fd, {.if_stream = Errno::Spipe}).status());
  const auto len = int64_t(join64(len_low, len_high));
  if (advice > kPosixFadvNoreuse || len < 0) return Errno::Inval;
  return done(ops::advise(join64(off_low, off_high), uint64_t(len)));
}

SysResult getdents64(Call& c, i32 fd, P dirp, u32 count) {
  WB_ASSIGN(OpenFile * dir_file,
            get(c, fd, {.rights = right::FdReaddir, .if_not_directory = Errno::NotDir}));
  OpenFile& of = *dir_file;
  WB_TRY(c.mem.check_range(dirp, count));
  // Listed in batches of at most 64 KiB of records.
  DirentWriter out(c.kernel.scratch().io, std::min<u32>(count, 64 * 1024));
  auto& dir = static_cast<Directory&>(*of.inode);
  WB_TRY(dir.read_entries(of, of.offset, out));
  const auto& bytes = c.kernel.scratch().io;
  if (bytes.empty()) {
    // The end of the listing, or no room for the next entry.
    struct Probe final : DirSink {
      bool any = false;
      bool add(const DirEntry&) override { return !(any = true); }
    } probe;
    WB_TRY(dir.read_entries(of, of.offset, probe));
    if (probe.any) return Errno::Inval;
    return 0;
  }
  WB_TRY(c.mem.write(dirp, bytes.data(), uint32_t(bytes.size())));
  of.offset = out.next_cookie();
  return i32(bytes.size());
}

SysBlocking fcntl64(Call& c, i32 fd, u32 cmd, P varargs) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(u32(fd)));
  const auto arg = [&]() { return c.mem.read_u32(varargs); };
  switch (cmd) {
    case kFDupfd:
    case kFDupfdCloexec: {
      WB_ASSIGN(u32 min, arg());
      if (min >= c.proc.fds().limit()) return Errno::Inval;
      WB_ASSIGN(u32 to, c.proc.fds().dup(u32(fd), min, cmd == kFDupfdCloexec));
      return i32(to);
    }
    case kFGetfd:
      return e->cloexec ? i32(kFdCloexec) : 0;
    case kFSetfd: {
      WB_ASSIGN(u32 flags, arg());
      e->cloexec = flags & kFdCloexec;
      return 0;
    }
    case kFGetfl:
      return i32(status_flags(*e->file));
    case kFSetfl: {
      WB_ASSIGN(u32 flags, arg());
      // Any descriptor, a directory's too; other bits are ignored, as Linux.
      WB_TRY(ops::check(*e, {.rights = right::FdFdstatSetFlags}));
      const uint16_t wanted = ((flags & oflag::Append) ? fdflag::Append : 0) |
                              ((flags & oflag::Nonblock) ? fdflag::Nonblock : 0);
      ops::set_status_flags(*e->file, wanted, fdflag::Append | fdflag::Nonblock);
      return 0;
    }
    case kFGetlk:
    case kFSetlk:
    case kFSetlkw:
    case kFGetlkEmscripten:
    case kFSetlkEmscripten:
    case kFSetlkwEmscripten:
    case kFOfdGetlk:
    case kFOfdSetlk:
    case kFOfdSetlkw: {
      WB_ASSIGN(u32 flock, arg());
      return record_lock(c, *e, cmd, P{flock});
    }
    default:
      return Errno::Inval;
  }
}

SysResult dup(Call& c, i32 fd) {
  WB_ASSIGN(u32 to, c.proc.fds().dup(u32(fd)));
  return i32(to);
}

SysResult dup3(Call& c, i32 fd, i32 to, u32 flags) {
  if (flags & ~oflag::Cloexec) return Errno::Inval;
  if (to < 0) return Errno::Badf;
  WB_TRY(ops::dup3(c.proc.fds(), u32(fd), u32(to), (flags & oflag::Cloexec) != 0));
  return to;
}

SysResult pipe(Call& c, P fds) {
  WB_TRY(c.mem.check_range(fds, 8));
  WB_ASSIGN(auto ends, ops::open_pipe(c.kernel, c.proc.fds()));
  Record<8> r;
  r.u32(0, ends.first);
  r.u32(4, ends.second);
  return done(c.mem.write(fds, r));
}

}  // namespace wb::sys
