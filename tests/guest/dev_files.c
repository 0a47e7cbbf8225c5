// Device files: /dev/null swallows writes and reads EOF, /dev/zero reads zeros, /dev/urandom gives
// varying bytes; all are character devices.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static int all_zero(const unsigned char* buf, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (buf[i]) return 0;
  return 1;
}

static void test_null(void) {
  struct stat st;
  CHECK_OK(stat("/dev/null", &st));
  CHECK(S_ISCHR(st.st_mode));
  int fd = CHECK_OK(open("/dev/null", O_RDWR));
  CHECK_OK(fstat(fd, &st));
  CHECK(S_ISCHR(st.st_mode));
  static char big[100000];
  memset(big, 'x', sizeof big);
  CHECK_EQ(write(fd, "hello", 5), 5);
  CHECK_EQ(write(fd, big, sizeof big), (long long)sizeof big);
  char buf[16];
  CHECK_EQ(read(fd, buf, sizeof buf), 0);
  CHECK_EQ(read(fd, buf, sizeof buf), 0);
  CHECK_OK(close(fd));

  fd = CHECK_OK(open("/dev/null", O_WRONLY | O_TRUNC));
  CHECK_EQ(write(fd, "x", 1), 1);
  CHECK_OK(close(fd));

  FILE* f = fopen("/dev/null", "w");
  CHECK(f != NULL);
  if (f) {
    CHECK_EQ(fprintf(f, "%s", "discarded"), 9);
    CHECK_EQ(fclose(f), 0);
  }
  f = fopen("/dev/null", "r");
  CHECK(f != NULL);
  if (f) {
    CHECK_EQ(fgetc(f), EOF);
    CHECK(feof(f));
    fclose(f);
  }
}

static void test_zero(void) {
  struct stat st;
  CHECK_OK(stat("/dev/zero", &st));
  CHECK(S_ISCHR(st.st_mode));
  int fd = CHECK_OK(open("/dev/zero", O_RDONLY));
  static unsigned char buf[65536];
  memset(buf, 0xFF, sizeof buf);
  CHECK_EQ(read(fd, buf, 4096), 4096);
  CHECK(all_zero(buf, 4096));
  CHECK_EQ(buf[4096], 0xFF);
  memset(buf, 0xFF, sizeof buf);
  CHECK_EQ(read(fd, buf, sizeof buf), (long long)sizeof buf);
  CHECK(all_zero(buf, sizeof buf));
  memset(buf, 0xFF, 10);
  CHECK_EQ(read(fd, buf, 1), 1);
  CHECK_EQ(buf[0], 0);
  CHECK_EQ(buf[1], 0xFF);
  CHECK_OK(close(fd));
}

static void test_urandom(void) {
  struct stat st;
  CHECK_OK(stat("/dev/urandom", &st));
  CHECK(S_ISCHR(st.st_mode));
  int fd = CHECK_OK(open("/dev/urandom", O_RDONLY));
  unsigned char a[64], b[64];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  CHECK_EQ(read(fd, a, sizeof a), 64);
  CHECK_EQ(read(fd, b, sizeof b), 64);
  CHECK(memcmp(a, b, sizeof a) != 0);
  CHECK(!all_zero(a, sizeof a));
  CHECK(!all_zero(b, sizeof b));
  CHECK_OK(close(fd));

  static unsigned char big[100000];
  fd = CHECK_OK(open("/dev/urandom", O_RDONLY));
  size_t got = 0;
  while (got < sizeof big) {
    ssize_t n = read(fd, big + got, sizeof big - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  CHECK_EQ(got, sizeof big);
  int counts[256] = {0};
  for (size_t i = 0; i < sizeof big; i++) counts[big[i]]++;
  int min = counts[0], max = counts[0];
  for (int i = 1; i < 256; i++) {
    min = counts[i] < min ? counts[i] : min;
    max = counts[i] > max ? counts[i] : max;
  }
  CHECK(min > 200 && max < 600);
  CHECK_OK(close(fd));
}

static void test_dev_dir(void) {
  struct stat st;
  CHECK_OK(stat("/dev", &st));
  CHECK(S_ISDIR(st.st_mode));
  CHECK_ERR(open("/dev/does-not-exist", O_RDONLY), ENOENT);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_null();
  test_zero();
  test_urandom();
  test_dev_dir();
  return check_done();
}
