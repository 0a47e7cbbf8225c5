// Raw WASI odds and ends: NUL in paths, invalid clock ids, sock_* on non-sockets, proc_raise,
// sched_yield, random_get, args/environ sizes, bad pointers.
#ifndef __wasi__
#include <stdio.h>
int main(void) {
  puts("skip");
  return 0;
}
#else
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasi_check.h"

// Declared by hand: the wasi/api.h wrappers take C strings (so no embedded NUL) and lack
// proc_raise.
int32_t raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t path_len,
                              int32_t out) WASI_IMPORT("path_filestat_get");
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                      int64_t base, int64_t inheriting, int32_t fdflags, int32_t out)
    WASI_IMPORT("path_open");
int32_t raw_proc_raise(int32_t sig) WASI_IMPORT("proc_raise");
int32_t raw_random_get(int32_t buf, int32_t len) WASI_IMPORT("random_get");
int32_t raw_clock_time_get(int32_t id, int64_t precision, int32_t out)
    WASI_IMPORT("clock_time_get");
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t out)
    WASI_IMPORT("fd_write");

extern char** environ;

static int32_t ptr(const void* p) { return (int32_t)(uintptr_t)p; }

static void test_nul_in_path(int dir) {
  static const char path[] = "f\0x";
  __wasi_filestat_t st;
  CHECK_WASI_OK(raw_path_filestat_get(dir, 0, ptr(path), 1, ptr(&st)));
  CHECK_WASI2(raw_path_filestat_get(dir, 0, ptr(path), 3, ptr(&st)), __WASI_ERRNO_INVAL,
              __WASI_ERRNO_ILSEQ);
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  CHECK_WASI2(raw_path_open(dir, 0, ptr(path), 3, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, 0,
                            ptr(&fd)),
              __WASI_ERRNO_INVAL, __WASI_ERRNO_ILSEQ);
  static const char lead[] = "\0f";
  CHECK_WASI2(raw_path_filestat_get(dir, 0, ptr(lead), 2, ptr(&st)), __WASI_ERRNO_INVAL,
              __WASI_ERRNO_ILSEQ);
}

static void test_clocks(void) {
  __wasi_timestamp_t t = 0;
  CHECK_WASI_OK(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t));
  CHECK(t > 1577836800ULL * 1000000000ULL);
  CHECK_WASI_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t));
  CHECK_WASI_OK(__wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &t));
  CHECK(t > 0);
  CHECK_WASI(__wasi_clock_time_get(99, 1, &t), __WASI_ERRNO_INVAL);
  CHECK_WASI(__wasi_clock_time_get(0xFFFFFFFF, 1, &t), __WASI_ERRNO_INVAL);
  CHECK_WASI(__wasi_clock_res_get(99, &t), __WASI_ERRNO_INVAL);
}

static void test_sockets(void) {
  int fd = CHECK_OK(open("f", O_RDWR));
  __wasi_ciovec_t out = {(const uint8_t*)"x", 1};
  char buf[4];
  __wasi_iovec_t in = {(uint8_t*)buf, sizeof buf};
  __wasi_size_t n;
  __wasi_roflags_t ro;
  CHECK_WASI(__wasi_sock_send(fd, &out, 1, 0, &n), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_recv(fd, &in, 1, 0, &n, &ro), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI2(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK,
              __WASI_ERRNO_NOTCAPABLE);
  close(fd);
  CHECK_WASI(__wasi_sock_send(fd, &out, 1, 0, &n), __WASI_ERRNO_BADF);
  CHECK_WASI(__wasi_sock_recv(fd, &in, 1, 0, &n, &ro), __WASI_ERRNO_BADF);
  CHECK_WASI(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD), __WASI_ERRNO_BADF);
}

static void test_process(void) {
  // Signal 0 is the null signal: nothing is delivered and the process goes on.
  CHECK_WASI_OK(raw_proc_raise(0));
  CHECK_WASI(raw_proc_raise(255), __WASI_ERRNO_INVAL);
  CHECK_WASI_OK(__wasi_sched_yield());
  for (int i = 0; i < 100; i++) (void)__wasi_sched_yield();
}

static void test_random(void) {
  uint8_t a[64], b[64];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  CHECK_WASI_OK(__wasi_random_get(a, sizeof a));
  CHECK_WASI_OK(__wasi_random_get(b, sizeof b));
  CHECK(memcmp(a, b, sizeof a) != 0);
  int nonzero = 0;
  for (size_t i = 0; i < sizeof a; i++) nonzero += a[i] != 0;
  CHECK(nonzero > 32);
  CHECK_WASI_OK(__wasi_random_get(a, 0));
  static uint8_t big[70000];
  CHECK_WASI_OK(__wasi_random_get(big, sizeof big));
  CHECK(memcmp(big, big + 35000, 64) != 0);
}

static void test_args_environ(int argc, char** argv) {
  __wasi_size_t count = 0, size = 0;
  CHECK_WASI_OK(__wasi_args_sizes_get(&count, &size));
  CHECK_EQ(count, argc);
  size_t want = 0;
  for (int i = 0; i < argc; i++) want += strlen(argv[i]) + 1;
  CHECK_EQ(size, want);
  char** ptrs = calloc(count + 1, sizeof *ptrs);
  char* strs = malloc(size);
  if (ptrs && strs) {
    CHECK_WASI_OK(__wasi_args_get((uint8_t**)ptrs, (uint8_t*)strs));
    int same = 1;
    for (int i = 0; i < argc; i++) same &= strcmp(ptrs[i], argv[i]) == 0;
    CHECK(same);
  }
  free(ptrs);
  free(strs);

  CHECK_WASI_OK(__wasi_environ_sizes_get(&count, &size));
  size_t envc = 0;
  for (char** e = environ; *e; e++) envc++;
  CHECK_EQ(count, envc);
  ptrs = calloc(count + 1, sizeof *ptrs);
  strs = malloc(size + 1);
  if (ptrs && strs) {
    CHECK_WASI_OK(__wasi_environ_get((uint8_t**)ptrs, (uint8_t*)strs));
    int ok = 1;
    for (__wasi_size_t i = 0; i < count; i++)
      ok &= strchr(ptrs[i], '=') != NULL && (size_t)(ptrs[i] - strs) < size;
    CHECK(ok);
  }
  free(ptrs);
  free(strs);
}

// The kernel checks every guest pointer: out-of-bounds buffers give EFAULT instead of trapping or
// corrupting memory.
static void test_bad_pointers(void) {
  int32_t end = (int32_t)(__builtin_wasm_memory_size(0) * 65536);
  CHECK_WASI(raw_random_get(end - 8, 16), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_random_get(-16, 8), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, end - 4), __WASI_ERRNO_FAULT);
  static __wasi_ciovec_t iov[1];
  iov[0].buf = (const uint8_t*)(uintptr_t)(end - 2);
  iov[0].buf_len = 100;
  __wasi_size_t n;
  int fd = CHECK_OK(open("/dev/null", O_WRONLY));
  CHECK_WASI(raw_fd_write(fd, ptr(iov), 1, ptr(&n)), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_fd_write(fd, end - 4, 1, ptr(&n)), __WASI_ERRNO_FAULT);
  close(fd);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  int fd = CHECK_OK(open("f", O_CREAT | O_WRONLY, 0644));
  close(fd);
  int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
  test_nul_in_path(dir);
  test_clocks();
  test_sockets();
  test_process();
  test_random();
  test_args_environ(argc, argv);
  test_bad_pointers();
  close(dir);
  return check_done();
}
#endif
