// The extension imports (WASIX's fd_pipe, fd_dup, fd_dup2, fd_fdflags_*;
// wasmbox's fd_dup3 and proc_sigaction), called directly as the guest
// library calls them: pipes carry bytes and end in EOF (and, as the
// program imports wasmbox's extensions, a write no one reads raises
// SIGPIPE, ignored here), duplicates share their offset, dup3 redirects a
// descriptor.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "wasi_check.h"

#define WASIX(name) __attribute__((import_module("wasix_32v1"), import_name(name)))
int32_t wasix_fd_pipe(int32_t* r, int32_t* w) WASIX("fd_pipe");
int32_t wasix_fd_dup(int32_t fd, int32_t* out) WASIX("fd_dup");
int32_t wasix_fd_dup2(int32_t fd, int32_t min, int32_t cloexec, int32_t* out) WASIX("fd_dup2");
int32_t wasix_fd_fdflags_get(int32_t fd, uint16_t* flags) WASIX("fd_fdflags_get");
int32_t wasix_fd_fdflags_set(int32_t fd, int32_t flags) WASIX("fd_fdflags_set");
int32_t wasmbox_fd_dup3(int32_t from, int32_t to, int32_t flags)
    __attribute__((import_module("wasmbox"), import_name("fd_dup3")));
int32_t wasmbox_proc_sigaction(int32_t sig, int32_t disposition, int32_t entry)
    __attribute__((import_module("wasmbox"), import_name("proc_sigaction")));
enum { kSigpipe = 13, kIgnore = 1 };

static void test_pipe(void) {
  int32_t r = -1, w = -1;
  CHECK_WASI_OK(wasix_fd_pipe(&r, &w));
  CHECK_EQ(write(w, "through the pipe", 16), 16);
  char buf[32] = {0};
  CHECK_EQ(read(r, buf, 7), 7);
  CHECK(strcmp(buf, "through") == 0);
  CHECK_OK(close(w));
  CHECK_EQ(read(r, buf, sizeof buf), 9);
  CHECK_EQ(read(r, buf, sizeof buf), 0);  // EOF: no writer left
  CHECK_ERR(lseek(r, 0, SEEK_SET), ESPIPE);
  CHECK_OK(close(r));

  CHECK_WASI_OK(wasix_fd_pipe(&r, &w));
  CHECK_OK(close(r));
  CHECK_WASI_OK(wasmbox_proc_sigaction(kSigpipe, kIgnore, 0));
  CHECK_ERR(write(w, "x", 1), EPIPE);
  CHECK_OK(close(w));
}

static void test_dup(void) {
  int fd = make_file("f", "0123456789");
  CHECK_OK(lseek(fd, 0, SEEK_SET));
  int32_t copy = -1;
  CHECK_WASI_OK(wasix_fd_dup(fd, &copy));
  CHECK(copy > fd);
  char buf[4] = {0};
  CHECK_EQ(read(fd, buf, 3), 3);
  CHECK_EQ(lseek(copy, 0, SEEK_CUR), 3);  // one open file, one offset

  int32_t high = -1;
  CHECK_WASI_OK(wasix_fd_dup2(fd, 50, 1, &high));
  CHECK_EQ(high, 50);
  uint16_t flags = 0;
  CHECK_WASI_OK(wasix_fd_fdflags_get(high, &flags));
  CHECK_EQ(flags, 1);
  CHECK_WASI_OK(wasix_fd_fdflags_set(high, 0));
  CHECK_WASI_OK(wasix_fd_fdflags_get(high, &flags));
  CHECK_EQ(flags, 0);
  CHECK_WASI(wasix_fd_dup(77, &high), __WASI_ERRNO_BADF);
  CHECK_OK(close(50));
  CHECK_OK(close(copy));
  CHECK_OK(close(fd));
}

static void test_redirect_stdout(void) {
  int32_t saved = -1;
  CHECK_WASI_OK(wasix_fd_dup(1, &saved));
  int out = CHECK_OK(open("out", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  CHECK_WASI_OK(wasmbox_fd_dup3(out, 1, 0));
  CHECK_EQ(write(1, "redirected\n", 11), 11);
  CHECK_WASI_OK(wasmbox_fd_dup3(saved, 1, 0));
  CHECK_WASI(wasmbox_fd_dup3(1, 1, 0), __WASI_ERRNO_INVAL);
  CHECK_OK(close(saved));
  CHECK_OK(close(out));
  CHECK(read_matches("out", "redirected\n"));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_pipe();
  test_dup();
  test_redirect_stdout();
  return check_done();
}
