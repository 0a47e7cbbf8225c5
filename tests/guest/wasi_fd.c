// Raw fd calls: prestat of preopens, fdstat file types, filestat get/set, fd_renumber,
// fd_seek/tell, path_open oflags, closing twice.
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

#define FILE_RIGHTS                                                                             \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |                     \
   __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | \
   __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC |    \
   __WASI_RIGHTS_FD_ADVISE)

static int open_file(int dir, const char* path, __wasi_oflags_t of, __wasi_errno_t* err) {
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  *err = __wasi_path_open(dir, 0, path, of, FILE_RIGHTS, 0, 0, &fd);
  return *err == 0 ? (int)fd : -1;
}

static __wasi_filetype_t filetype_of(int fd) {
  __wasi_fdstat_t st;
  memset(&st, 0xFF, sizeof st);
  CHECK_WASI_OK(__wasi_fd_fdstat_get(fd, &st));
  return st.fs_filetype;
}

static void test_prestat(void) {
  int found = 0;
  for (int fd = 3; fd < 64; fd++) {
    __wasi_prestat_t p;
    __wasi_errno_t e = __wasi_fd_prestat_get(fd, &p);
    if (e == __WASI_ERRNO_BADF) break;
    CHECK_WASI_OK(e);
    if (e != 0) break;
    found++;
    CHECK_EQ(p.tag, __WASI_PREOPENTYPE_DIR);
    char name[256];
    memset(name, 0x7F, sizeof name);
    size_t len = p.u.dir.pr_name_len;
    CHECK(len > 0 && len < sizeof name);
    if (len == 0 || len >= sizeof name) continue;
    CHECK_WASI_OK(__wasi_fd_prestat_dir_name(fd, (uint8_t*)name, len));
    CHECK(memchr(name, 0, len) == NULL);
    CHECK_EQ((unsigned char)name[len], 0x7F);
    CHECK_EQ(filetype_of(fd), __WASI_FILETYPE_DIRECTORY);
  }
  CHECK(found >= 1);

  // An open fd that is not a preopen: wasmtime says BADF, uvwasi INVAL; an unused number must be
  // BADF.
  int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
  __wasi_prestat_t p;
  CHECK_WASI2(__wasi_fd_prestat_get(fd, &p), __WASI_ERRNO_BADF, __WASI_ERRNO_INVAL);
  close(fd);
  CHECK_WASI(__wasi_fd_prestat_get(fd, &p), __WASI_ERRNO_BADF);
}

static void test_fdstat_types(int dir) {
  for (int fd = 0; fd < 3; fd++) {
    __wasi_fdstat_t st;
    CHECK_WASI_OK(__wasi_fd_fdstat_get(fd, &st));
  }
  CHECK_EQ(filetype_of(dir), __WASI_FILETYPE_DIRECTORY);
  __wasi_errno_t e;
  int fd = open_file(dir, "f", 0, &e);
  CHECK_WASI_OK(e);
  CHECK_EQ(filetype_of(fd), __WASI_FILETYPE_REGULAR_FILE);
  CHECK_WASI_OK(__wasi_fd_close(fd));
  int null = CHECK_OK(open("/dev/null", O_RDWR));
  CHECK_EQ(filetype_of(null), __WASI_FILETYPE_CHARACTER_DEVICE);
  close(null);
  __wasi_fdstat_t st;
  CHECK_WASI(__wasi_fd_fdstat_get(9999, &st), __WASI_ERRNO_BADF);
}

static void test_filestat(int dir) {
  __wasi_errno_t e;
  int fd = open_file(dir, "g", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, &e);
  CHECK_WASI_OK(e);
  __wasi_ciovec_t iov = {(const uint8_t*)"0123456789", 10};
  __wasi_size_t n = 0;
  CHECK_WASI_OK(__wasi_fd_write(fd, &iov, 1, &n));
  CHECK_EQ(n, 10);

  __wasi_filestat_t st, pst;
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_EQ(st.filetype, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ(st.size, 10);
  CHECK_EQ(st.nlink, 1);
  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, "g", &pst));
  CHECK_EQ(pst.ino, st.ino);
  CHECK_EQ(pst.dev, st.dev);

  CHECK_WASI_OK(__wasi_fd_filestat_set_size(fd, 100));
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_EQ(st.size, 100);
  CHECK_WASI_OK(__wasi_fd_filestat_set_size(fd, 4));
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_EQ(st.size, 4);

  CHECK_WASI_OK(__wasi_fd_filestat_set_times(fd, 1000000000123ULL, 2000000000456ULL,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_TIME_NS(st.atim, 1000000000123ULL);
  CHECK_TIME_NS(st.mtim, 2000000000456ULL);
  CHECK_WASI(
      __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
      __WASI_ERRNO_INVAL);
  CHECK_WASI(
      __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
      __WASI_ERRNO_INVAL);
  CHECK_WASI_OK(
      __wasi_path_filestat_set_times(dir, 0, "g", 0, 3000000000789ULL, __WASI_FSTFLAGS_MTIM));
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_TIME_NS(st.mtim, 3000000000789ULL);
  CHECK_TIME_NS(st.atim, 1000000000123ULL);

  CHECK_WASI_OK(__wasi_fd_sync(fd));
  CHECK_WASI_OK(__wasi_fd_datasync(fd));
  CHECK_WASI_OK(__wasi_fd_advise(fd, 0, 4, __WASI_ADVICE_SEQUENTIAL));
  CHECK_WASI_OK(__wasi_fd_close(fd));

  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, ".", &pst));
  CHECK_EQ(pst.filetype, __WASI_FILETYPE_DIRECTORY);
}

static void test_seek_tell(int dir) {
  __wasi_errno_t e;
  int fd = open_file(dir, "g", 0, &e);
  CHECK_WASI_OK(e);
  __wasi_filesize_t pos = 99;
  CHECK_WASI_OK(__wasi_fd_tell(fd, &pos));
  CHECK_EQ(pos, 0);
  CHECK_WASI_OK(__wasi_fd_seek(fd, 3, __WASI_WHENCE_SET, &pos));
  CHECK_EQ(pos, 3);
  CHECK_WASI_OK(__wasi_fd_seek(fd, -1, __WASI_WHENCE_CUR, &pos));
  CHECK_EQ(pos, 2);
  CHECK_WASI_OK(__wasi_fd_seek(fd, 6, __WASI_WHENCE_END, &pos));
  CHECK_EQ(pos, 10);
  CHECK_WASI_OK(__wasi_fd_tell(fd, &pos));
  CHECK_EQ(pos, 10);
  CHECK_WASI(__wasi_fd_seek(fd, -100, __WASI_WHENCE_CUR, &pos), __WASI_ERRNO_INVAL);
  CHECK_WASI(__wasi_fd_seek(fd, 0, 7, &pos), __WASI_ERRNO_INVAL);
  CHECK_WASI_OK(__wasi_fd_close(fd));
}

static void test_oflags(int dir) {
  __wasi_errno_t e;
  CHECK(open_file(dir, "missing", 0, &e) < 0);
  CHECK_WASI(e, __WASI_ERRNO_NOENT);
  CHECK(open_file(dir, "g", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &e) < 0);
  CHECK_WASI(e, __WASI_ERRNO_EXIST);
  CHECK(open_file(dir, "g", __WASI_OFLAGS_DIRECTORY, &e) < 0);
  CHECK_WASI(e, __WASI_ERRNO_NOTDIR);
  int fd = open_file(dir, "g", __WASI_OFLAGS_TRUNC, &e);
  CHECK_WASI_OK(e);
  __wasi_filestat_t st;
  CHECK_WASI_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK_EQ(st.size, 0);
  CHECK_WASI_OK(__wasi_fd_close(fd));
  CHECK_WASI(__wasi_fd_close(fd), __WASI_ERRNO_BADF);
}

static void write_str(int fd, const char* s) {
  __wasi_ciovec_t iov = {(const uint8_t*)s, strlen(s)};
  __wasi_size_t n;
  CHECK_WASI_OK(__wasi_fd_write(fd, &iov, 1, &n));
}

static void test_renumber(int dir) {
  __wasi_errno_t e;
  int a = open_file(dir, "ra", __WASI_OFLAGS_CREAT, &e);
  int b = open_file(dir, "rb", __WASI_OFLAGS_CREAT, &e);
  CHECK(a >= 0 && b >= 0);
  CHECK_WASI_OK(__wasi_fd_renumber(a, b));
  __wasi_fdstat_t st;
  CHECK_WASI(__wasi_fd_fdstat_get(a, &st), __WASI_ERRNO_BADF);
  write_str(b, "to ra");
  __wasi_filestat_t fs;
  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, "ra", &fs));
  CHECK_EQ(fs.size, 5);
  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, "rb", &fs));
  CHECK_EQ(fs.size, 0);

  CHECK_WASI(__wasi_fd_renumber(a, b), __WASI_ERRNO_BADF);
  CHECK_WASI(__wasi_fd_renumber(9999, b), __WASI_ERRNO_BADF);
  CHECK_WASI_OK(__wasi_fd_fdstat_get(b, &st));

  // Renumbering onto a number that is not open: runtimes either refuse (BADF) or move the fd there.
  e = __wasi_fd_renumber(b, a);
  if (e == 0) {
    CHECK_WASI(__wasi_fd_fdstat_get(b, &st), __WASI_ERRNO_BADF);
    write_str(a, "!");
    CHECK_WASI_OK(__wasi_fd_close(a));
  } else {
    CHECK_WASI(e, __WASI_ERRNO_BADF);
    CHECK_WASI_OK(__wasi_fd_close(b));
  }
  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, "ra", &fs));
  CHECK(fs.size == 5 || fs.size == 6);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_prestat();
  int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
  test_fdstat_types(dir);
  test_filestat(dir);
  test_seek_tell(dir);
  test_oflags(dir);
  test_renumber(dir);
  close(dir);
  return check_done();
}
#endif
