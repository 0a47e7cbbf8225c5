// open() flags: O_CREAT/O_EXCL/O_TRUNC, O_DIRECTORY, trailing slashes, directories for writing,
// ENOENT/ENOTDIR cases, access modes; record locks.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void close_if_open(int fd) {
  if (fd >= 0) close(fd);
}

static void test_creat(void) {
  CHECK_ERR(open("new", O_RDONLY), ENOENT);
  CHECK_ERR(open("new", O_WRONLY), ENOENT);
  int fd = CHECK_OK(open("new", O_CREAT | O_WRONLY, 0644));
  CHECK(exists("new"));
  CHECK_EQ(size_of("new"), 0);
  CHECK_EQ(write(fd, "abc", 3), 3);
  CHECK_OK(close(fd));

  fd = CHECK_OK(open("new", O_CREAT | O_WRONLY, 0644));
  CHECK_EQ(size_of("new"), 3);
  CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
  CHECK_OK(close(fd));

  CHECK_ERR(open("new", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  CHECK_ERR(open("new", O_CREAT | O_EXCL | O_RDONLY, 0644), EEXIST);
  CHECK_EQ(size_of("new"), 3);
  fd = CHECK_OK(open("excl", O_CREAT | O_EXCL | O_RDWR, 0644));
  CHECK(exists("excl"));
  close_if_open(fd);

  CHECK_OK(symlink("excl", "excl_link"));
  CHECK_ERR(open("excl_link", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  CHECK_OK(mkdir("adir", 0755));
  CHECK_ERR(open("adir", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);

  fd = CHECK_OK(open("excl_link", O_CREAT | O_WRONLY, 0644));
  CHECK_EQ(write(fd, "via link", 8), 8);
  close_if_open(fd);
  CHECK_EQ(size_of("excl"), 8);

  CHECK_ERR(open("nodir/f", O_CREAT | O_WRONLY, 0644), ENOENT);
  CHECK_ERR(open("new/f", O_CREAT | O_WRONLY, 0644), ENOTDIR);
  CHECK(!exists("nodir"));
}

static void test_trunc(void) {
  write_file("t", "0123456789");
  int fd = CHECK_OK(open("t", O_RDWR | O_TRUNC));
  CHECK_EQ(size_of("t"), 0);
  char c;
  CHECK_EQ(read(fd, &c, 1), 0);
  close_if_open(fd);

  write_file("t", "0123456789");
  fd = CHECK_OK(open("t", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  CHECK_EQ(size_of("t"), 0);
  close_if_open(fd);
}

static void test_directories(void) {
  write_file("file", "x");
  CHECK_ERR(open("file", O_RDONLY | O_DIRECTORY), ENOTDIR);
  CHECK_ERR(open("file/", O_RDONLY), ENOTDIR);
  CHECK_ERR(open("file/", O_WRONLY), ENOTDIR);
  CHECK_ERR(open("file/x", O_RDONLY), ENOTDIR);
  CHECK_ERR(open("file/x", O_CREAT | O_WRONLY, 0644), ENOTDIR);

  int fd = CHECK_OK(open("adir", O_RDONLY | O_DIRECTORY));
  close_if_open(fd);
  fd = CHECK_OK(open("adir", O_RDONLY));
  close_if_open(fd);
  fd = CHECK_OK(open("adir/", O_RDONLY));
  close_if_open(fd);
  fd = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
#ifdef __wasi__
  // wasi-libc's F_SETFL is fd_fdstat_set_flags, a file call: EBADF on a directory, as wasmtime.
  CHECK_ERR(fcntl(fd, F_SETFL, O_NONBLOCK), EBADF);
#else
  CHECK_OK(fcntl(fd, F_SETFL, O_NONBLOCK));
  CHECK((fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
#endif
  close_if_open(fd);

  CHECK_ERR(open("adir", O_WRONLY), EISDIR);
  CHECK_ERR(open("adir", O_RDWR), EISDIR);
  CHECK_ERR(open("adir", O_CREAT | O_WRONLY, 0644), EISDIR);
  CHECK_ERR(open("adir/", O_RDWR), EISDIR);

  CHECK_ERR(open("missing", O_RDONLY | O_DIRECTORY), ENOENT);
  CHECK_ERR(open("missing/", O_RDONLY), ENOENT);
  CHECK_ERR(open("missing/deeper/x", O_RDONLY), ENOENT);

  CHECK_OK(symlink("adir", "dlink"));
  fd = CHECK_OK(open("dlink", O_RDONLY | O_DIRECTORY));
  close_if_open(fd);
  CHECK_OK(symlink("file", "flink"));
  CHECK_ERR(open("flink", O_RDONLY | O_DIRECTORY), ENOTDIR);
  CHECK_ERR(open("flink/", O_RDONLY), ENOTDIR);
#ifndef __wasi__
  // wasi-libc resolves "" to the current directory, so this only holds natively.
  CHECK_ERR(open("", O_RDONLY), ENOENT);
#endif
}

static void test_access_modes(void) {
  int fd = CHECK_OK(open("file", O_RDONLY));
  CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
  close_if_open(fd);
  fd = CHECK_OK(open("file", O_WRONLY));
  CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
  close_if_open(fd);
  fd = CHECK_OK(open("file", O_RDWR));
  CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
  CHECK_EQ(fcntl(fd, F_GETFL) & O_APPEND, 0);
  close_if_open(fd);
  fd = CHECK_OK(open("file", O_RDWR | O_APPEND));
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0);
  close_if_open(fd);
}

static void test_fd_numbers(void) {
  int a = CHECK_OK(open("file", O_RDONLY));
  int b = CHECK_OK(open("file", O_RDONLY));
  CHECK(a > 2 && b > 2 && a != b);
  CHECK_OK(close(a));
  int c = CHECK_OK(open("file", O_RDONLY));
#ifndef __wasi__
  // POSIX wants the lowest free number; WASI's path_open explicitly does not promise it.
  CHECK_EQ(c, a);
#endif
  CHECK(c != b);
  close_if_open(b);
  close_if_open(c);

  enum { N = 64 };
  int fds[N], ok = 1;
  for (int i = 0; i < N; i++) {
    fds[i] = open("file", O_RDONLY);
    ok &= fds[i] >= 0;
  }
  CHECK(ok);
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++) ok &= fds[i] != fds[j];
  CHECK(ok);
  for (int i = 0; i < N; i++) ok &= close(fds[i]) == 0;
  CHECK(ok);
}

// Record locks, where the C library has them (Emscripten's, and wasi-libc's
// with the guest library): a process's own lock never conflicts with what
// it asks next (locks.c tests them between processes).
static void test_record_locks(void) {
#ifdef F_SETLK
  int fd = CHECK_OK(open("locked", O_CREAT | O_RDWR, 0644));
  struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
  CHECK_OK(fcntl(fd, F_SETLK, &lock));
  CHECK_OK(fcntl(fd, F_SETLKW, &lock));
  struct flock probe = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
  CHECK_OK(fcntl(fd, F_GETLK, &probe));
  CHECK_EQ(probe.l_type, F_UNLCK);
  lock.l_type = F_UNLCK;
  CHECK_OK(fcntl(fd, F_SETLK, &lock));
  CHECK_OK(close(fd));
#endif
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_creat();
  test_trunc();
  test_directories();
  test_access_modes();
  test_fd_numbers();
  test_record_locks();
  return check_done();
}
