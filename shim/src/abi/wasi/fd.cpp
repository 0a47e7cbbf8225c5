// This file defines the fd_* calls. Like wasmtime, calls meant for files
// answer EBADF on a directory and ESPIPE on a stream where they seek.
#include "abi/wasi/records.h"
#include "abi/wasi/wasi.h"
#include "host.h"
#include "ops/descriptor.h"
#include "ops/file.h"
#include "ops/io.h"

namespace wb::wasi {
namespace {

using ops::Need;

// What each kind of fd_* call needs of its descriptor, with wasmtime's
// answers: calls meant for files give EBADF on a directory; seeking gives
// ESPIPE on a stream, other file calls EBADF.
constexpr Need file(u64 rights) { return {.rights = rights, .if_directory = Errno::Badf}; }
constexpr Need seekable(u64 rights) {
  return {.rights = rights, .if_directory = Errno::Badf, .if_stream = Errno::Spipe};
}
constexpr Need regular(u64 rights) {
  return {.rights = rights, .if_directory = Errno::Badf, .if_stream = Errno::Badf};
}
// A regular file opened for writing: `mode_error` when it is not (what the
// host's call answers on a read-only descriptor).
constexpr Need writable_regular(u64 rights, Errno mode_error) {
  return {.rights = rights,
          .if_directory = Errno::Badf,
          .if_stream = Errno::Badf,
          .write = true,
          .if_no_access = mode_error};
}
// Reading and writing check the access mode (EBADF, as the host would)
// before the right.
constexpr Need kReadable{.rights = right::FdRead, .if_directory = Errno::Badf, .read = true};
constexpr Need kWritable{.rights = right::FdWrite, .if_directory = Errno::Badf, .write = true};

Result<OpenFile*> get(Call& c, u32 fd, const Need& need) {
  return ops::open_file(c.proc.fds(), fd, need);
}

}  // namespace

Errno write_filestat(Call& c, P out, const Stat& st) {
  Record<layout::kFilestatSize> r;
  r.u64(layout::kFilestatDev, st.dev);
  r.u64(layout::kFilestatIno, st.ino);
  r.u8(layout::kFilestatFiletype, uint8_t(st.type));
  r.u64(layout::kFilestatNlink, st.nlink);
  r.u64(layout::kFilestatSizeField, st.size);
  r.u64(layout::kFilestatAtim, st.atim);
  r.u64(layout::kFilestatMtim, st.mtim);
  r.u64(layout::kFilestatCtim, st.ctim);
  return c.mem.write(out, r);
}

Result<TimeChange> time_change(Host& host, u64 atim, u64 mtim, u32 flags) {
  if (flags & ~u32(fstflag::All)) return Errno::Inval;
  if ((flags & fstflag::Atim) && (flags & fstflag::AtimNow)) return Errno::Inval;
  if ((flags & fstflag::Mtim) && (flags & fstflag::MtimNow)) return Errno::Inval;
  TimeChange t;
  const uint64_t now = host.realtime_ns();
  if (flags & fstflag::Atim) t.atim = atim;
  if (flags & fstflag::AtimNow) t.atim = now;
  if (flags & fstflag::Mtim) t.mtim = mtim;
  if (flags & fstflag::MtimNow) t.mtim = now;
  return t;
}

Errno fd_advise(Call& c, u32 fd, u64 offset, u64 len, u32 advice) {
  if (advice > u32(Advice::Noreuse)) return Errno::Inval;
  WB_TRY(get(c, fd, regular(right::FdAdvise)).status());
  return ops::advise(offset, len);
}

Errno fd_allocate(Call& c, u32 fd, u64 offset, u64 len) {
  WB_ASSIGN(OpenFile * of, get(c, fd, writable_regular(right::FdAllocate, Errno::Badf)));
  return ops::allocate(*of, offset, len);
}

Errno fd_close(Call& c, u32 fd) { return c.proc.fds().close(fd); }

Errno fd_datasync(Call& c, u32 fd) {
  WB_ASSIGN(OpenFile * of, get(c, fd, regular(right::FdDatasync)));
  return of->inode->sync(*of);
}

Errno fd_sync(Call& c, u32 fd) {
  WB_ASSIGN(OpenFile * of, get(c, fd, regular(right::FdSync)));
  return of->inode->sync(*of);
}

Errno fd_fdstat_get(Call& c, u32 fd, P out) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  Record<layout::kFdstatSize> r;
  r.u8(layout::kFdstatFiletype, uint8_t(e->file->inode->type()));
  r.u16(layout::kFdstatFlags, e->file->fdflags);
  r.u64(layout::kFdstatRightsBase, e->rights_base);
  r.u64(layout::kFdstatRightsInherit, e->rights_inheriting);
  return c.mem.write(out, r);
}

Errno fd_fdstat_set_flags(Call& c, u32 fd, u32 flags) {
  if (flags & ~u32(fdflag::All)) return Errno::Inval;
  // Synchronous-I/O flags cannot change after open (as in wasmtime).
  if (flags & (fdflag::Dsync | fdflag::Rsync | fdflag::Sync)) return Errno::Inval;
  WB_ASSIGN(OpenFile * of, get(c, fd, file(right::FdFdstatSetFlags)));
  ops::set_status_flags(*of, uint16_t(flags), fdflag::All);
  return Errno::Success;
}

Errno fd_fdstat_set_rights(Call& c, u32 fd, u64 base, u64 inheriting) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  // Rights can only be dropped.
  if ((base & ~e->rights_base) || (inheriting & ~e->rights_inheriting)) return Errno::NotCapable;
  e->rights_base = base;
  e->rights_inheriting = inheriting;
  return Errno::Success;
}

Errno fd_filestat_get(Call& c, u32 fd, P out) {
  WB_ASSIGN(OpenFile * of, get(c, fd, {.rights = right::FdFilestatGet}));
  WB_ASSIGN(Stat st, of->inode->stat(of));
  return write_filestat(c, out, st);
}

Errno fd_filestat_set_size(Call& c, u32 fd, u64 size) {
  // EINVAL on a read-only descriptor, as ftruncate.
  WB_ASSIGN(OpenFile * of, get(c, fd, writable_regular(right::FdFilestatSetSize, Errno::Inval)));
  return ops::set_size(*of, size);
}

Errno fd_filestat_set_times(Call& c, u32 fd, u64 atim, u64 mtim, u32 flags) {
  WB_ASSIGN(TimeChange t, time_change(c.kernel.host(), atim, mtim, flags));
  WB_ASSIGN(OpenFile * of, get(c, fd, {.rights = right::FdFilestatSetTimes}));
  return of->inode->set_times(of, t);
}

BlockingStatus fd_pread(Call& c, u32 fd, P iovs, u32 iovs_len, u64 offset, P nread) {
  WB_TRY(c.mem.check_range(nread, 4));
  WB_ASSIGN(OpenFile * of, get(c, fd, kReadable));
  WB_ASSIGN(uint64_t n, ops::read(c, *of, iovs, iovs_len, offset));
  return c.mem.write_u32(nread, uint32_t(n));
}

BlockingStatus fd_pwrite(Call& c, u32 fd, P iovs, u32 iovs_len, u64 offset, P nwritten) {
  WB_TRY(c.mem.check_range(nwritten, 4));
  WB_ASSIGN(OpenFile * of, get(c, fd, kWritable));
  WB_ASSIGN(uint64_t n, ops::write(c, *of, iovs, iovs_len, offset));
  return c.mem.write_u32(nwritten, uint32_t(n));
}

// Calls that change state check their result pointer first, so a bad one
// fails before anything is consumed, written or moved.
BlockingStatus fd_read(Call& c, u32 fd, P iovs, u32 iovs_len, P nread) {
  WB_TRY(c.mem.check_range(nread, 4));
  WB_ASSIGN(OpenFile * of, get(c, fd, kReadable));
  WB_ASSIGN(uint64_t n, ops::read(c, *of, iovs, iovs_len, std::nullopt));
  return c.mem.write_u32(nread, uint32_t(n));
}

BlockingStatus fd_write(Call& c, u32 fd, P iovs, u32 iovs_len, P nwritten) {
  WB_TRY(c.mem.check_range(nwritten, 4));
  WB_ASSIGN(OpenFile * of, get(c, fd, kWritable));
  WB_ASSIGN(uint64_t n, ops::write(c, *of, iovs, iovs_len, std::nullopt));
  return c.mem.write_u32(nwritten, uint32_t(n));
}

Errno fd_prestat_get(Call& c, u32 fd, P out) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  if (!e->preopen) return Errno::Badf;
  Record<layout::kPrestatSize> r;
  r.u8(0, kPreopenTypeDir);
  r.u32(4, uint32_t(e->preopen->size()));
  return c.mem.write(out, r);
}

Errno fd_prestat_dir_name(Call& c, u32 fd, P path, u32 path_len) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  if (!e->preopen) return Errno::NotDir;
  if (e->preopen->size() > path_len) return Errno::NameTooLong;
  return c.mem.write(path, e->preopen->data(), uint32_t(e->preopen->size()));
}

namespace {

// Serialises entries into the guest buffer one at a time; the entry that
// does not fit is cut at the buffer's end, as the spec prescribes.
class DirentWriter final : public DirSink {
 public:
  DirentWriter(Call& c, P buf, u32 len) : c_(c), buf_(buf), len_(len) {}
  bool add(const DirEntry& e) override {
    if (used_ == len_ || error_ != Errno::Success) return false;
    auto& bytes = c_.kernel.scratch().io;
    bytes.resize(layout::kDirentSize + e.name.size());
    Record<layout::kDirentSize> r;
    r.u64(layout::kDirentNext, e.next_cookie);
    r.u64(layout::kDirentIno, e.ino);
    r.u32(layout::kDirentNamlen, uint32_t(e.name.size()));
    r.u8(layout::kDirentType, uint8_t(e.type));
    std::copy(r.data(), r.data() + r.size(), bytes.begin());
    std::copy(e.name.begin(), e.name.end(), bytes.begin() + layout::kDirentSize);
    const auto n = uint32_t(std::min<uint64_t>(bytes.size(), len_ - used_));
    error_ = c_.mem.write(P{buf_.addr + used_}, bytes.data(), n);
    used_ += n;
    return used_ < len_ && error_ == Errno::Success;
  }
  u32 used() const { return used_; }
  Errno error() const { return error_; }

 private:
  Call& c_;
  P buf_;
  u32 len_;
  u32 used_ = 0;
  Errno error_ = Errno::Success;
};

}  // namespace

Errno fd_readdir(Call& c, u32 fd, P buf, u32 buf_len, u64 cookie, P bufused) {
  WB_ASSIGN(OpenFile * of,
            get(c, fd, {.rights = right::FdReaddir, .if_not_directory = Errno::Badf}));
  WB_TRY(c.mem.check_range(buf, buf_len));
  WB_TRY(c.mem.check_range(bufused, 4));
  DirentWriter out(c, buf, buf_len);
  auto& dir = static_cast<Directory&>(*of->inode);
  WB_TRY(dir.read_entries(*of, cookie, out));
  WB_TRY(out.error());
  return c.mem.write_u32(bufused, out.used());
}

Errno fd_renumber(Call& c, u32 fd, u32 to) { return c.proc.fds().renumber(fd, to); }

Errno fd_seek(Call& c, u32 fd, u64 offset, u32 whence, P newoffset) {
  if (whence > u32(Whence::End)) return Errno::Inval;
  WB_TRY(c.mem.check_range(newoffset, 8));
  const bool tell_only = Whence(whence) == Whence::Cur && offset == 0;
  const u64 needed = tell_only ? right::FdTell : right::FdSeek;
  // A directory's offset is a readdir cookie, which descriptors holding
  // the right (opened by the Linux-style ABI, for rewinddir and seekdir)
  // may set and read. Others are not seekable, as in wasmtime.
  auto e = c.proc.fds().get(fd);
  if (e.ok() && (*e)->file->inode->is_dir() &&
      ops::check(**e, {.rights = needed}) == Errno::Success) {
    OpenFile& dir = *(*e)->file;
    if (Whence(whence) == Whence::Set)
      dir.offset = offset;
    else if (!tell_only)
      return Errno::Inval;
    return c.mem.write_u64(newoffset, dir.offset);
  }
  WB_ASSIGN(OpenFile * of, get(c, fd, seekable(needed)));
  int64_t base = 0;
  if (Whence(whence) == Whence::Cur) base = int64_t(of->offset);
  if (Whence(whence) == Whence::End) {
    WB_ASSIGN(uint64_t size, ops::file_size(*of));
    base = int64_t(size);
  }
  int64_t target;
  if (__builtin_add_overflow(base, int64_t(offset), &target) || target < 0) return Errno::Inval;
  of->offset = uint64_t(target);
  return c.mem.write_u64(newoffset, of->offset);
}

Errno fd_tell(Call& c, u32 fd, P out) {
  WB_ASSIGN(OpenFile * of, get(c, fd, seekable(right::FdTell)));
  return c.mem.write_u64(out, of->offset);
}

}  // namespace wb::wasi
