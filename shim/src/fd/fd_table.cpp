// This file defines the descriptor table's lookups and updates.
#include "fd/fd_table.h"

namespace wb {

Result<FdEntry*> FdTable::get(uint32_t fd, uint64_t rights) {
  if (fd >= slots_.size() || !slots_[fd]) return Errno::Badf;
  FdEntry* e = &*slots_[fd];
  if ((e->rights_base & rights) != rights) return Errno::NotCapable;
  return e;
}

uint32_t FdTable::lowest_free() const {
  uint32_t fd = 0;
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
  slots_[fd] = std::move(e);
  return Errno::Success;
}

Status FdTable::close(uint32_t fd) {
  if (fd >= slots_.size() || !slots_[fd]) return Errno::Badf;
  slots_[fd].reset();
  while (!slots_.empty() && !slots_.back()) slots_.pop_back();
  return Errno::Success;
}

Status FdTable::renumber(uint32_t from, uint32_t to) {
  WB_ASSIGN(FdEntry * src, get(from));
  WB_ASSIGN(FdEntry * dst, get(to));
  if (from == to) return Errno::Success;
  *dst = std::move(*src);
  return close(from);
}

}  // namespace wb
