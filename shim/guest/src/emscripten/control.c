/* Emscripten's standalone libc has ENOSYS stubs for the ioctl and fcntl
 * syscalls that cannot be replaced, so the functions above them are:
 * termios, window size, isatty, F_DUPFD, F_GETFL... then work. */
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

/* Emscripten's link() is a stub that fails with EMLINK; linkat is served. */
int link(const char* existing, const char* new_path) {
  return linkat(AT_FDCWD, existing, AT_FDCWD, new_path, 0);
}
