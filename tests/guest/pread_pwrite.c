// pread/pwrite: positioned I/O never moves the file offset; pwrite past EOF zero-fills the gap.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_offset_untouched(void) {
  int fd = CHECK_OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "0123456789", 10), 10);
  CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);

  char buf[16] = {0};
  CHECK_EQ(pread(fd, buf, 3, 5), 3);
  CHECK(memcmp(buf, "567", 3) == 0);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);

  CHECK_EQ(pwrite(fd, "AB", 2, 7), 2);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);

  CHECK_EQ(read(fd, buf, 2), 2);
  CHECK(memcmp(buf, "23", 2) == 0);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);

  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 10);
  CHECK(memcmp(buf, "0123456AB9", 10) == 0);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
  CHECK_OK(close(fd));
}

static void test_eof(void) {
  int fd = CHECK_OK(open("g", O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "abcde", 5), 5);
  char buf[16];
  CHECK_EQ(pread(fd, buf, sizeof buf, 3), 2);
  CHECK(memcmp(buf, "de", 2) == 0);
  CHECK_EQ(pread(fd, buf, sizeof buf, 5), 0);
  CHECK_EQ(pread(fd, buf, sizeof buf, 1000), 0);
  CHECK_EQ(pread(fd, buf, 0, 0), 0);
  CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
  CHECK_ERR(pwrite(fd, "x", 1, -1), EINVAL);
  CHECK_EQ(fd_size(fd), 5);
  CHECK_OK(close(fd));
}

static void test_gap_zero_filled(void) {
  int fd = CHECK_OK(open("h", O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "ab", 2), 2);
  CHECK_EQ(pwrite(fd, "XYZ", 3, 4000), 3);
  CHECK_EQ(fd_size(fd), 4003);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);

  static char buf[5000];
  memset(buf, 0x55, sizeof buf);
  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 4003);
  CHECK(buf[0] == 'a' && buf[1] == 'b');
  int zeros = 1;
  for (int i = 2; i < 4000; i++) zeros &= buf[i] == 0;
  CHECK(zeros);
  CHECK(memcmp(buf + 4000, "XYZ", 3) == 0);

  CHECK_EQ(write(fd, "cd", 2), 2);
  CHECK_EQ(pread(fd, buf, 4, 0), 4);
  CHECK(memcmp(buf, "abcd", 4) == 0);
  CHECK_EQ(fd_size(fd), 4003);
  CHECK_OK(close(fd));
}

static void test_access_and_bad_fd(void) {
  char buf[4];
  int fd = CHECK_OK(open("f", O_RDONLY));
  CHECK_EBADF(pwrite(fd, "x", 1, 0));
  CHECK_OK(close(fd));
  fd = CHECK_OK(open("f", O_WRONLY));
  CHECK_EBADF(pread(fd, buf, 1, 0));
  CHECK_OK(close(fd));
  CHECK_ERR(pread(fd, buf, 1, 0), EBADF);
  CHECK_ERR(pwrite(fd, "x", 1, 0), EBADF);
}

static void test_interleaved(void) {
  int fd = CHECK_OK(open("k", O_CREAT | O_RDWR | O_TRUNC, 0644));
  for (int i = 9; i >= 0; i--) {
    char c = (char)('0' + i);
    CHECK_EQ(pwrite(fd, &c, 1, i), 1);
  }
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
  char buf[11] = {0};
  CHECK_EQ(read(fd, buf, 10), 10);
  CHECK(strcmp(buf, "0123456789") == 0);
  CHECK_OK(close(fd));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_offset_untouched();
  test_eof();
  test_gap_zero_filled();
  test_access_and_bad_fd();
  test_interleaved();
  return check_done();
}
