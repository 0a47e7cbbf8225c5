// lseek/ftell semantics: SEEK_SET/CUR/END, invalid offsets and whence, seeking past EOF,
// independent offsets.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_whence(void) {
  int fd = make_file("f", "0123456789");
  char c;
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
  CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
  CHECK_EQ(read(fd, &c, 1), 1);
  CHECK_EQ(c, '2');
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);
  CHECK_EQ(lseek(fd, 4, SEEK_CUR), 7);
  CHECK_EQ(read(fd, &c, 1), 1);
  CHECK_EQ(c, '7');
  CHECK_EQ(lseek(fd, -3, SEEK_CUR), 5);
  CHECK_EQ(lseek(fd, 0, SEEK_END), 10);
  CHECK_EQ(lseek(fd, -1, SEEK_END), 9);
  CHECK_EQ(read(fd, &c, 1), 1);
  CHECK_EQ(c, '9');
  CHECK_EQ(read(fd, &c, 1), 0);
  CHECK_OK(close(fd));
}

static void test_invalid(void) {
  int fd = make_file("g", "abc");
  CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
  CHECK_ERR(lseek(fd, -4, SEEK_END), EINVAL);
  CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
  CHECK_ERR(lseek(fd, -2, SEEK_CUR), EINVAL);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1);
  CHECK_ERR(lseek(fd, 0, 12345), EINVAL);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1);
  CHECK_OK(close(fd));
  CHECK_ERR(lseek(fd, 0, SEEK_SET), EBADF);
}

static void test_past_eof(void) {
  int fd = make_file("h", "ab");
  CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
  CHECK_EQ(fd_size(fd), 2);
  char buf[8];
  CHECK_EQ(read(fd, buf, sizeof buf), 0);
  CHECK_EQ(lseek(fd, 10, SEEK_END), 12);
  CHECK_EQ(write(fd, "Z", 1), 1);
  CHECK_EQ(fd_size(fd), 13);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  char all[16];
  CHECK_EQ(read(fd, all, sizeof all), 13);
  int zeros = 1;
  for (int i = 2; i < 12; i++) zeros &= all[i] == 0;
  CHECK(zeros);
  CHECK(all[0] == 'a' && all[1] == 'b' && all[12] == 'Z');
  CHECK_OK(close(fd));
}

static void test_independent_offsets(void) {
  int a = make_file("i", "abcdef");
  int b = CHECK_OK(open("i", O_RDONLY));
  char c;
  CHECK_EQ(lseek(a, 0, SEEK_CUR), 6);
  CHECK_EQ(lseek(b, 0, SEEK_CUR), 0);
  CHECK_EQ(read(b, &c, 1), 1);
  CHECK_EQ(c, 'a');
  CHECK_EQ(lseek(a, 0, SEEK_CUR), 6);
  CHECK_EQ(lseek(a, 3, SEEK_SET), 3);
  CHECK_EQ(read(b, &c, 1), 1);
  CHECK_EQ(c, 'b');
  CHECK_OK(close(a));
  CHECK_OK(close(b));
}

static void test_stdio(void) {
  FILE* f = fopen("j", "w+");
  CHECK(f != NULL);
  if (!f) return;
  CHECK_EQ(ftell(f), 0);
  CHECK(fputs("hello world", f) >= 0);
  CHECK_EQ(ftell(f), 11);
  CHECK_EQ(fseek(f, 6, SEEK_SET), 0);
  CHECK_EQ(fgetc(f), 'w');
  CHECK_EQ(ftell(f), 7);
  CHECK_EQ(fseek(f, -2, SEEK_END), 0);
  CHECK_EQ(fgetc(f), 'l');
  CHECK_EQ(ftell(f), 10);
  CHECK_EQ(fseek(f, -5, SEEK_CUR), 0);
  CHECK_EQ(ftell(f), 5);
  rewind(f);
  CHECK_EQ(ftell(f), 0);
  CHECK_EQ(fgetc(f), 'h');
  CHECK(fseek(f, -1, SEEK_SET) != 0);
  CHECK_OK(fclose(f));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_whence();
  test_invalid();
  test_past_eof();
  test_independent_offsets();
  test_stdio();
  return check_done();
}
