// This file defines the advisory lock tables: conflicts, taking and
// dropping ranges, the waits' deadlock check, and flock.
#include "fd/file_locks.h"

#include <algorithm>

namespace wb {
namespace {

bool conflicts(const RecordLock& held, const RecordLock& want) {
  return held.owner != want.owner && held.range.overlaps(want.range) &&
         (held.kind == LockKind::Write || want.kind == LockKind::Write);
}

// Removes `owner`'s hold on `range`, keeping the parts of its locks
// outside it.
void cut(std::vector<RecordLock>& locks, LockOwner owner, ByteRange range) {
  std::vector<RecordLock> kept;
  for (const RecordLock& l : locks) {
    if (l.owner != owner || !l.range.overlaps(range)) {
      kept.push_back(l);
      continue;
    }
    if (l.range.start < range.start)
      kept.push_back({l.owner, l.kind, {l.range.start, range.start}});
    if (l.range.end > range.end) kept.push_back({l.owner, l.kind, {range.end, l.range.end}});
  }
  locks = std::move(kept);
}

// How far a chain of waits is followed for a cycle: Linux's limit.
constexpr int kMaxWaitChain = 10;

}  // namespace

std::optional<RecordLock> FileLocks::conflict(FileKey file, const RecordLock& want) const {
  const auto it = records_.find(file);
  if (it == records_.end()) return std::nullopt;
  for (const RecordLock& held : it->second) {
    if (conflicts(held, want)) return held;
  }
  return std::nullopt;
}

// Whether `holder` waits, directly or through other processes' waits, for
// a lock that `waiter` holds. Only POSIX owners are followed, as Linux.
bool FileLocks::waits_for(LockOwner waiter, LockOwner holder) const {
  for (int i = 0; i < kMaxWaitChain && holder.file == nullptr; ++i) {
    const auto w = waiting_.find(holder.pid);
    if (w == waiting_.end()) return false;
    const auto next = conflict(w->second.file, w->second.want);
    if (!next) return false;
    if (next->owner == waiter) return true;
    holder = next->owner;
  }
  return false;
}

Errno FileLocks::lock(FileKey file, const RecordLock& want, bool wait) {
  const bool posix = want.owner.file == nullptr;
  if (const auto held = conflict(file, want)) {
    if (!wait) return Errno::Again;
    if (posix && waits_for(want.owner, held->owner)) return Errno::Deadlk;
    if (posix) waiting_.insert_or_assign(want.owner.pid, Wait{file, want});
    return Errno::Again;
  }
  if (posix) waiting_.erase(want.owner.pid);
  std::vector<RecordLock>& locks = records_[file];
  cut(locks, want.owner, want.range);
  // Neighbours of the same kind merge into one lock, as Linux reports them.
  ByteRange merged = want.range;
  std::erase_if(locks, [&](const RecordLock& l) {
    const bool touches = l.range.start <= merged.end && merged.start <= l.range.end;
    if (l.owner != want.owner || l.kind != want.kind || !touches) return false;
    merged = {std::min(merged.start, l.range.start), std::max(merged.end, l.range.end)};
    return true;
  });
  locks.push_back({want.owner, want.kind, merged});
  return Errno::Success;
}

void FileLocks::unlock(FileKey file, LockOwner owner, ByteRange range) {
  const auto it = records_.find(file);
  if (it == records_.end()) return;
  cut(it->second, owner, range);
  if (it->second.empty()) records_.erase(it);
}

void FileLocks::release(FileKey file, LockOwner owner) { unlock(file, owner, ByteRange{}); }

void FileLocks::release_all(LockOwner owner) {
  for (auto it = records_.begin(); it != records_.end();) {
    std::erase_if(it->second, [&](const RecordLock& l) { return l.owner == owner; });
    it = it->second.empty() ? records_.erase(it) : std::next(it);
  }
  if (owner.file == nullptr) {
    waiting_.erase(owner.pid);
    return;
  }
  for (auto it = whole_.begin(); it != whole_.end();) {
    std::erase_if(it->second, [&](const WholeFileLock& l) { return l.of == owner.file; });
    it = it->second.empty() ? whole_.erase(it) : std::next(it);
  }
}

Errno FileLocks::flock(FileKey file, const OpenFile* of, std::optional<LockKind> kind) {
  std::vector<WholeFileLock>& locks = whole_[file];
  std::erase_if(locks, [&](const WholeFileLock& l) { return l.of == of; });
  if (kind) {
    const bool blocked = std::any_of(locks.begin(), locks.end(), [&](const WholeFileLock& l) {
      return l.kind == LockKind::Write || *kind == LockKind::Write;
    });
    if (blocked) return Errno::Again;
    locks.push_back({of, *kind});
  }
  if (locks.empty()) whole_.erase(file);
  return Errno::Success;
}

}  // namespace wb
