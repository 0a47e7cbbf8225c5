/* Emscripten's standalone libc has ENOSYS stubs for the ioctl and fcntl
 * syscalls that cannot be replaced, so the functions above them are:
 * termios, window size, isatty, F_DUPFD, F_GETFL... then work. pipe2 has
 * no syscall import at all; it is pipe plus the flags. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "wasmbox/imports.h"

int ioctl(int fd, int request, ...) {
  va_list ap;
  va_start(ap, request);
  long arg = (long)va_arg(ap, void*);
  va_end(ap);
  return (int)__wasmbox_ret(__wasmbox_sys_ioctl(fd, request, (long)&arg));
}

int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  long arg = va_arg(ap, long);
  va_end(ap);
  return (int)__wasmbox_ret(__wasmbox_sys_fcntl64(fd, cmd, (long)&arg));
}

int pipe2(int fds[2], int flags) {
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) {
    errno = EINVAL;
    return -1;
  }
  if (pipe(fds) < 0) return -1;
  for (int i = 0; i < 2; ++i) {
    if (((flags & O_CLOEXEC) && fcntl(fds[i], F_SETFD, FD_CLOEXEC) < 0) ||
        ((flags & O_NONBLOCK) && fcntl(fds[i], F_SETFL, O_NONBLOCK) < 0)) {
      int saved = errno;
      close(fds[0]);
      close(fds[1]);
      errno = saved;
      return -1;
    }
  }
  return 0;
}

/* Emscripten's link() is a stub that fails with EMLINK; linkat is served. */
int link(const char* existing, const char* new_path) {
  return linkat(AT_FDCWD, existing, AT_FDCWD, new_path, 0);
}
