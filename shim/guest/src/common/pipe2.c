/* pipe2 is pipe plus the flags: Emscripten has no syscall import for it
 * and wasi-libc no pipes at all. (wasi-libc's O_CLOEXEC is 0.) */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

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
