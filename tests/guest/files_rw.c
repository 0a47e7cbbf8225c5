// Basic file I/O: write/read round trips, binary data, EOF, readv/writev, access modes, persistence
// across reopen.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

static long long file_size(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static void test_roundtrip(void) {
  int fd = CHECK_OK(open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "hello, world\n", 13), 13);
  CHECK_EQ(write(fd, "", 0), 0);
  CHECK_OK(close(fd));
  CHECK_EQ(file_size("a.txt"), 13);

  char buf[64];
  fd = CHECK_OK(open("a.txt", O_RDONLY));
  CHECK_EQ(read(fd, buf, 5), 5);
  CHECK(memcmp(buf, "hello", 5) == 0);
  CHECK_EQ(read(fd, buf, sizeof buf), 8);
  CHECK(memcmp(buf, ", world\n", 8) == 0);
  CHECK_EQ(read(fd, buf, sizeof buf), 0);
  CHECK_EQ(read(fd, buf, sizeof buf), 0);
  CHECK_EQ(read(fd, buf, 0), 0);
  CHECK_OK(close(fd));
}

static void test_binary(void) {
  unsigned char out[512], in[512];
  for (int i = 0; i < 512; i++) out[i] = (unsigned char)(i * 7 + (i >> 8));
  int fd = CHECK_OK(open("bin", O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_EQ(write(fd, out, sizeof out), 512);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  memset(in, 0xAA, sizeof in);
  CHECK_EQ(read(fd, in, sizeof in), 512);
  CHECK(memcmp(in, out, sizeof in) == 0);
  CHECK_OK(close(fd));
}

static void test_overwrite_middle(void) {
  int fd = CHECK_OK(open("mid", O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "0123456789", 10), 10);
  CHECK_EQ(lseek(fd, 3, SEEK_SET), 3);
  CHECK_EQ(write(fd, "abc", 3), 3);
  CHECK_OK(close(fd));
  char buf[16] = {0};
  fd = CHECK_OK(open("mid", O_RDONLY));
  CHECK_EQ(read(fd, buf, sizeof buf), 10);
  CHECK(strcmp(buf, "012abc6789") == 0);
  CHECK_OK(close(fd));
  CHECK_EQ(file_size("mid"), 10);
}

static void test_vectored(void) {
  int fd = CHECK_OK(open("vec", O_CREAT | O_RDWR | O_TRUNC, 0644));
  struct iovec wv[3] = {
      {.iov_base = "abc", .iov_len = 3},
      {.iov_base = "", .iov_len = 0},
      {.iov_base = "defgh", .iov_len = 5},
  };
  CHECK_EQ(writev(fd, wv, 3), 8);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  char a[2], b[4], c[10];
  struct iovec rv[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
  CHECK_EQ(readv(fd, rv, 3), 8);
  CHECK(memcmp(a, "ab", 2) == 0);
  CHECK(memcmp(b, "cdef", 4) == 0);
  CHECK(memcmp(c, "gh", 2) == 0);
  CHECK_OK(close(fd));
}

static void test_two_descriptors(void) {
  int w = CHECK_OK(open("shared", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  int r = CHECK_OK(open("shared", O_RDONLY));
  char buf[8];
  CHECK_EQ(read(r, buf, sizeof buf), 0);
  CHECK_EQ(write(w, "xyz", 3), 3);
  CHECK_EQ(read(r, buf, sizeof buf), 3);
  CHECK(memcmp(buf, "xyz", 3) == 0);
  CHECK_EQ(write(w, "12", 2), 2);
  CHECK_EQ(read(r, buf, sizeof buf), 2);
  CHECK(memcmp(buf, "12", 2) == 0);
  CHECK_OK(fsync(w));
  CHECK_OK(fdatasync(w));
  CHECK_OK(close(w));
  CHECK_OK(close(r));
}

static void test_access_modes(void) {
  char buf[4];
  int fd = CHECK_OK(open("a.txt", O_RDONLY));
  CHECK_EBADF(write(fd, "x", 1));
  CHECK_OK(close(fd));
  fd = CHECK_OK(open("a.txt", O_WRONLY));
  CHECK_EBADF(read(fd, buf, sizeof buf));
  CHECK_OK(close(fd));
  CHECK_EQ(file_size("a.txt"), 13);

  fd = CHECK_OK(open("a.txt", O_RDWR));
  CHECK_EQ(read(fd, buf, 4), 4);
  CHECK_EQ(write(fd, "O", 1), 1);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  char all[16] = {0};
  CHECK_EQ(read(fd, all, sizeof all), 13);
  CHECK(strcmp(all, "hellO, world\n") == 0);
  CHECK_OK(close(fd));
}

static void test_many_small_writes(void) {
  int fd = CHECK_OK(open("small", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  for (int i = 0; i < 1000; i++) {
    char c = (char)('a' + i % 26);
    if (write(fd, &c, 1) != 1) {
      CHECK(!"single-byte write failed");
      break;
    }
  }
  CHECK_OK(close(fd));
  CHECK_EQ(file_size("small"), 1000);
  fd = CHECK_OK(open("small", O_RDONLY));
  char buf[1000];
  CHECK_EQ(read(fd, buf, sizeof buf), 1000);
  int ok = 1;
  for (int i = 0; i < 1000; i++) ok &= buf[i] == (char)('a' + i % 26);
  CHECK(ok);
  CHECK_OK(close(fd));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_roundtrip();
  test_binary();
  test_overwrite_middle();
  test_vectored();
  test_two_descriptors();
  test_access_modes();
  test_many_small_writes();
  return check_done();
}
