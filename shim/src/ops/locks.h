// This file defines the advisory-lock operations of a descriptor: fcntl's
// record locks (a process's, or its open file description's) and flock,
// over the kernel's lock table (fd/file_locks.h). A lock that must wait
// answers "would block" and is asked again once the kernel changed.
#pragma once

#include <cstdint>
#include <optional>

#include "abi/call.h"
#include "base/blocking.h"
#include "fd/fd_table.h"
#include "fd/file_locks.h"

namespace wb::ops {

// A lock request as struct flock gives it: a range from `whence` (0 the
// start, 1 the description's offset, 2 the end of the file), `len` 0
// meaning to the end however far it grows, a negative `len` the bytes
// before `start`. EINVAL for a range that starts before the file does.
Result<ByteRange> lock_range(OpenFile& of, uint32_t whence, int64_t start, int64_t len);

// Takes (`kind`) or drops (none) `range` for `owner` on the file of `e`,
// which must be open for reading to take a read lock and for writing to
// take a write lock (EBADF). A conflict gives EAGAIN, or with `wait` "would
// block" (EDEADLK if the holder waits for this owner).
Blocking<Done> lock_record(Call& c, FdEntry& e, LockOwner owner, std::optional<LockKind> kind,
                           ByteRange range, bool wait);

// A lock of another owner that taking `range` as `kind` would conflict with.
std::optional<RecordLock> record_conflict(Call& c, FdEntry& e, LockOwner owner, LockKind kind,
                                          ByteRange range);

// flock's LOCK_SH (Read), LOCK_EX (Write) or LOCK_UN (none) for the open
// file description of `e`: a conflict gives EWOULDBLOCK with `nonblock`,
// else "would block".
Blocking<Done> lock_whole(Call& c, FdEntry& e, std::optional<LockKind> kind, bool nonblock);

}  // namespace wb::ops
