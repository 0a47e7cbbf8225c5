/* ioctl and fcntl for wasi-libc, whose own know only FIONREAD/FIONBIO and
 * the status flags: the kernel's Linux-style calls serve the rest
 * (terminal attributes, window size, F_DUPFD, FD_CLOEXEC). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <wasi/api.h>

#include "wasmbox/imports.h"

/* Linux's numbers for the two requests wasi-libc numbers its own way. */
#define LINUX_FIONREAD 0x541B
#define LINUX_FIONBIO 0x5421
#define LINUX_F_DUPFD 0

int ioctl(int fd, int request, ...) {
  va_list ap;
  va_start(ap, request);
  long arg = (long)va_arg(ap, void*);
  va_end(ap);
  if (request == FIONREAD) request = LINUX_FIONREAD;
  if (request == FIONBIO) request = LINUX_FIONBIO;
  return (int)__wasmbox_ret(__wasmbox_sys_ioctl(fd, request, (long)&arg));
}

/* F_GETFL/F_SETFL in wasi-libc's flag values, as wasi-libc does it. */
static int status_flags(int fd, int cmd, long arg) {
  __wasi_fdstat_t st;
  if (__wasmbox_errno(__wasi_fd_fdstat_get(fd, &st))) return -1;
  if (cmd == F_SETFL) {
    __wasi_fdflags_t keep = st.fs_flags & ~(__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_NONBLOCK);
    __wasi_fdflags_t set = arg & (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_NONBLOCK);
    return __wasmbox_errno(__wasi_fd_fdstat_set_flags(fd, keep | set));
  }
  int flags = st.fs_flags;
  __wasi_rights_t r = st.fs_rights_base;
  if (r & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR)) flags |= O_RDONLY;
  if (r & __WASI_RIGHTS_FD_WRITE) flags |= O_WRONLY;
  return flags;
}

int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  long arg = va_arg(ap, long);
  va_end(ap);
  if (cmd == F_GETFL || cmd == F_SETFL) return status_flags(fd, cmd, arg);
  return (int)__wasmbox_ret(__wasmbox_sys_fcntl64(fd, cmd, (long)&arg));
}
