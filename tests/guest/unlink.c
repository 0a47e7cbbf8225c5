// unlink/unlinkat: removing names, open files staying usable, directories refused, error cases.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_basic(void) {
  write_file("f", "data");
  CHECK_OK(unlink("f"));
  CHECK(!exists("f"));
  CHECK_ERR(unlink("f"), ENOENT);
  CHECK_ERR(open("f", O_RDONLY), ENOENT);

  CHECK_OK(mkdir("d", 0755));
  write_file("d/inner", "x");
  CHECK_OK(unlink("d/inner"));
  CHECK(!exists("d/inner"));
  CHECK_OK(rmdir("d"));
}

static void test_open_file(void) {
  write_file("g", "0123456789");
  int fd = CHECK_OK(open("g", O_RDWR));
  CHECK_OK(unlink("g"));
  CHECK(!exists("g"));
  char buf[16] = {0};
  CHECK_EQ(read(fd, buf, 4), 4);
  CHECK(memcmp(buf, "0123", 4) == 0);
  CHECK_EQ(write(fd, "ab", 2), 2);
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  CHECK_EQ(st.st_size, 10);
  CHECK(S_ISREG(st.st_mode));

  write_file("g", "new");
  struct stat nst;
  CHECK_OK(stat("g", &nst));
  CHECK_EQ(nst.st_size, 3);
  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 10);
  CHECK(memcmp(buf, "0123ab6789", 10) == 0);
  CHECK_OK(close(fd));
  CHECK_OK(stat("g", &nst));
  CHECK_EQ(nst.st_size, 3);
}

static void test_errors(void) {
  CHECK_OK(mkdir("dir", 0755));
  CHECK_ERR(unlink("dir"), EISDIR);
  CHECK_ERR(unlinkat(AT_FDCWD, "dir", 0), EISDIR);
  CHECK(exists("dir"));

  write_file("file", "file");
  CHECK_ERR(unlink("file/"), ENOTDIR);
  CHECK_ERR(unlink("file/x"), ENOTDIR);
  CHECK_ERR(unlink("missing/x"), ENOENT);
  CHECK(exists("file"));

  CHECK_OK(unlinkat(AT_FDCWD, "dir", AT_REMOVEDIR));
  CHECK(!exists("dir"));
  CHECK_OK(unlinkat(AT_FDCWD, "file", 0));
  CHECK(!exists("file"));
}

static void test_symlinks(void) {
  write_file("t", "t");
  CHECK_OK(symlink("t", "l"));
  CHECK_OK(unlink("l"));
  CHECK(!exists("l"));
  CHECK(exists("t"));

  CHECK_OK(symlink("nowhere", "dangling"));
  CHECK_OK(unlink("dangling"));
  CHECK(!exists("dangling"));

  CHECK_OK(mkdir("realdir", 0755));
  write_file("realdir/keep", "k");
  CHECK_OK(symlink("realdir", "dl"));
  CHECK_OK(unlink("dl"));
  CHECK(!exists("dl"));
  CHECK(exists("realdir/keep"));
}

static void test_many(void) {
  char name[32];
  int ok = 1;
  for (int i = 0; i < 100; i++) {
    snprintf(name, sizeof name, "m%d", i);
    write_file(name, name);
  }
  for (int i = 0; i < 100; i += 2) {
    snprintf(name, sizeof name, "m%d", i);
    ok &= unlink(name) == 0;
  }
  for (int i = 0; i < 100; i++) {
    snprintf(name, sizeof name, "m%d", i);
    ok &= exists(name) == (i % 2 == 1);
  }
  CHECK(ok);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_basic();
  test_open_file();
  test_errors();
  test_symlinks();
  test_many();
  return check_done();
}
