// rename: replacing files and empty dirs, ENOTEMPTY/EISDIR/ENOTDIR/EINVAL, same-file no-op,
// trailing slashes, open fds, symlinks.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static long long ino_of(const char* path) {
  struct stat st;
  return lstat(path, &st) == 0 ? (long long)st.st_ino : -1;
}

static void test_file_to_file(void) {
  write_file("a", "A");
  long long ino = ino_of("a");
  CHECK_OK(rename("a", "b"));
  CHECK(!exists("a"));
  CHECK(read_matches("b", "B") == 0 && read_matches("b", "A"));
  CHECK_EQ(ino_of("b"), ino);

  write_file("c", "C");
  int fd = CHECK_OK(open("c", O_RDONLY));
  CHECK_OK(rename("b", "c"));
  CHECK(!exists("b"));
  CHECK(read_matches("c", "A"));
  CHECK_EQ(ino_of("c"), ino);
  char buf[4] = {0};
  CHECK_EQ(read(fd, buf, 3), 1);
  CHECK(strcmp(buf, "C") == 0);
  CHECK_OK(close(fd));

  CHECK_OK(rename("c", "c"));
  CHECK(read_matches("c", "A"));
  CHECK_OK(link("c", "c2"));
  CHECK_OK(rename("c", "c2"));
  CHECK(exists("c") && exists("c2"));
  CHECK_OK(unlink("c2"));

  CHECK_ERR(rename("missing", "x"), ENOENT);
  CHECK_ERR(rename("c", "nodir/x"), ENOENT);
  CHECK_ERR(rename("c", "c/x"), ENOTDIR);
  CHECK(read_matches("c", "A"));
}

static void test_across_dirs(void) {
  CHECK_OK(mkdir("d1", 0755));
  CHECK_OK(mkdir("d2", 0755));
  write_file("d1/f", "moved");
  CHECK_OK(rename("d1/f", "d2/g"));
  CHECK(!exists("d1/f"));
  CHECK(read_matches("d2/g", "moved"));
  CHECK_OK(rename("d2/g", "top"));
  CHECK(read_matches("top", "moved"));
}

static void test_dirs(void) {
  CHECK_OK(mkdir("src", 0755));
  write_file("src/inner", "inner");
  long long ino = ino_of("src");
  CHECK_OK(mkdir("empty", 0755));
  CHECK_OK(rename("src", "empty"));
  CHECK(!exists("src"));
  CHECK_EQ(ino_of("empty"), ino);
  CHECK(read_matches("empty/inner", "inner"));

  CHECK_OK(mkdir("other", 0755));
  CHECK_OK(rename("empty", "renamed"));
  CHECK_OK(mkdir("full", 0755));
  write_file("full/x", "x");
  CHECK_ERR(rename("renamed", "full"), ENOTEMPTY);
  CHECK(exists("renamed/inner") && exists("full/x"));

  write_file("file", "file");
  CHECK_ERR(rename("file", "other"), EISDIR);
  CHECK_ERR(rename("other", "file"), ENOTDIR);
  CHECK(read_matches("file", "file"));

  CHECK_OK(mkdir("renamed/child", 0755));
  CHECK_ERR(rename("renamed", "renamed/child"), EINVAL);
  CHECK_ERR(rename("renamed", "renamed/child/grand"), EINVAL);
  CHECK_ERR(rename("renamed", "renamed/new"), EINVAL);
  CHECK(exists("renamed/child"));

  CHECK_OK(rename("renamed", "renamed"));
  CHECK_OK(rename("renamed/child", "child_out"));
  CHECK(exists("child_out") && !exists("renamed/child"));
}

static void test_trailing_slashes(void) {
  CHECK_OK(mkdir("ts", 0755));
  CHECK_OK(rename("ts/", "ts2"));
  CHECK(exists("ts2") && !exists("ts"));
  CHECK_OK(rename("ts2", "ts3/"));
  CHECK(exists("ts3"));
  CHECK_OK(rename("ts3/", "ts4/"));
  CHECK(exists("ts4"));

  write_file("tf", "tf");
  CHECK_ERR(rename("tf/", "tf2"), ENOTDIR);
  CHECK_ERR(rename("tf", "tf2/"), ENOTDIR);
  write_file("tf3", "tf3");
  CHECK_ERR(rename("tf", "tf3/"), ENOTDIR);
  CHECK(read_matches("tf", "tf") && read_matches("tf3", "tf3"));
  CHECK(!exists("tf2"));
}

static void test_symlinks(void) {
  write_file("st", "target");
  CHECK_OK(symlink("st", "sl"));
  long long ino = ino_of("sl");
  CHECK_OK(rename("sl", "sl2"));
  struct stat st;
  CHECK_OK(lstat("sl2", &st));
  CHECK(S_ISLNK(st.st_mode));
  CHECK_EQ(st.st_ino, ino);
  CHECK(read_matches("st", "target"));
  CHECK(read_matches("sl2", "target"));

  CHECK_OK(mkdir("realdir", 0755));
  CHECK_OK(symlink("realdir", "dl"));
  write_file("plain", "plain");
  CHECK_OK(rename("plain", "dl"));
  CHECK_OK(lstat("dl", &st));
  CHECK(S_ISREG(st.st_mode));
  CHECK_OK(lstat("realdir", &st));
  CHECK(S_ISDIR(st.st_mode));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_file_to_file();
  test_across_dirs();
  test_dirs();
  test_trailing_slashes();
  test_symlinks();
  return check_done();
}
