// This file defines the descriptor table's lookups and updates.
#include "fd/fd_table.h"

namespace wb {

Result<FdEntry*> FdTable::get(uint32_t fd, uint64_t rights) {
  if (fd >= slots_.size() || !slots_[fd]) return Errno::Badf;
  FdEntry* e = &*slots_[fd];
  if ((e->rights_base & rights) != rights) return Errno::NotCapable;
  return e;
}

uint32_t FdTable::lowest_free(uint32_t min) const {
  uint32_t fd = min;
  while (fd < slots_.size() && slots_[fd]) ++fd;
  return fd;
}

bool FdTable::has_room() const { return lowest_free() < limit_; }

Result<uint32_t> FdTable::insert(FdEntry e) {
  const uint32_t fd = lowest_free();
  if (fd >= limit_) return Errno::Mfile;
  WB_TRY(insert_at(fd, std::move(e)));
  return fd;
}

Status FdTable::insert_at(uint32_t fd, FdEntry e) {
  if (fd >= limit_) return Errno::Mfile;
  if (fd >= slots_.size()) slots_.resize(fd + 1);
  if (slots_[fd]) drop(fd);
  slots_[fd] = std::move(e);
  return Errno::Success;
}

void FdTable::drop(uint32_t fd) {
  // The entry goes first: the hook may look at the table.
  const std::shared_ptr<OpenFile> file = std::move(slots_[fd]->file);
  slots_[fd].reset();
  if (on_drop_) on_drop_(*file);
}

Status FdTable::close(uint32_t fd) {
  if (fd >= slots_.size() || !slots_[fd]) return Errno::Badf;
  drop(fd);
  trim();
  return Errno::Success;
}

void FdTable::trim() {
  while (!slots_.empty() && !slots_.back()) slots_.pop_back();
}

Status FdTable::renumber(uint32_t from, uint32_t to) {
  WB_ASSIGN(FdEntry * src, get(from));
  WB_TRY(get(to).status());
  if (from == to) return Errno::Success;
  FdEntry moved = std::move(*src);
  slots_[from].reset();
  WB_TRY(insert_at(to, std::move(moved)));
  trim();
  return Errno::Success;
}

FdEntry FdTable::copy_of(const FdEntry& e, bool cloexec) {
  return {e.file, e.rights_base, e.rights_inheriting, std::nullopt, cloexec};
}

Result<uint32_t> FdTable::dup(uint32_t fd, uint32_t min, bool cloexec) {
  WB_ASSIGN(FdEntry * e, get(fd));
  if (min >= limit_) return Errno::Inval;
  const uint32_t to = lowest_free(min);
  if (to >= limit_) return Errno::Mfile;
  WB_TRY(insert_at(to, copy_of(*e, cloexec)));
  return to;
}

Status FdTable::dup_to(uint32_t from, uint32_t to, bool cloexec) {
  WB_ASSIGN(FdEntry * e, get(from));
  if (to >= limit_) return Errno::Badf;
  FdEntry copy = copy_of(*e, cloexec);  // before insert_at may move the slots
  return insert_at(to, std::move(copy));
}

// Preopens stay preopens, so a child's WASI libc finds them as its own.
FdTable FdTable::inherited() const {
  FdTable t(limit_);
  t.slots_.resize(slots_.size());
  for (size_t fd = 0; fd < slots_.size(); ++fd) {
    if (slots_[fd] && !slots_[fd]->cloexec) t.slots_[fd] = slots_[fd];
  }
  return t;
}

void FdTable::close_on_exec() {
  for (uint32_t fd = 0; fd < slots_.size(); ++fd) {
    if (slots_[fd] && slots_[fd]->cloexec) drop(fd);
  }
  trim();
}

}  // namespace wb
