/* File modes and owners for wasi-libc, which has neither. The chmod family
 * goes to the kernel's Linux-style calls, which keep the mode (access with
 * X_OK and Emscripten programs' stat see it). chown changes nothing but
 * does check that the file exists: everything belongs to the box's one
 * user, root. umask is kept here and applied to nothing, as WASI's
 * path_open takes no mode. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/libc-find-relpath.h>

#include "wasmbox/imports.h"

/* Linux's flag, as the kernel's Linux-style calls take it. */
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100

/* The directory the kernel is to resolve `path` from, and in *rel the path
 * from there: an absolute path, or one relative to AT_FDCWD, goes through
 * wasi-libc's preopened directories and cwd, as its own calls do. -1 with
 * errno on failure. */
static int resolve(int dirfd, const char* path, char* buf, size_t size, const char** rel) {
  if (!*path) {
    errno = ENOENT;
    return -1;
  }
  if (dirfd != AT_FDCWD && path[0] != '/') {
    *rel = path;
    return dirfd;
  }
  const char* prefix;
  char* relative = buf;
  int fd = __wasilibc_find_relpath(path, &prefix, &relative, size);
  if (fd < 0) {
    if (errno == ERANGE) errno = ENAMETOOLONG;
    return -1;
  }
  *rel = relative;
  return fd;
}

/* Linux changes the mode of no symbolic link: EOPNOTSUPP with
 * AT_SYMLINK_NOFOLLOW, as glibc and musl say. */
int fchmodat(int dirfd, const char* path, mode_t mode, int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW) {
    errno = EINVAL;
    return -1;
  }
  if (flag) {
    struct stat st;
    if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) < 0) return -1;
    if (S_ISLNK(st.st_mode)) {
      errno = EOPNOTSUPP;
      return -1;
    }
  }
  char buf[PATH_MAX];
  const char* rel;
  int fd = resolve(dirfd, path, buf, sizeof buf, &rel);
  if (fd < 0) return -1;
  return (int)__wasmbox_ret(__wasmbox_sys_fchmodat(fd, (long)rel, (long)mode, 0));
}

int chmod(const char* path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }
int lchmod(const char* path, mode_t mode) {
  return fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW);
}

int fchmod(int fd, mode_t mode) { return (int)__wasmbox_ret(__wasmbox_sys_fchmod(fd, (long)mode)); }

int fchownat(int dirfd, const char* path, uid_t owner, gid_t group, int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW) {
    errno = EINVAL;
    return -1;
  }
  char buf[PATH_MAX];
  const char* rel;
  int fd = resolve(dirfd, path, buf, sizeof buf, &rel);
  if (fd < 0) return -1;
  long linux_flag = flag ? LINUX_AT_SYMLINK_NOFOLLOW : 0;
  return (int)__wasmbox_ret(
      __wasmbox_sys_fchownat(fd, (long)rel, (long)owner, (long)group, linux_flag));
}

int chown(const char* path, uid_t owner, gid_t group) {
  return fchownat(AT_FDCWD, path, owner, group, 0);
}

int lchown(const char* path, uid_t owner, gid_t group) {
  return fchownat(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t owner, gid_t group) {
  return (int)__wasmbox_ret(__wasmbox_sys_fchown32(fd, (long)owner, (long)group));
}

static mode_t mask = 022;

mode_t umask(mode_t new_mask) {
  mode_t old = mask;
  mask = new_mask & 0777;
  return old;
}
