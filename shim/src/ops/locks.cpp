// This file defines the advisory-lock operations of a descriptor.
#include "ops/locks.h"

#include "kernel.h"
#include "ops/file.h"

namespace wb::ops {
namespace {

constexpr uint32_t kSeekSet = 0;
constexpr uint32_t kSeekCur = 1;
constexpr uint32_t kSeekEnd = 2;

// What a lock that conflicts answers: it waits for any change of the
// kernel (another owner's unlock, close or end), or fails.
Blocking<Done> conflicted(Call& c, bool wait) {
  if (!wait) return Errno::Again;
  c.proc.wait.clear();
  return kWouldBlock;
}

}  // namespace

Result<ByteRange> lock_range(OpenFile& of, uint32_t whence, int64_t start, int64_t len) {
  int64_t base = 0;
  if (whence == kSeekCur) {
    base = int64_t(of.offset);
  } else if (whence == kSeekEnd) {
    WB_ASSIGN(uint64_t size, file_size(of));
    base = int64_t(size);
  } else if (whence != kSeekSet) {
    return Errno::Inval;
  }
  int64_t from = 0;
  if (__builtin_add_overflow(base, start, &from)) return Errno::Overflow;
  if (len == 0) {
    if (from < 0) return Errno::Inval;
    return ByteRange{uint64_t(from), ByteRange::kToEnd};
  }
  int64_t to = 0;
  if (__builtin_add_overflow(from, len, &to)) return Errno::Overflow;
  if (len < 0) std::swap(from, to);
  if (from < 0) return Errno::Inval;
  return ByteRange{uint64_t(from), uint64_t(to)};
}

Blocking<Done> lock_record(Call& c, FdEntry& e, LockOwner owner, std::optional<LockKind> kind,
                           ByteRange range, bool wait) {
  OpenFile& of = *e.file;
  FileLocks& locks = c.kernel.locks();
  if (!kind) {
    locks.unlock(of.file_key(), owner, range);
    return Errno::Success;
  }
  if (*kind == LockKind::Read ? !of.readable() : !of.writable()) return Errno::Badf;
  const Errno r = locks.lock(of.file_key(), {owner, *kind, range}, wait);
  if (r == Errno::Again) return conflicted(c, wait);
  // A description that owns locks releases them when it goes.
  if (r == Errno::Success && owner.file) of.locks = &locks;
  return r;
}

std::optional<RecordLock> record_conflict(Call& c, FdEntry& e, LockOwner owner, LockKind kind,
                                          ByteRange range) {
  return c.kernel.locks().conflict(e.file->file_key(), {owner, kind, range});
}

Blocking<Done> lock_whole(Call& c, FdEntry& e, std::optional<LockKind> kind, bool nonblock) {
  OpenFile& of = *e.file;
  FileLocks& locks = c.kernel.locks();
  const Errno r = locks.flock(of.file_key(), &of, kind);
  if (r == Errno::Again) return conflicted(c, !nonblock);
  if (r == Errno::Success && kind) of.locks = &locks;
  return r;
}

}  // namespace wb::ops
