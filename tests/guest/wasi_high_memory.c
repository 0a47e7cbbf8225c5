// Guest addresses are unsigned 32-bit numbers on every path: ranges that would wrap past 4 GiB
// fault, and in a memory grown to 4 GiB, buffers and results at its very top work like any
// others (reads, writes, iovecs, results).
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
#include <string.h>
#include <unistd.h>

#include "wasi_check.h"

int32_t raw_args_sizes_get(uint32_t argc, uint32_t size) WASI_IMPORT("args_sizes_get");
int32_t raw_clock_time_get(int32_t id, int64_t precision, uint32_t out)
    WASI_IMPORT("clock_time_get");
int32_t raw_fd_prestat_get(int32_t fd, uint32_t out) WASI_IMPORT("fd_prestat_get");
int32_t raw_fd_prestat_dir_name(int32_t fd, uint32_t path, uint32_t len)
    WASI_IMPORT("fd_prestat_dir_name");
int32_t raw_path_open(int32_t fd, int32_t dirflags, uint32_t path, uint32_t path_len,
                      int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
                      uint32_t out) WASI_IMPORT("path_open");
int32_t raw_fd_write(int32_t fd, uint32_t iovs, uint32_t iovs_len, uint32_t out)
    WASI_IMPORT("fd_write");
int32_t raw_fd_pread(int32_t fd, uint32_t iovs, uint32_t iovs_len, uint64_t offset, uint32_t out)
    WASI_IMPORT("fd_pread");

static uint32_t addr(const void* p) { return (uint32_t)(uintptr_t)p; }
static uint8_t* at(uint32_t a) { return (uint8_t*)(uintptr_t)a; }

// The first preopened directory (wasi-libc's numbering starts at 3).
static int32_t preopen(void) {
  __wasi_prestat_t st;
  for (int32_t fd = 3; fd < 64; fd++)
    if (__wasi_fd_prestat_get(fd, &st) == 0) return fd;
  return -1;
}

// In the memory the program starts with, these ranges are outside it; added up in 32 bits they
// would wrap to low addresses that are inside.
static void test_wrapping_ranges_fault(int32_t dir) {
  static uint32_t ok;
  CHECK_WASI(raw_args_sizes_get(0xFFFFFFFEu, addr(&ok)), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_args_sizes_get(addr(&ok), 0xFFFFFFFCu), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, 0xFFFFFFF8u), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_fd_prestat_get(dir, 0xFFFFFFFCu), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_fd_prestat_dir_name(dir, 0xFFFFFFFFu, 64), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_open(dir, 0, 0xFFFFFFF0u, 0x20, 0, 0, 0, 0, addr(&ok)), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_open(dir, 0, addr("f"), 0xFFFFFFFFu, 0, 0, 0, 0, addr(&ok)),
             __WASI_ERRNO_FAULT);
  // The iovec array itself wraps.
  CHECK_WASI(raw_fd_write(1, 0xFFFFFFF8u, 2, addr(&ok)), __WASI_ERRNO_FAULT);
}

// Grows the memory to 65536 pages: every 32-bit address is then inside it.
static int grow_to_4gib(void) {
  const size_t pages = __builtin_wasm_memory_size(0);
  return __builtin_wasm_memory_grow(0, 65536 - pages) != (size_t)-1;
}

static void put_iovec(uint32_t iov, uint32_t buf, uint32_t len) {
  memcpy(at(iov), &buf, 4);
  memcpy(at(iov + 4), &len, 4);
}

static void test_top_of_memory(int32_t dir) {
  // A file opened with its path and its result at the top of memory.
  const uint32_t path = 0xFFFFFF00u, fd_out = 0xFFFFFFFCu;
  memcpy(at(path), "high", 4);
  CHECK_WASI_OK(raw_path_open(dir, 0, path, 4, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                              __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, fd_out));
  int32_t fd;
  memcpy(&fd, at(fd_out), 4);

  // Written from iovecs and data at 0xfffff000 and up, the count at the last 4 bytes.
  const uint32_t iov = 0xFFFFF000u, data = 0xFFFFF010u, count = 0xFFFFFFFCu;
  memcpy(at(data), "above 2 GiB\n", 12);
  put_iovec(iov, data, 6);
  put_iovec(iov + 8, data + 6, 6);
  CHECK_WASI_OK(raw_fd_write(fd, iov, 2, count));
  uint32_t n = 0;
  memcpy(&n, at(count), 4);
  CHECK_EQ(n, 12);

  // Read back into the very last bytes of memory.
  const uint32_t dst = 0xFFFFFFF0u - 12;
  put_iovec(iov, dst, 12);
  CHECK_WASI_OK(raw_fd_pread(fd, iov, 1, 0, count));
  memcpy(&n, at(count), 4);
  CHECK_EQ(n, 12);
  CHECK(memcmp(at(dst), "above 2 GiB\n", 12) == 0);

  // A result that ends exactly at 4 GiB fits; one that would pass it does not.
  CHECK_WASI_OK(raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, 0xFFFFFFF8u));
  uint64_t t = 0;
  memcpy(&t, at(0xFFFFFFF8u), 8);
  CHECK(t != 0);
  CHECK_WASI(raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, 0xFFFFFFFCu), __WASI_ERRNO_FAULT);
  put_iovec(iov, 0xFFFFFFF0u, 0x20);
  CHECK_WASI(raw_fd_write(fd, iov, 1, count), __WASI_ERRNO_FAULT);
  CHECK_WASI_OK(__wasi_fd_close(fd));
}

int main(void) {
  const int32_t dir = preopen();
  CHECK(dir >= 0);
  test_wrapping_ranges_fault(dir);
  CHECK(grow_to_4gib());
  test_top_of_memory(dir);
  return check_done();
}
#endif
