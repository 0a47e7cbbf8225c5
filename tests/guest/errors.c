// Error reporting: EBADF on closed/invalid fds, ENAMETOOLONG for long components and paths,
// ENOTDIR/ENOENT prefixes, errno untouched by zero-length I/O.
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

static void test_bad_fds(void) {
  int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
  CHECK_OK(close(fd));
  char buf[4];
  struct stat st;
  struct iovec iov = {buf, sizeof buf};
  int bad[] = {fd, -1, 9999, INT_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int b = bad[i];
    CHECK_ERR(read(b, buf, sizeof buf), EBADF);
    CHECK_ERR(write(b, "x", 1), EBADF);
    CHECK_ERR(readv(b, &iov, 1), EBADF);
    CHECK_ERR(pread(b, buf, 1, 0), EBADF);
    CHECK_ERR(lseek(b, 0, SEEK_SET), EBADF);
    CHECK_ERR(fstat(b, &st), EBADF);
    CHECK_ERR(fsync(b), EBADF);
    CHECK_ERR(ftruncate(b, 0), EBADF);
    CHECK_ERR(fcntl(b, F_GETFL), EBADF);
    CHECK_ERR(close(b), EBADF);
  }
  errno = 0;
  CHECK(fdopendir(fd) == NULL && errno == EBADF);
  CHECK_ERR(openat(fd, "x", O_RDONLY), EBADF);
  CHECK_ERR(fstatat(fd, "x", &st, 0), EBADF);
  CHECK_ERR(mkdirat(fd, "x", 0755), EBADF);
}

static void test_name_too_long(void) {
  char name[300];
  memset(name, 'n', NAME_MAX);
  name[NAME_MAX] = 0;
  int fd = CHECK_OK(open(name, O_CREAT | O_WRONLY, 0644));
  if (fd >= 0) close(fd);
  struct stat st;
  CHECK_OK(stat(name, &st));
  CHECK_OK(unlink(name));

  memset(name, 'n', NAME_MAX + 1);
  name[NAME_MAX + 1] = 0;
  CHECK_ERR(open(name, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
  CHECK_ERR(open(name, O_RDONLY), ENAMETOOLONG);
  CHECK_ERR(mkdir(name, 0755), ENAMETOOLONG);
  CHECK_ERR(stat(name, &st), ENAMETOOLONG);
  CHECK_ERR(symlink("f", name), ENAMETOOLONG);
  CHECK_ERR(rename("f", name), ENAMETOOLONG);
  CHECK_ERR(link("f", name), ENAMETOOLONG);

  char path[5000];
  size_t len = 0;
  while (len + 2 < sizeof path - 1) {
    path[len++] = 'a';
    path[len++] = '/';
  }
  path[len] = 0;
  CHECK(strlen(path) > PATH_MAX);
  CHECK_ERR(open(path, O_RDONLY), ENAMETOOLONG);
  CHECK_ERR(stat(path, &st), ENAMETOOLONG);
  CHECK_ERR(mkdir(path, 0755), ENAMETOOLONG);
  CHECK_ERR(unlink(path), ENAMETOOLONG);
}

static void test_path_prefix_errors(void) {
  struct stat st;
  CHECK_ERR(stat("f/x", &st), ENOTDIR);
  CHECK_ERR(open("f/x", O_RDONLY), ENOTDIR);
  CHECK_ERR(mkdir("f/x", 0755), ENOTDIR);
  CHECK_ERR(stat("none/x", &st), ENOENT);
  CHECK_ERR(open("none/x", O_CREAT | O_WRONLY, 0644), ENOENT);
  CHECK_ERR(rmdir("none"), ENOENT);
  CHECK_ERR(unlink("none"), ENOENT);
}

static void test_zero_length(void) {
  int fd = CHECK_OK(open("f", O_RDWR));
  char buf[1];
  errno = 12345;
  CHECK_EQ(write(fd, buf, 0), 0);
  CHECK_EQ(read(fd, buf, 0), 0);
  CHECK_EQ(errno, 12345);
  CHECK_OK(close(fd));
  CHECK(strerror(ENOENT) != NULL && strlen(strerror(ENOENT)) > 0);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_bad_fds();
  test_name_too_long();
  test_path_prefix_errors();
  test_zero_length();
  return check_done();
}
