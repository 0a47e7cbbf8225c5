/* lockf(3) over fcntl's record locks, as musl's (wasi-libc leaves it
 * out): F_LOCK and F_TLOCK take a write lock on [offset, offset + len),
 * F_ULOCK drops it, F_TEST asks whether another process holds one. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int lockf(int fd, int op, off_t len) {
  struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_len = len};
  switch (op) {
    case F_TEST:
      l.l_type = F_RDLCK;
      if (fcntl(fd, F_GETLK, &l) < 0) return -1;
      if (l.l_type == F_UNLCK || l.l_pid == getpid()) return 0;
      errno = EACCES;
      return -1;
    case F_ULOCK:
      l.l_type = F_UNLCK;
      return fcntl(fd, F_SETLK, &l);
    case F_TLOCK:
      return fcntl(fd, F_SETLK, &l);
    case F_LOCK:
      return fcntl(fd, F_SETLKW, &l);
  }
  errno = EINVAL;
  return -1;
}
