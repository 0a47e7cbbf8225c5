// mkdir/rmdir/chdir: creation, nesting, EEXIST/ENOENT/ENOTDIR/ENOTEMPTY/EINVAL, trailing slashes,
// relative paths after chdir.
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static int is_dir(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void test_basic(void) {
  CHECK_OK(mkdir("d", 0755));
  CHECK(is_dir("d"));
  CHECK(is_dir("d/"));
  CHECK(is_dir("d/."));
  CHECK(is_dir("d/.."));
  CHECK_ERR(mkdir("d", 0755), EEXIST);
  CHECK_ERR(mkdir("d/", 0755), EEXIST);
  CHECK_OK(rmdir("d"));
  CHECK(!exists("d"));
  CHECK_ERR(rmdir("d"), ENOENT);

  CHECK_OK(mkdir("e/", 0755));
  CHECK(is_dir("e"));
  CHECK_OK(rmdir("e/"));
  CHECK(!exists("e"));
}

static void test_errors(void) {
  touch("file");
  CHECK_ERR(mkdir("file", 0755), EEXIST);
  CHECK_ERR(mkdir("missing/sub", 0755), ENOENT);
  CHECK_ERR(mkdir("file/sub", 0755), ENOTDIR);
  CHECK_ERR(rmdir("file"), ENOTDIR);
  CHECK_ERR(rmdir("file/"), ENOTDIR);
  CHECK_ERR(rmdir("missing"), ENOENT);
  CHECK_ERR(rmdir("missing/sub"), ENOENT);
  CHECK_ERR(unlinkat(AT_FDCWD, "file", AT_REMOVEDIR), ENOTDIR);

  CHECK_OK(mkdir("full", 0755));
  touch("full/x");
  CHECK_ERR(rmdir("full"), ENOTEMPTY);
  CHECK(is_dir("full"));
  CHECK_OK(unlink("full/x"));
  CHECK_OK(mkdir("full/sub", 0755));
  CHECK_ERR(rmdir("full"), ENOTEMPTY);
  CHECK_OK(rmdir("full/sub"));
  CHECK_OK(rmdir("full"));

  CHECK_OK(mkdir("g", 0755));
  CHECK_ERR(rmdir("g/."), EINVAL);
  CHECK(is_dir("g"));
  CHECK_OK(symlink("nowhere", "dangling"));
  CHECK_ERR(mkdir("dangling", 0755), EEXIST);
  CHECK_OK(symlink("g", "glink"));
  CHECK_ERR(mkdir("glink", 0755), EEXIST);
  CHECK_ERR(rmdir("glink"), ENOTDIR);
  CHECK(is_dir("g"));
}

static void test_deep(void) {
  char path[PATH_MAX] = "deep";
  int ok = 1;
  for (int i = 0; i < 30 && ok; i++) {
    ok = mkdir(path, 0755) == 0;
    strcat(path, "/n");
  }
  CHECK(ok);
  CHECK(is_dir("deep/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n/n"));
  CHECK_ERR(rmdir("deep"), ENOTEMPTY);
  for (int i = 0; i < 30 && ok; i++) {
    path[strlen(path) - 2] = 0;
    ok = rmdir(path) == 0;
  }
  CHECK(ok);
  CHECK(!exists("deep"));
}

static void test_reuse_name(void) {
  CHECK_OK(mkdir("r", 0755));
  CHECK_OK(rmdir("r"));
  touch("r");
  struct stat st;
  CHECK_OK(stat("r", &st));
  CHECK(S_ISREG(st.st_mode));
  CHECK_OK(unlink("r"));
  CHECK_OK(mkdir("r", 0755));
  CHECK(is_dir("r"));
}

static void test_chdir(void) {
  touch("marker");
  CHECK_OK(mkdir("c1", 0755));
  CHECK_OK(mkdir("c1/c2", 0755));
  CHECK_OK(chdir("c1"));
  char cwd[PATH_MAX];
  CHECK(getcwd(cwd, sizeof cwd) != NULL);
  size_t n = strlen(cwd);
  CHECK(n >= 3 && strcmp(cwd + n - 3, "/c1") == 0);
  CHECK(!exists("marker"));
  CHECK(exists("../marker"));
  CHECK(is_dir("c2"));
  touch("inside");
  CHECK_OK(chdir("c2"));
  CHECK(exists("../inside"));
  CHECK(exists("../../marker"));
  CHECK_OK(chdir("../.."));
  CHECK(exists("marker"));
  CHECK(exists("c1/inside"));
  CHECK_ERR(chdir("marker"), ENOTDIR);
  CHECK_ERR(chdir("nope"), ENOENT);
  CHECK(exists("marker"));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_basic();
  test_errors();
  test_deep();
  test_reuse_name();
  test_chdir();
  return check_done();
}
