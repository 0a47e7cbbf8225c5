// truncate/ftruncate: shrinking, growing with zero fill, offset untouched, O_TRUNC, error cases.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_ftruncate(void) {
  int fd = make_file("f", "0123456789");
  CHECK_OK(ftruncate(fd, 4));
  CHECK_EQ(size_of("f"), 4);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
  char buf[32];
  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 4);
  CHECK(memcmp(buf, "0123", 4) == 0);

  CHECK_OK(ftruncate(fd, 20));
  CHECK_EQ(size_of("f"), 20);
  memset(buf, 'x', sizeof buf);
  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 20);
  int zeros = 1;
  for (int i = 4; i < 20; i++) zeros &= buf[i] == 0;
  CHECK(zeros);
  CHECK(memcmp(buf, "0123", 4) == 0);

  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
  CHECK_EQ(write(fd, "A", 1), 1);
  CHECK_EQ(size_of("f"), 20);

  CHECK_OK(ftruncate(fd, 0));
  CHECK_EQ(size_of("f"), 0);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 11);
  CHECK_EQ(write(fd, "B", 1), 1);
  CHECK_EQ(size_of("f"), 12);
  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 12);
  zeros = 1;
  for (int i = 0; i < 11; i++) zeros &= buf[i] == 0;
  CHECK(zeros);
  CHECK_EQ(buf[11], 'B');

  CHECK_ERR(ftruncate(fd, -1), EINVAL);
  CHECK_EQ(size_of("f"), 12);
  CHECK_OK(close(fd));
  CHECK_ERR(ftruncate(fd, 0), EBADF);
}

static void test_truncate_path(void) {
  int fd = make_file("g", "abcdef");
  CHECK_OK(close(fd));
  CHECK_OK(truncate("g", 2));
  CHECK_EQ(size_of("g"), 2);
  CHECK_OK(truncate("g", 8));
  CHECK_EQ(size_of("g"), 8);
  CHECK_OK(truncate("g", 8));
  CHECK_EQ(size_of("g"), 8);
  CHECK_ERR(truncate("g", -5), EINVAL);
  CHECK_ERR(truncate("missing", 0), ENOENT);
  CHECK_ERR(truncate("g/x", 0), ENOTDIR);
  CHECK_OK(mkdir("dir", 0755));
  CHECK_ERR(truncate("dir", 0), EISDIR);
}

static void test_read_only_fd(void) {
  int fd = make_file("h", "data");
  CHECK_OK(close(fd));
  fd = CHECK_OK(open("h", O_RDONLY));
  // POSIX allows EBADF or EINVAL for an fd not open for writing.
  errno = 0;
  int r = ftruncate(fd, 0);
  CHECK(r == -1 && (errno == EINVAL || errno == EBADF || errno == EBADF_OR_NOTCAPABLE));
  CHECK_EQ(size_of("h"), 4);
  CHECK_OK(close(fd));
}

static void test_directory_fd(void) {
  CHECK_OK(mkdir("d2", 0755));
  int fd = CHECK_OK(open("d2", O_RDONLY | O_DIRECTORY));
#ifdef __wasi__
  // wasi-libc's ftruncate is fd_filestat_set_size, a file call: EBADF on a directory, as wasmtime.
  CHECK_ERR(ftruncate(fd, 0), EBADF);
#else
  CHECK_ERR(ftruncate(fd, 0), EINVAL);
#endif
  CHECK_ERR(ftruncate(fd, -1), EINVAL);
  CHECK_OK(close(fd));
}

static void test_o_trunc(void) {
  int fd = make_file("i", "something");
  CHECK_OK(close(fd));
  fd = CHECK_OK(open("i", O_WRONLY | O_TRUNC));
  CHECK_EQ(size_of("i"), 0);
  CHECK_EQ(write(fd, "ok", 2), 2);
  CHECK_OK(close(fd));
  CHECK_EQ(size_of("i"), 2);
  fd = CHECK_OK(open("i", O_RDWR));
  CHECK_EQ(size_of("i"), 2);
  CHECK_OK(close(fd));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_ftruncate();
  test_truncate_path();
  test_read_only_fd();
  test_directory_fd();
  test_o_trunc();
  return check_done();
}
