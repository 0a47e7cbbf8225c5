/* Descriptor duplication and pipes for wasi-libc, which has none, over
 * the kernel's WASIX-style imports. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "wasmbox/imports.h"

int dup(int fd) {
  uint32_t out;
  if (__wasmbox_errno(__wasmbox_fd_dup((uint32_t)fd, &out))) return -1;
  return (int)out;
}

/* wasi-libc's O_CLOEXEC is 0 (it has no exec): no flag is valid. */
int dup3(int from, int to, int flags) {
  if (flags != 0) {
    errno = EINVAL;
    return -1;
  }
  if (__wasmbox_errno(__wasmbox_fd_dup3((uint32_t)from, (uint32_t)to, 0))) return -1;
  return to;
}

int dup2(int from, int to) {
  if (from == to) return fcntl(from, F_GETFD) < 0 ? -1 : to;
  return dup3(from, to, 0);
}

int pipe(int fds[2]) {
  uint32_t r, w;
  if (__wasmbox_errno(__wasmbox_fd_pipe(&r, &w))) return -1;
  fds[0] = (int)r;
  fds[1] = (int)w;
  return 0;
}
