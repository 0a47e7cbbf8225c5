// This file defines FileLocks, the box's advisory locks on files, kept
// apart from the files themselves so that every backend has them:
//   - record locks (fcntl F_SETLK, F_SETLKW, F_GETLK) on byte ranges,
//     owned by a process (POSIX locks: they go when it closes any
//     descriptor of the file, or ends) or by an open file description
//     (Linux's F_OFD_* locks: they go with its last descriptor);
//   - flock's whole-file locks, owned by an open file description, in a
//     space of their own (they never conflict with record locks), as on
//     Linux.
// A file is named by its device and inode number: two lookups of a host
// file give two inode objects but one file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "base/errno.h"

namespace wb {

struct OpenFile;

struct FileKey {
  uint64_t dev = 0;
  uint64_t ino = 0;
  auto operator<=>(const FileKey&) const = default;
};

enum class LockKind : uint8_t { Read, Write };  // flock: shared, exclusive

// Who holds a lock: a process, or an open file description.
struct LockOwner {
  static LockOwner process(uint32_t pid) { return {pid, nullptr}; }
  static LockOwner description(const OpenFile* of) { return {0, of}; }
  uint32_t pid = 0;
  const OpenFile* file = nullptr;
  bool operator==(const LockOwner&) const = default;
};

// Bytes [start, end) of a file; kToEnd: to the end of the file, however
// far it grows.
struct ByteRange {
  static constexpr uint64_t kToEnd = UINT64_MAX;
  uint64_t start = 0;
  uint64_t end = kToEnd;
  bool overlaps(const ByteRange& o) const { return start < o.end && o.start < end; }
};

struct RecordLock {
  LockOwner owner;
  LockKind kind = LockKind::Read;
  ByteRange range;
};

class FileLocks {
 public:
  // A lock of another owner that `want` conflicts with (F_GETLK).
  std::optional<RecordLock> conflict(FileKey file, const RecordLock& want) const;
  // Takes `want`'s range for its owner, replacing what the owner held
  // there. EAGAIN on a conflict; with `wait`, EDEADLK instead when the
  // holder waits (perhaps through others) for a lock of this owner, else
  // nothing changes and the owner is recorded as waiting.
  Errno lock(FileKey file, const RecordLock& want, bool wait);
  // Drops the owner's locks on `range` (F_UNLCK), splitting those that
  // reach beyond it.
  void unlock(FileKey file, LockOwner owner, ByteRange range);
  // Drops every record lock of `owner` on `file` (a POSIX owner closed a
  // descriptor of it).
  void release(FileKey file, LockOwner owner);
  // Drops every lock of `owner`, of both kinds (its process ended, its
  // description is gone), and its wait.
  void release_all(LockOwner owner);

  // flock: takes (or, `kind` empty, drops) the whole-file lock of open file
  // description `of`. A conversion drops the old lock first, as on Linux.
  // EAGAIN on a conflict.
  Errno flock(FileKey file, const OpenFile* of, std::optional<LockKind> kind);

 private:
  struct Wait {
    FileKey file;
    RecordLock want;
  };
  struct WholeFileLock {
    const OpenFile* of;
    LockKind kind;
  };
  bool waits_for(LockOwner waiter, LockOwner holder) const;

  std::map<FileKey, std::vector<RecordLock>> records_;
  std::map<uint32_t, Wait> waiting_;  // by pid: POSIX owners that wait
  std::map<FileKey, std::vector<WholeFileLock>> whole_;
};

}  // namespace wb
