// This file defines BoxTest, a kernel with one process whose memory is a
// byte array, and helpers to lay out guest arguments and call WASI.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "abi/wasi.h"
#include "byte_array_memory.h"
#include "kernel.h"
#include "native_host.h"

namespace wb::test {

using wasi::P;

inline KernelConfig small_config() {
  KernelConfig c;
  c.max_fds = 64;
  c.memfs_capacity = 64ull << 20;
  return c;
}

class BoxTest : public ::testing::Test {
 protected:
  explicit BoxTest(KernelConfig config = small_config()) : kernel(host, config) {
    auto memory = std::make_unique<ByteArrayMemory>(kMemorySize);
    mem = memory.get();
    SpawnOptions opts;
    opts.args = {"prog", "arg1"};
    opts.env = {"A=1", "HOME=/"};
    opts.preopens = {{"/", kernel.root()}};
    auto pid = kernel.spawn(std::move(opts), std::move(memory));
    EXPECT_TRUE(pid.ok());
    proc = kernel.process(pid.value());
  }

  static constexpr uint32_t kMemorySize = 1 << 20;
  static constexpr uint32_t kRoot = 3;  // the preopen of "/"

  Call call() { return Call(kernel, *proc); }

  // A bump allocator over guest memory (addresses from 1024 on).
  P alloc(uint32_t n) {
    const uint32_t at = next_;
    next_ += (n + 7) & ~7u;
    EXPECT_LE(next_, kMemorySize);
    return P{at};
  }
  P put(std::string_view s) {
    P p = alloc(uint32_t(s.size()) + 1);
    std::copy(s.begin(), s.end(), mem->bytes.begin() + p.addr);
    return p;
  }
  uint64_t load(P p, uint32_t width) const { return load_le(mem->bytes.data() + p.addr, width); }
  uint32_t u32(P p) const { return uint32_t(load(p, 4)); }
  uint64_t u64(P p) const { return load(p, 8); }
  std::string str(P p, uint32_t n) const {
    return std::string(mem->bytes.begin() + p.addr, mem->bytes.begin() + p.addr + n);
  }

  // Opens `path` under the root preopen; returns the fd or the errno.
  Result<uint32_t> open(std::string_view path, uint32_t oflags = 0,
                        uint64_t rights = wasi::right::FdRead | wasi::right::FdWrite,
                        uint32_t fdflags = 0, uint32_t lookup = 1, uint32_t dir = kRoot) {
    Call c = call();
    P out = alloc(4);
    const P p = put(path);
    const Errno e = wasi::path_open(c, dir, lookup, p, uint32_t(path.size()), oflags, rights,
                                    rights, fdflags, out);
    if (e != Errno::Success) return e;
    return u32(out);
  }
  // Writes `data` with fd_write; returns bytes written or the errno.
  Result<uint32_t> write(uint32_t fd, std::string_view data) {
    Call c = call();
    const P buf = put(data);
    const P iov = alloc(8);
    put_iov(iov, buf, uint32_t(data.size()));
    const P n = alloc(4);
    const Errno e = wasi::fd_write(c, fd, iov, 1, n);
    if (e != Errno::Success) return e;
    return u32(n);
  }
  // Reads up to `max` bytes with fd_read.
  Result<std::string> read(uint32_t fd, uint32_t max) {
    Call c = call();
    const P buf = alloc(max);
    const P iov = alloc(8);
    put_iov(iov, buf, max);
    const P n = alloc(4);
    const Errno e = wasi::fd_read(c, fd, iov, 1, n);
    if (e != Errno::Success) return e;
    return str(buf, u32(n));
  }
  void put_iov(P at, P buf, uint32_t len) {
    Record<8> r;
    r.u32(0, buf.addr);
    r.u32(4, len);
    std::copy(r.data(), r.data() + 8, mem->bytes.begin() + at.addr);
  }
  // Calls a path_* function taking (fd, path, len) on the root.
  template <class F>
  Errno on_path(F f, std::string_view path, uint32_t dir = kRoot) {
    Call c = call();
    return f(c, dir, put(path), uint32_t(path.size()));
  }
  Errno mkdir(std::string_view path) { return on_path(wasi::path_create_directory, path); }
  Errno unlink(std::string_view path) { return on_path(wasi::path_unlink_file, path); }
  Errno rmdir(std::string_view path) { return on_path(wasi::path_remove_directory, path); }
  Errno symlink(std::string_view target, std::string_view path) {
    Call c = call();
    return wasi::path_symlink(c, put(target), uint32_t(target.size()), kRoot, put(path),
                              uint32_t(path.size()));
  }
  Errno rename(std::string_view from, std::string_view to) {
    Call c = call();
    return wasi::path_rename(c, kRoot, put(from), uint32_t(from.size()), kRoot, put(to),
                             uint32_t(to.size()));
  }
  // path_filestat_get; the filestat stays at the returned pointer.
  Result<P> stat(std::string_view path, uint32_t follow = 1) {
    Call c = call();
    const P out = alloc(64);
    const Errno e =
        wasi::path_filestat_get(c, kRoot, follow, put(path), uint32_t(path.size()), out);
    if (e != Errno::Success) return e;
    return out;
  }
  Errno close(uint32_t fd) {
    Call c = call();
    return wasi::fd_close(c, fd);
  }
  // Creates a file holding `data`.
  void make_file(std::string_view path, std::string_view data) {
    auto fd = open(path, wasi::oflag::Creat | wasi::oflag::Trunc);
    ASSERT_TRUE(fd.ok()) << int(fd.error());
    ASSERT_TRUE(write(*fd, data).ok());
    ASSERT_EQ(close(*fd), Errno::Success);
  }

  NativeHost host;
  Kernel kernel;
  ByteArrayMemory* mem = nullptr;
  Process* proc = nullptr;

 private:
  uint32_t next_ = 1024;
};

}  // namespace wb::test
