// This file defines the shared operations on an open file.
#include "ops/file.h"

namespace wb::ops {

Result<uint64_t> file_size(OpenFile& of) {
  WB_ASSIGN(Stat st, of.inode->stat(&of));
  return st.size;
}

Status set_size(OpenFile& of, uint64_t size) {
  if (size > kMaxOffset) return Errno::Fbig;
  return of.inode->set_size(&of, size);
}

Status allocate(OpenFile& of, uint64_t offset, uint64_t len) {
  if (len == 0) return Errno::Inval;
  const uint64_t end = offset + len;
  if (end < offset || end > kMaxOffset) return Errno::Fbig;
  WB_ASSIGN(uint64_t size, file_size(of));
  return end > size ? of.inode->set_size(&of, end) : Errno::Success;
}

Status advise(uint64_t offset, uint64_t len) {
  return offset + len < offset ? Errno::Inval : Errno::Success;
}

void set_status_flags(OpenFile& of, uint16_t flags, uint16_t mask) {
  of.fdflags = uint16_t((of.fdflags & ~mask) | (flags & mask));
}

}  // namespace wb::ops
