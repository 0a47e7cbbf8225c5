// This file defines sock_*: the box has no sockets yet, so an open fd is
// ENOTSOCK and any other EBADF.
#include "abi/wasi/wasi.h"

namespace wb::wasi {
namespace {
Errno not_a_socket(Call& c, u32 fd) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  (void)e;
  return Errno::NotSock;
}
}  // namespace

Errno sock_accept(Call& c, u32 fd, u32, P) { return not_a_socket(c, fd); }
Errno sock_recv(Call& c, u32 fd, P, u32, u32, P, P) { return not_a_socket(c, fd); }
Errno sock_send(Call& c, u32 fd, P, u32, u32, P) { return not_a_socket(c, fd); }
Errno sock_shutdown(Call& c, u32 fd, u32) { return not_a_socket(c, fd); }

}  // namespace wb::wasi
