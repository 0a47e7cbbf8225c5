// Symbolic links: readlink (incl. truncation), lstat vs stat, relative targets, dangling links,
// loops (ELOOP), O_NOFOLLOW.
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_readlink(void) {
  write_file("target", "content");
  CHECK_OK(symlink("target", "link"));
  char buf[64];
  memset(buf, 'Z', sizeof buf);
  CHECK_EQ(readlink("link", buf, sizeof buf), 6);
  CHECK(memcmp(buf, "target", 6) == 0);
  CHECK_EQ(buf[6], 'Z');

  memset(buf, 'Z', sizeof buf);
  CHECK_EQ(readlink("link", buf, 3), 3);
  CHECK(memcmp(buf, "tarZ", 4) == 0);
  CHECK_EQ(readlink("link", buf, 6), 6);
  CHECK(memcmp(buf, "target", 6) == 0);

  const char* longtarget = "some/deeper/path/that/does/not/exist/at/all";
  CHECK_OK(symlink(longtarget, "longlink"));
  memset(buf, 0, sizeof buf);
  CHECK_EQ(readlink("longlink", buf, sizeof buf), (long long)strlen(longtarget));
  CHECK(strcmp(buf, longtarget) == 0);

  CHECK_ERR(readlink("target", buf, sizeof buf), EINVAL);
  CHECK_ERR(readlink("missing", buf, sizeof buf), ENOENT);
  CHECK_ERR(readlink("target/x", buf, sizeof buf), ENOTDIR);
}

static void test_stat_vs_lstat(void) {
  struct stat st, lst, tst;
  CHECK_OK(stat("link", &st));
  CHECK_OK(lstat("link", &lst));
  CHECK_OK(stat("target", &tst));
  CHECK(S_ISREG(st.st_mode));
  CHECK(S_ISLNK(lst.st_mode));
  CHECK_EQ(st.st_ino, tst.st_ino);
  CHECK(lst.st_ino != tst.st_ino);
  CHECK_EQ(lst.st_size, 6);
  CHECK_EQ(st.st_size, 7);
  CHECK(read_matches("link", "content"));
  CHECK_OK(fstatat(AT_FDCWD, "link", &lst, AT_SYMLINK_NOFOLLOW));
  CHECK(S_ISLNK(lst.st_mode));
}

static void test_relative_targets(void) {
  CHECK_OK(mkdir("d", 0755));
  CHECK_OK(mkdir("d/sub", 0755));
  write_file("d/t", "in d");
  CHECK_OK(symlink("t", "d/rel"));
  CHECK(read_matches("d/rel", "in d"));
  CHECK_OK(symlink("../t", "d/sub/up"));
  CHECK(read_matches("d/sub/up", "in d"));
  CHECK_OK(symlink("d/sub", "dirlink"));
  CHECK(read_matches("dirlink/up", "in d"));
  struct stat st;
  CHECK_OK(stat("dirlink", &st));
  CHECK(S_ISDIR(st.st_mode));
  CHECK_OK(stat("dirlink/", &st));
  CHECK(S_ISDIR(st.st_mode));
  CHECK_OK(lstat("dirlink", &st));
  CHECK(S_ISLNK(st.st_mode));
  CHECK_OK(symlink("dirlink", "chain"));
  CHECK(read_matches("chain/up", "in d"));
  write_file("dirlink/created", "via link");
  CHECK(read_matches("d/sub/created", "via link"));
  CHECK_ERR(symlink("whatever", "link"), EEXIST);
  CHECK_ERR(symlink("whatever", "d"), EEXIST);
}

static void test_dangling(void) {
  CHECK_OK(symlink("nonexistent", "dangling"));
  struct stat st;
  CHECK_OK(lstat("dangling", &st));
  CHECK(S_ISLNK(st.st_mode));
  CHECK_ERR(stat("dangling", &st), ENOENT);
  CHECK_ERR(open("dangling", O_RDONLY), ENOENT);
  CHECK_ERR(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  CHECK_ERR(lstat("nonexistent", &st), ENOENT);
  char buf[32];
  CHECK_EQ(readlink("dangling", buf, sizeof buf), 11);
  CHECK_OK(unlink("dangling"));
  CHECK_ERR(lstat("dangling", &st), ENOENT);
}

static void test_loops(void) {
  CHECK_OK(symlink("self", "self"));
  CHECK_OK(symlink("loop2", "loop1"));
  CHECK_OK(symlink("loop1", "loop2"));
  struct stat st;
  CHECK_ERR(stat("self", &st), ELOOP);
  CHECK_ERR(stat("loop1", &st), ELOOP);
  CHECK_ERR(open("loop1", O_RDONLY), ELOOP);
  CHECK_ERR(open("loop2/x", O_RDONLY), ELOOP);
  CHECK_ERR(open("loop1", O_CREAT | O_WRONLY, 0644), ELOOP);
  CHECK_OK(lstat("loop1", &st));
  CHECK(S_ISLNK(st.st_mode));

  char name[32], target[32];
  CHECK_OK(symlink("target", "hop0"));
  int ok = 1;
  for (int i = 1; i <= 20; i++) {
    snprintf(name, sizeof name, "hop%d", i);
    snprintf(target, sizeof target, "hop%d", i - 1);
    ok &= symlink(target, name) == 0;
  }
  CHECK(ok);
  CHECK(read_matches("hop20", "content"));
}

static void test_nofollow(void) {
  CHECK_ERR(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
  CHECK_ERR(open("link", O_WRONLY | O_NOFOLLOW), ELOOP);
  int fd = CHECK_OK(open("target", O_RDONLY | O_NOFOLLOW));
  if (fd >= 0) close(fd);
  fd = CHECK_OK(open("dirlink/created", O_RDONLY | O_NOFOLLOW));
  if (fd >= 0) close(fd);
}

static void test_unlink_link(void) {
  CHECK_OK(symlink("target", "tmp_link"));
  CHECK_OK(unlink("tmp_link"));
  struct stat st;
  CHECK_OK(stat("target", &st));
  CHECK(read_matches("target", "content"));
  CHECK_OK(unlink("dirlink"));
  CHECK_OK(stat("d/sub", &st));
  CHECK(S_ISDIR(st.st_mode));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_readlink();
  test_stat_vs_lstat();
  test_relative_targets();
  test_dangling();
  test_loops();
  test_nofollow();
  test_unlink_link();
  return check_done();
}
