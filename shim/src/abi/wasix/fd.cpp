// This file defines descriptor duplication and pipes for the extension ABI.
#include "abi/wasix/wasix.h"
#include "ops/descriptor.h"

namespace wb::wasix {
namespace {

Result<bool> cloexec_of(u32 fdflagsext) {
  if (fdflagsext & ~kCloexec) return Errno::Inval;
  return (fdflagsext & kCloexec) != 0;
}

}  // namespace

Errno fd_dup(Call& c, u32 fd, P new_fd) { return fd_dup2(c, fd, 0, 0, new_fd); }

Errno fd_dup2(Call& c, u32 fd, u32 min, u32 cloexec, P new_fd) {
  WB_TRY(c.mem.check_range(new_fd, 4));
  WB_ASSIGN(uint32_t to, c.proc.fds().dup(fd, min, cloexec != 0));
  return c.mem.write_u32(new_fd, to);
}

Errno fd_dup3(Call& c, u32 from, u32 to, u32 fdflagsext) {
  WB_ASSIGN(bool cloexec, cloexec_of(fdflagsext));
  return ops::dup3(c.proc.fds(), from, to, cloexec);
}

Errno fd_pipe(Call& c, P read_fd, P write_fd) {
  WB_TRY(c.mem.check_range(read_fd, 4));
  WB_TRY(c.mem.check_range(write_fd, 4));
  WB_ASSIGN(auto ends, ops::open_pipe(c.kernel, c.proc.fds()));
  const auto [r, w] = ends;
  WB_TRY(c.mem.write_u32(read_fd, r));
  return c.mem.write_u32(write_fd, w);
}

Errno fd_fdflags_get(Call& c, u32 fd, P fdflagsext) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  const uint16_t flags = e->cloexec ? kCloexec : 0;  // fdflagsext is a u16
  return c.mem.write(fdflagsext, &flags, sizeof flags);
}

Errno fd_fdflags_set(Call& c, u32 fd, u32 fdflagsext) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  WB_ASSIGN(bool cloexec, cloexec_of(fdflagsext));
  e->cloexec = cloexec;
  return Errno::Success;
}

}  // namespace wb::wasix
