// Hard links: shared inode and data, st_nlink counts, unlinking one name, linkat with and without
// AT_SYMLINK_FOLLOW, errors.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static long long nlink_of(const char* path) {
  struct stat st;
  return lstat(path, &st) == 0 ? (long long)st.st_nlink : -1;
}

static void test_basic(void) {
  write_file("a", "shared");
  CHECK_EQ(nlink_of("a"), 1);
  CHECK_OK(link("a", "b"));
  CHECK_EQ(nlink_of("a"), 2);
  CHECK_EQ(nlink_of("b"), 2);

  struct stat sa, sb;
  CHECK_OK(stat("a", &sa));
  CHECK_OK(stat("b", &sb));
  CHECK_EQ(sa.st_ino, sb.st_ino);
  CHECK_EQ(sa.st_dev, sb.st_dev);
  CHECK_EQ(sb.st_size, 6);
  CHECK(read_matches("b", "shared"));

  write_file("b", "changed via b");
  CHECK(read_matches("a", "changed via b"));

  CHECK_OK(mkdir("sub", 0755));
  CHECK_OK(link("b", "sub/c"));
  CHECK_EQ(nlink_of("a"), 3);
  CHECK(read_matches("sub/c", "changed via b"));

  CHECK_OK(unlink("a"));
  CHECK_EQ(nlink_of("b"), 2);
  CHECK(read_matches("b", "changed via b"));
  CHECK_OK(unlink("sub/c"));
  CHECK_EQ(nlink_of("b"), 1);
  CHECK_OK(stat("b", &sb));
  CHECK_EQ(sb.st_ino, sa.st_ino);
}

static void test_open_fd_survives(void) {
  write_file("x", "still here");
  CHECK_OK(link("x", "y"));
  int fd = CHECK_OK(open("x", O_RDWR));
  CHECK_OK(unlink("x"));
  CHECK_OK(unlink("y"));
  struct stat st;
  CHECK_OK(fstat(fd, &st));
  CHECK_EQ(st.st_nlink, 0);
  char buf[16] = {0};
  CHECK_EQ(pread(fd, buf, sizeof buf - 1, 0), 10);
  CHECK(strcmp(buf, "still here") == 0);
  CHECK_EQ(pwrite(fd, "S", 1, 0), 1);
  CHECK_OK(close(fd));
  CHECK_ERR(stat("x", &st), ENOENT);
}

static void test_errors(void) {
  write_file("p", "p");
  write_file("q", "q");
  CHECK_ERR(link("p", "q"), EEXIST);
  CHECK(read_matches("q", "q"));
  CHECK_ERR(link("p", "p"), EEXIST);
  CHECK_ERR(link("missing", "r"), ENOENT);
  CHECK_ERR(link("p", "nodir/r"), ENOENT);
  CHECK_ERR(link("p", "q/r"), ENOTDIR);
  CHECK_ERR(link("sub", "subdup"), EPERM);
  CHECK_EQ(nlink_of("p"), 1);
}

static void test_symlink_follow(void) {
  write_file("t", "target");
  CHECK_OK(symlink("t", "sl"));
  // Through a directory fd: Debian's wasi-libc (2022-05) passes one buffer
  // as both paths of linkat(AT_FDCWD, ...) when the cwd is a preopen.
  int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
  CHECK_OK(linkat(dir, "sl", dir, "h_nofollow", 0));
  CHECK_OK(close(dir));
  struct stat st, tst, slst;
  CHECK_OK(lstat("h_nofollow", &st));
  CHECK_OK(lstat("sl", &slst));
  CHECK(S_ISLNK(st.st_mode));
  CHECK_EQ(st.st_ino, slst.st_ino);
  CHECK_EQ(slst.st_nlink, 2);

#ifdef __wasi__
  // WASI's path_link refuses LOOKUPFLAGS_SYMLINK_FOLLOW (as wasmtime).
  CHECK_ERR(linkat(AT_FDCWD, "sl", AT_FDCWD, "h_follow", AT_SYMLINK_FOLLOW), EINVAL);
  CHECK_ERR(lstat("h_follow", &st), ENOENT);
  (void)tst;
#else
  CHECK_OK(linkat(AT_FDCWD, "sl", AT_FDCWD, "h_follow", AT_SYMLINK_FOLLOW));
  CHECK_OK(lstat("h_follow", &st));
  CHECK_OK(stat("t", &tst));
  CHECK(S_ISREG(st.st_mode));
  CHECK_EQ(st.st_ino, tst.st_ino);
  CHECK_EQ(tst.st_nlink, 2);
#endif
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_basic();
  test_open_fd_survives();
  test_errors();
  test_symlink_follow();
  return check_done();
}
