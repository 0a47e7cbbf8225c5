// Large files: 4 MiB built from small appends read back intact with various chunk sizes; sparse 16
// MiB file reads zeros.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define BIG (4 * 1024 * 1024)

static unsigned char pattern(long long off) {
  return (unsigned char)((off * 131) ^ (off >> 12) ^ (off >> 20));
}

static void fill(unsigned char* buf, long long off, size_t len) {
  for (size_t i = 0; i < len; i++) buf[i] = pattern(off + (long long)i);
}

static long long first_mismatch(const unsigned char* buf, long long off, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (buf[i] != pattern(off + (long long)i)) return off + (long long)i;
  return -1;
}

static void test_small_appends(void) {
  int fd = CHECK_OK(open("big", O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0644));
  if (fd < 0) return;
  unsigned char chunk[1000];
  long long off = 0;
  int ok = 1, writes = 0;
  while (off < BIG && ok) {
    size_t len = (size_t)(1 + (writes * 37) % 1000);
    if (off + (long long)len > BIG) len = (size_t)(BIG - off);
    fill(chunk, off, len);
    ok = write(fd, chunk, len) == (ssize_t)len;
    off += (long long)len;
    writes++;
  }
  CHECK(ok);
  CHECK(writes > 5000);
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  CHECK_EQ(st.st_size, BIG);
  CHECK_OK(close(fd));
}

static void read_back(size_t chunk) {
  int fd = CHECK_OK(open("big", O_RDONLY));
  if (fd < 0) return;
  unsigned char* buf = malloc(chunk);
  long long off = 0, bad = -1;
  for (;;) {
    ssize_t n = read(fd, buf, chunk);
    if (n <= 0) break;
    if (bad < 0) bad = first_mismatch(buf, off, (size_t)n);
    off += n;
  }
  free(buf);
  if (bad >= 0) fprintf(stderr, "  chunk %zu: first bad byte at %lld\n", chunk, bad);
  CHECK_EQ(bad, -1);
  CHECK_EQ(off, BIG);
  CHECK_OK(close(fd));
}

static void test_random_access(void) {
  int fd = CHECK_OK(open("big", O_RDWR));
  if (fd < 0) return;
  unsigned char buf[4096];
  long long offs[] = {0, 1, 4095, 4096, 65535, 1000000, BIG / 2 - 7, BIG - 4096, BIG - 1};
  int ok = 1;
  for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
    long long want = BIG - offs[i] < 4096 ? BIG - offs[i] : 4096;
    ssize_t n = pread(fd, buf, sizeof buf, offs[i]);
    ok &= n == want && first_mismatch(buf, offs[i], (size_t)n) < 0;
  }
  CHECK(ok);
  CHECK_EQ(lseek(fd, BIG - 1, SEEK_SET), BIG - 1);
  CHECK_EQ(read(fd, buf, 10), 1);
  CHECK_EQ(buf[0], pattern(BIG - 1));

  memset(buf, 0xEE, 100);
  CHECK_EQ(pwrite(fd, buf, 100, 2000000), 100);
  CHECK_EQ(pread(fd, buf, 200, 1999950), 200);
  CHECK_EQ(first_mismatch(buf, 1999950, 50), -1);
  CHECK(buf[50] == 0xEE && buf[149] == 0xEE);
  CHECK_EQ(first_mismatch(buf + 150, 2000100, 50), -1);

  CHECK_OK(ftruncate(fd, BIG / 2));
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  CHECK_EQ(st.st_size, BIG / 2);
  CHECK_EQ(pread(fd, buf, 10, BIG / 2 - 5), 5);
  CHECK_EQ(first_mismatch(buf, BIG / 2 - 5, 5), -1);
  CHECK_OK(close(fd));
  CHECK_OK(unlink("big"));
}

static void test_sparse(void) {
  const long long end = 16LL * 1024 * 1024;
  int fd = CHECK_OK(open("sparse", O_CREAT | O_RDWR | O_TRUNC, 0644));
  if (fd < 0) return;
  CHECK_EQ(pwrite(fd, "E", 1, end), 1);
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  CHECK_EQ(st.st_size, end + 1);
  static unsigned char buf[65536];
  int zeros = 1;
  long long offs[] = {0, 12345, end / 2, end - 65536};
  for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
    memset(buf, 1, sizeof buf);
    ssize_t n = pread(fd, buf, sizeof buf, offs[i]);
    zeros &= n == (ssize_t)sizeof buf;
    for (size_t j = 0; j < sizeof buf; j++) zeros &= buf[j] == 0;
  }
  CHECK(zeros);
  CHECK_EQ(pread(fd, buf, 10, end), 1);
  CHECK_EQ(buf[0], 'E');
  CHECK_OK(close(fd));
  CHECK_OK(unlink("sparse"));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_small_appends();
  read_back(65536);
  read_back(7777);
  read_back(BIG);
  test_random_access();
  test_sparse();
  return check_done();
}
