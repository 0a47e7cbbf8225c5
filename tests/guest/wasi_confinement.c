// WASI capability confinement: paths relative to a directory fd never resolve outside it (..,
// absolute paths, escaping symlinks).
#ifndef __wasi__
#include <stdio.h>
int main(void) {
  puts("skip");
  return 0;
}
#else
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "wasi_check.h"

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define FILE_RIGHTS (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET)

static int open_at(int dir, __wasi_lookupflags_t lf, const char* path, __wasi_oflags_t of) {
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  __wasi_errno_t e = __wasi_path_open(dir, lf, path, of, FILE_RIGHTS, FILE_RIGHTS, 0, &fd);
  if (e == 0) (void)__wasi_fd_close(fd);
  return e;
}

static int stat_at(int dir, __wasi_lookupflags_t lf, const char* path, __wasi_filestat_t* st) {
  return __wasi_path_filestat_get(dir, lf, path, st);
}

// Escaping symlinks may be refused at creation; returns whether it exists.
static int make_link(const char* target, const char* name) {
  if (symlink(target, name) == 0) return 1;
  CHECK(errno == ENOTCAPABLE || errno == EPERM);
  return 0;
}

static void test_dotdot(int dir) {
  CHECK_DENIED(open_at(dir, 0, "..", __WASI_OFLAGS_DIRECTORY));
  CHECK_DENIED(open_at(dir, 0, "../x", 0));
  CHECK_DENIED(open_at(dir, 0, "../x", __WASI_OFLAGS_CREAT));
  CHECK_DENIED(open_at(dir, 0, "a/../../x", 0));
  CHECK_DENIED(open_at(dir, 0, "a/../..", __WASI_OFLAGS_DIRECTORY));
  CHECK_DENIED(open_at(dir, 0, "./../x", 0));
  CHECK_DENIED(open_at(dir, FOLLOW, "a/b/../../../x", 0));
  CHECK_WASI_OK(open_at(dir, 0, "a/../f", 0));
  CHECK_WASI_OK(open_at(dir, 0, "a/..", __WASI_OFLAGS_DIRECTORY));
  CHECK_WASI_OK(open_at(dir, 0, "./a/./f", 0));
  CHECK_WASI_OK(open_at(dir, 0, "a/b/../f", 0));

  __wasi_filestat_t st;
  CHECK_DENIED(stat_at(dir, 0, "..", &st));
  CHECK_DENIED(stat_at(dir, 0, "../x", &st));
  CHECK_DENIED(__wasi_path_create_directory(dir, "../newdir"));
  CHECK_DENIED(__wasi_path_create_directory(dir, "a/../../newdir"));
  CHECK_DENIED(__wasi_path_unlink_file(dir, "../x"));
  CHECK_DENIED(__wasi_path_remove_directory(dir, "../x"));
  CHECK_DENIED(__wasi_path_rename(dir, "f", dir, "../f2"));
  CHECK_DENIED(__wasi_path_rename(dir, "../x", dir, "g"));
  CHECK_DENIED(__wasi_path_link(dir, 0, "f", dir, "../f3"));
  CHECK_DENIED(__wasi_path_symlink("f", dir, "../sl"));
  char buf[64];
  __wasi_size_t used;
  CHECK_DENIED(__wasi_path_readlink(dir, "../x", (uint8_t*)buf, sizeof buf, &used));
  CHECK(access("f", F_OK) == 0);
}

static void test_absolute(int dir) {
  __wasi_filestat_t st;
  CHECK_DENIED(open_at(dir, 0, "/etc", __WASI_OFLAGS_DIRECTORY));
  CHECK_DENIED(open_at(dir, 0, "/etc/passwd", 0));
  CHECK_DENIED(open_at(dir, 0, "/", __WASI_OFLAGS_DIRECTORY));
  CHECK_DENIED(stat_at(dir, 0, "/", &st));
  CHECK_DENIED(__wasi_path_create_directory(dir, "/newdir"));
}

static void test_symlinks(int dir) {
  __wasi_filestat_t st;
  if (make_link("../../..", "out")) {
    CHECK_DENIED(open_at(dir, FOLLOW, "out", __WASI_OFLAGS_DIRECTORY));
    CHECK_DENIED(open_at(dir, 0, "out/x", 0));
    CHECK_DENIED(open_at(dir, FOLLOW, "out/etc", __WASI_OFLAGS_DIRECTORY));
    CHECK_DENIED(stat_at(dir, FOLLOW, "out", &st));
    CHECK_WASI_OK(stat_at(dir, 0, "out", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    CHECK_DENIED(__wasi_path_create_directory(dir, "out/newdir"));
  }
  if (make_link("/", "abs")) {
    CHECK_DENIED(open_at(dir, FOLLOW, "abs", __WASI_OFLAGS_DIRECTORY));
    CHECK_DENIED(open_at(dir, FOLLOW, "abs/etc", __WASI_OFLAGS_DIRECTORY));
    CHECK_DENIED(stat_at(dir, FOLLOW, "abs", &st));
  }
  if (make_link("..", "dotdot")) {
    CHECK_DENIED(open_at(dir, FOLLOW, "dotdot", __WASI_OFLAGS_DIRECTORY));
    CHECK_DENIED(stat_at(dir, FOLLOW, "dotdot/x", &st));
  }
  if (make_link("../f", "a/up")) {
    CHECK_WASI_OK(open_at(dir, FOLLOW, "a/up", 0));
    int sub = CHECK_OK(open("a", O_RDONLY | O_DIRECTORY));
    CHECK_DENIED(open_at(sub, FOLLOW, "up", 0));
    CHECK_DENIED(open_at(sub, 0, "../f", 0));
    CHECK_DENIED(stat_at(sub, FOLLOW, "up", &st));
    CHECK_WASI_OK(stat_at(sub, 0, "up", &st));
    CHECK_WASI_OK(open_at(sub, 0, "b/..", __WASI_OFLAGS_DIRECTORY));
    close(sub);
  }
  CHECK_OK(symlink("a", "in"));
  CHECK_OK(symlink("a/b", "inb"));
  CHECK_WASI_OK(open_at(dir, FOLLOW, "in/b/../../f", 0));
  CHECK_WASI_OK(open_at(dir, 0, "inb/../../f", 0));
  CHECK_DENIED(open_at(dir, 0, "inb/../../../f", 0));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  touch("f");
  CHECK_OK(mkdir("a", 0755));
  CHECK_OK(mkdir("a/b", 0755));
  touch("a/f");
  int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
  test_dotdot(dir);
  test_absolute(dir);
  test_symlinks(dir);
  close(dir);
  return check_done();
}
#endif
