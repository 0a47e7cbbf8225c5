/* utimensat and futimens for wasi-libc, whose translation of the times is
 * wrong here: NULL times set both to zero instead of now, and UTIME_NOW or
 * UTIME_OMIT in the mtime slot is read from the atime slot. wasi-libc's
 * utimensat (for AT_FDCWD), utime and utimes end in these two. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <wasi/api.h>

#include "wasmbox/imports.h"

/* The WASI timestamps and flags of a `times` argument; false for an
 * invalid nanosecond count. */
static int convert(const struct timespec* times, __wasi_timestamp_t out[2],
                   __wasi_fstflags_t* flags) {
  static const __wasi_fstflags_t set[2] = {__WASI_FSTFLAGS_ATIM, __WASI_FSTFLAGS_MTIM};
  static const __wasi_fstflags_t now[2] = {__WASI_FSTFLAGS_ATIM_NOW, __WASI_FSTFLAGS_MTIM_NOW};
  *flags = 0;
  for (int i = 0; i < 2; ++i) {
    out[i] = 0;
    if (!times || times[i].tv_nsec == UTIME_NOW) {
      *flags |= now[i];
    } else if (times[i].tv_nsec != UTIME_OMIT) {
      if (times[i].tv_nsec < 0 || times[i].tv_nsec >= 1000000000 || times[i].tv_sec < 0) return 0;
      out[i] = (__wasi_timestamp_t)times[i].tv_sec * 1000000000 + (__wasi_timestamp_t)times[i].tv_nsec;
      *flags |= set[i];
    }
  }
  return 1;
}

int __wasilibc_nocwd_utimensat(int fd, const char* path, const struct timespec times[2],
                               int flag) {
  __wasi_timestamp_t ts[2];
  __wasi_fstflags_t flags;
  if (!convert(times, ts, &flags) || (flag & ~AT_SYMLINK_NOFOLLOW)) {
    errno = EINVAL;
    return -1;
  }
  const __wasi_lookupflags_t lookup = (flag & AT_SYMLINK_NOFOLLOW) ? 0 : __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  return __wasmbox_errno(__wasi_path_filestat_set_times(fd, lookup, path, ts[0], ts[1], flags));
}

int futimens(int fd, const struct timespec times[2]) {
  __wasi_timestamp_t ts[2];
  __wasi_fstflags_t flags;
  if (!convert(times, ts, &flags)) {
    errno = EINVAL;
    return -1;
  }
  return __wasmbox_errno(__wasi_fd_filestat_set_times(fd, ts[0], ts[1], flags));
}
