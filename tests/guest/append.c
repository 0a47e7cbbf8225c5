// O_APPEND semantics: every write goes to the current end of file, regardless of offset or other
// writers.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_append_after_seek(void) {
  int fd = CHECK_OK(open("a", O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "abc", 3), 3);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  CHECK_EQ(write(fd, "def", 3), 3);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);
  CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
  CHECK_EQ(write(fd, "g", 1), 1);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
  CHECK_OK(close(fd));
  CHECK(read_matches("a", "abcdefg"));
}

static void test_two_appenders(void) {
  int a = CHECK_OK(open("b", O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0644));
  int b = CHECK_OK(open("b", O_WRONLY | O_APPEND));
  int plain = CHECK_OK(open("b", O_WRONLY));
  CHECK_EQ(write(a, "1", 1), 1);
  CHECK_EQ(write(b, "2", 1), 1);
  CHECK_EQ(write(a, "3", 1), 1);
  CHECK_EQ(write(plain, "X", 1), 1);
  CHECK_EQ(write(b, "4", 1), 1);
  CHECK(read_matches("b", "X234"));
  CHECK_OK(close(a));
  CHECK_OK(close(b));
  CHECK_OK(close(plain));
}

static void test_rdwr_append(void) {
  int fd = CHECK_OK(open("c", O_CREAT | O_RDWR | O_APPEND | O_TRUNC, 0644));
  CHECK_EQ(write(fd, "hello", 5), 5);
  CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
  char buf[4] = {0};
  CHECK_EQ(read(fd, buf, 3), 3);
  CHECK(strcmp(buf, "ell") == 0);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
  CHECK_EQ(write(fd, "!", 1), 1);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);
  CHECK_OK(close(fd));
  CHECK(read_matches("c", "hello!"));
}

static void test_fcntl_append(void) {
  int fd = CHECK_OK(open("d", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  int fl = CHECK_OK(fcntl(fd, F_GETFL));
  CHECK((fl & O_APPEND) == 0);
  CHECK_EQ(write(fd, "abc", 3), 3);
  CHECK_OK(fcntl(fd, F_SETFL, fl | O_APPEND));
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  CHECK_EQ(write(fd, "d", 1), 1);
  CHECK_OK(fcntl(fd, F_SETFL, fl & ~O_APPEND));
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) == 0);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  CHECK_EQ(write(fd, "X", 1), 1);
  CHECK_OK(close(fd));
  CHECK(read_matches("d", "Xbcd"));

  fd = CHECK_OK(open("d", O_WRONLY | O_APPEND));
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0);
  CHECK_OK(close(fd));
}

static void test_stdio_append(void) {
  FILE* f = fopen("e", "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs("one\n", f);
  CHECK_OK(fclose(f));

  f = fopen("e", "a");
  CHECK(f != NULL);
  if (!f) return;
  fputs("two\n", f);
  CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
  fputs("three\n", f);
  CHECK_OK(fclose(f));
  CHECK(read_matches("e", "one\ntwo\nthree\n"));

  f = fopen("e", "a+");
  CHECK(f != NULL);
  if (!f) return;
  rewind(f);
  char line[16];
  CHECK(fgets(line, sizeof line, f) != NULL && strcmp(line, "one\n") == 0);
  CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
  fputs("four\n", f);
  CHECK_OK(fclose(f));
  CHECK(read_matches("e", "one\ntwo\nthree\nfour\n"));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_append_after_seek();
  test_two_appenders();
  test_rdwr_append();
  test_fcntl_append();
  test_stdio_append();
  return check_done();
}
