// stat/fstat/lstat/fstatat: file types, sizes, st_ino stable and unique, nlink of files, error
// cases.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static void write_file(const char* path, const char* data, size_t len) {
  int fd = CHECK_OK(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644));
  if (fd < 0) return;
  CHECK_EQ(write(fd, data, len), (long long)len);
  close(fd);
}

static void test_types_and_sizes(void) {
  struct stat st;
  write_file("empty", "", 0);
  CHECK_OK(stat("empty", &st));
  CHECK(S_ISREG(st.st_mode));
  CHECK_EQ(st.st_size, 0);
  CHECK_EQ(st.st_nlink, 1);

  static char big[10000];
  memset(big, 'b', sizeof big);
  write_file("big", big, sizeof big);
  CHECK_OK(stat("big", &st));
  CHECK(S_ISREG(st.st_mode));
  CHECK_EQ(st.st_size, 10000);

  CHECK_OK(mkdir("dir", 0755));
  CHECK_OK(stat("dir", &st));
  CHECK(S_ISDIR(st.st_mode));
  CHECK(!S_ISREG(st.st_mode));
  CHECK_OK(stat("dir/", &st));
  CHECK(S_ISDIR(st.st_mode));
  CHECK_OK(stat(".", &st));
  CHECK(S_ISDIR(st.st_mode));

  CHECK_OK(symlink("big", "link"));
  CHECK_OK(lstat("link", &st));
  CHECK(S_ISLNK(st.st_mode));
  CHECK_EQ(st.st_size, 3);
  CHECK_OK(stat("link", &st));
  CHECK(S_ISREG(st.st_mode));
  CHECK_EQ(st.st_size, 10000);
  CHECK_OK(fstatat(AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW));
  CHECK(S_ISLNK(st.st_mode));
  CHECK_OK(fstatat(AT_FDCWD, "link", &st, 0));
  CHECK(S_ISREG(st.st_mode));

  CHECK_OK(lstat("big", &st));
  CHECK(S_ISREG(st.st_mode));
  CHECK_OK(stat("/dev/null", &st));
  CHECK(S_ISCHR(st.st_mode));
}

static void test_fstat_matches(void) {
  struct stat a, b;
  int fd = CHECK_OK(open("big", O_RDONLY));
  CHECK_OK(fstat(fd, &a));
  CHECK_OK(stat("big", &b));
  CHECK_EQ(a.st_ino, b.st_ino);
  CHECK_EQ(a.st_dev, b.st_dev);
  CHECK_EQ(a.st_size, b.st_size);
  CHECK_EQ(a.st_mode & S_IFMT, b.st_mode & S_IFMT);
  CHECK_OK(close(fd));

  fd = CHECK_OK(open("dir", O_RDONLY | O_DIRECTORY));
  CHECK_OK(fstat(fd, &a));
  CHECK(S_ISDIR(a.st_mode));
  CHECK_OK(stat("dir", &b));
  CHECK_EQ(a.st_ino, b.st_ino);
  CHECK_OK(stat("dir/..", &b));
  CHECK(S_ISDIR(b.st_mode));
  CHECK(a.st_ino != b.st_ino);
  CHECK_OK(close(fd));

  fd = CHECK_OK(open("grow", O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_OK(fstat(fd, &a));
  CHECK_EQ(a.st_size, 0);
  CHECK_EQ(write(fd, "12345", 5), 5);
  CHECK_OK(fstat(fd, &a));
  CHECK_EQ(a.st_size, 5);
  CHECK_OK(stat("grow", &b));
  CHECK_EQ(b.st_size, 5);
  CHECK_OK(close(fd));
  CHECK_ERR(fstat(fd, &a), EBADF);
}

static void test_inodes(void) {
  enum { N = 20 };
  ino_t ino[N];
  char name[16];
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "u%d", i);
    write_file(name, "", 0);
    struct stat st;
    ino[i] = stat(name, &st) == 0 ? st.st_ino : 0;
  }
  int unique = 1;
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++) unique &= ino[i] != ino[j];
  CHECK(unique);

  struct stat st;
  CHECK_OK(stat("u0", &st));
  CHECK_EQ(st.st_ino, ino[0]);
  write_file("u0", "more", 4);
  CHECK_OK(stat("u0", &st));
  CHECK_EQ(st.st_ino, ino[0]);
  CHECK_OK(rename("u0", "dir/moved"));
  CHECK_OK(stat("dir/moved", &st));
  CHECK_EQ(st.st_ino, ino[0]);

  CHECK_OK(mkdir("d2", 0755));
  struct stat d1, d2;
  CHECK_OK(stat("dir", &d1));
  CHECK_OK(stat("d2", &d2));
  CHECK(d1.st_ino != d2.st_ino);
  CHECK(d1.st_ino != ino[1]);
  CHECK_OK(stat("dir/..", &d2));
  CHECK_OK(stat(".", &d1));
  CHECK_EQ(d1.st_ino, d2.st_ino);
}

static void test_errors(void) {
  struct stat st;
  CHECK_ERR(stat("missing", &st), ENOENT);
  CHECK_ERR(lstat("missing", &st), ENOENT);
  CHECK_ERR(stat("missing/x", &st), ENOENT);
  CHECK_ERR(stat("big/", &st), ENOTDIR);
  CHECK_ERR(stat("big/x", &st), ENOTDIR);
  CHECK_ERR(lstat("big/", &st), ENOTDIR);
#ifndef __wasi__
  // wasi-libc resolves "" to the current directory, so this only holds natively.
  CHECK_ERR(stat("", &st), ENOENT);
#endif
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_types_and_sizes();
  test_fstat_matches();
  test_inodes();
  test_errors();
  return check_done();
}
