// WASI rights, as wasmtime gives them: the rights asked of path_open choose
// the access mode (a read-only fd cannot write), fd_fdstat_set_rights only
// drops rights, and a directory's inheriting rights bound what is opened
// through it.
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
#include <unistd.h>

#include "wasi_check.h"

#define R_READ __WASI_RIGHTS_FD_READ
#define R_WRITE __WASI_RIGHTS_FD_WRITE
#define R_SEEK __WASI_RIGHTS_FD_SEEK
#define R_TELL __WASI_RIGHTS_FD_TELL
#define R_FSTAT __WASI_RIGHTS_FD_FILESTAT_GET
#define R_SETSIZE __WASI_RIGHTS_FD_FILESTAT_SET_SIZE

static __wasi_errno_t fd_write_str(int fd, const char* s, __wasi_size_t* n) {
  __wasi_ciovec_t iov = {(const uint8_t*)s, strlen(s)};
  return __wasi_fd_write(fd, &iov, 1, n);
}

static __wasi_errno_t fd_read_buf(int fd, char* buf, size_t len, __wasi_size_t* n) {
  __wasi_iovec_t iov = {(uint8_t*)buf, len};
  return __wasi_fd_read(fd, &iov, 1, n);
}

static __wasi_rights_t rights_of(int fd) {
  __wasi_fdstat_t st;
  memset(&st, 0, sizeof st);
  CHECK_WASI_OK(__wasi_fd_fdstat_get(fd, &st));
  return st.fs_rights_base;
}

static void test_read_only_file(int dir) {
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  __wasi_rights_t base = R_READ | R_SEEK | R_TELL | R_FSTAT;
  CHECK_WASI_OK(__wasi_path_open(dir, 0, "f", 0, base, 0, 0, &fd));
  __wasi_rights_t got = rights_of(fd);
  CHECK((got & R_READ) != 0);
  CHECK((got & (R_WRITE | R_SETSIZE)) == 0);

  __wasi_size_t n = 0;
  CHECK_NORIGHT(fd_write_str(fd, "x", &n));
  __wasi_ciovec_t iov = {(const uint8_t*)"x", 1};
  CHECK_NORIGHT(__wasi_fd_pwrite(fd, &iov, 1, 0, &n));
  // EINVAL as ftruncate on a read-only descriptor.
  CHECK_WASI(__wasi_fd_filestat_set_size(fd, 0), __WASI_ERRNO_INVAL);
  char buf[16] = {0};
  CHECK_WASI_OK(fd_read_buf(fd, buf, sizeof buf - 1, &n));
  CHECK_EQ(n, 7);
  CHECK(strcmp(buf, "content") == 0);

  CHECK_WASI_OK(__wasi_fd_fdstat_set_rights(fd, got, 0));
  CHECK_WASI_OK(__wasi_fd_fdstat_set_rights(fd, got & ~R_SEEK, 0));
  CHECK_EQ(rights_of(fd), got & ~R_SEEK);
  __wasi_filesize_t pos = 0;
  CHECK_NORIGHT(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  CHECK_WASI_OK(__wasi_fd_tell(fd, &pos));
  CHECK_EQ(pos, 7);
  CHECK_WASI(__wasi_fd_fdstat_set_rights(fd, got, 0), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(__wasi_fd_fdstat_set_rights(fd, got | R_WRITE, 0), __WASI_ERRNO_NOTCAPABLE);
  CHECK_EQ(rights_of(fd), got & ~R_SEEK);

  CHECK_WASI_OK(__wasi_fd_fdstat_set_rights(fd, R_FSTAT, 0));
  CHECK_NORIGHT(fd_read_buf(fd, buf, sizeof buf, &n));
  CHECK_NORIGHT(__wasi_fd_tell(fd, &pos));
  __wasi_filestat_t st;
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_EQ(st.size, 7);
  CHECK_WASI_OK(__wasi_fd_fdstat_set_rights(fd, 0, 0));
  CHECK_NORIGHT(__wasi_fd_filestat_get(fd, &st));
  CHECK_WASI(__wasi_fd_fdstat_set_rights(fd, R_FSTAT, 0), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI_OK(__wasi_fd_close(fd));
}

static void test_write_only_file(int dir) {
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  __wasi_rights_t base = R_WRITE | R_SEEK | R_SETSIZE;
  CHECK_WASI_OK(__wasi_path_open(dir, 0, "w", __WASI_OFLAGS_CREAT, base, 0, 0, &fd));
  __wasi_size_t n = 0;
  CHECK_WASI_OK(fd_write_str(fd, "abc", &n));
  CHECK_EQ(n, 3);
  char buf[4];
  CHECK_NORIGHT(fd_read_buf(fd, buf, sizeof buf, &n));
  __wasi_iovec_t iov = {(uint8_t*)buf, sizeof buf};
  CHECK_NORIGHT(__wasi_fd_pread(fd, &iov, 1, 0, &n));
  CHECK_WASI_OK(__wasi_fd_filestat_set_size(fd, 1));
  CHECK_WASI_OK(__wasi_fd_close(fd));
}

static void test_inheriting(int dir) {
  __wasi_fd_t sub = (__wasi_fd_t)-1;
  CHECK_WASI_OK(__wasi_path_open(dir, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &sub));
  __wasi_fdstat_t fst;
  CHECK_WASI_OK(__wasi_fd_fdstat_get(sub, &fst));
  CHECK_EQ(fst.fs_filetype, __WASI_FILETYPE_DIRECTORY);
  CHECK((fst.fs_rights_base & __WASI_RIGHTS_PATH_CREATE_DIRECTORY) != 0);
  CHECK((fst.fs_rights_inheriting & R_WRITE) != 0);

  // Narrow the directory: it may open and list, and hand out only reading.
  __wasi_rights_t dir_base =
      __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET;
  __wasi_rights_t inherit = R_READ | R_SEEK | R_FSTAT;
  CHECK_WASI_OK(__wasi_fd_fdstat_set_rights(sub, dir_base, inherit));
  CHECK_WASI_OK(__wasi_fd_fdstat_get(sub, &fst));
  CHECK_EQ(fst.fs_rights_base, dir_base);
  CHECK_EQ(fst.fs_rights_inheriting, inherit);

  __wasi_fd_t fd = (__wasi_fd_t)-1;
  CHECK_WASI_OK(__wasi_path_open(sub, 0, "f", 0, R_READ, 0, 0, &fd));
  CHECK((rights_of(fd) & ~inherit) == 0);
  CHECK_WASI_OK(__wasi_fd_close(fd));

  // Asking for more than the parent may hand out yields an fd without it.
  fd = (__wasi_fd_t)-1;
  CHECK_WASI_OK(__wasi_path_open(sub, 0, "f", 0, R_READ | R_WRITE, 0, 0, &fd));
  __wasi_size_t n = 0;
  CHECK((rights_of(fd) & R_WRITE) == 0);
  CHECK_NORIGHT(fd_write_str(fd, "x", &n));
  CHECK_WASI_OK(__wasi_fd_close(fd));

  CHECK_NORIGHT(__wasi_path_create_directory(sub, "newdir"));
  CHECK(access("newdir", F_OK) != 0);
  CHECK_NORIGHT(__wasi_path_unlink_file(sub, "f"));
  CHECK(access("f", F_OK) == 0);
  __wasi_errno_t e = __wasi_path_open(sub, 0, "created", __WASI_OFLAGS_CREAT, R_READ, 0, 0, &fd);
  CHECK(e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF);
  CHECK(access("created", F_OK) != 0);

  CHECK_WASI_OK(__wasi_fd_fdstat_set_rights(sub, __WASI_RIGHTS_FD_READDIR, inherit));
  CHECK_NORIGHT(__wasi_path_open(sub, 0, "f", 0, R_READ, 0, 0, &fd));
  CHECK_WASI(__wasi_fd_fdstat_set_rights(sub, __WASI_RIGHTS_FD_READDIR, inherit | R_WRITE),
             __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI_OK(__wasi_fd_close(sub));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  int fd = CHECK_OK(open("f", O_CREAT | O_WRONLY, 0644));
  CHECK_EQ(write(fd, "content", 7), 7);
  close(fd);
  int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
  test_read_only_file(dir);
  test_write_only_file(dir);
  test_inheriting(dir);
  close(dir);
  return check_done();
}
#endif
