// This file defines BoxTest, a kernel with one process whose memory is a
// byte array, and helpers to lay out guest arguments and call WASI.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "abi/wasi/wasi.h"
#include "byte_array_memory.h"
#include "kernel.h"
#include "native_host.h"
#include "outcome.h"

namespace wb {
inline const char* errno_name(Errno e) {
  switch (e) {
    case Errno::Success:
      return "Success";
    case Errno::Acces:
      return "EACCES";
    case Errno::Again:
      return "EAGAIN";
    case Errno::Badf:
      return "EBADF";
    case Errno::Busy:
      return "EBUSY";
    case Errno::Exist:
      return "EEXIST";
    case Errno::Fault:
      return "EFAULT";
    case Errno::Fbig:
      return "EFBIG";
    case Errno::Ilseq:
      return "EILSEQ";
    case Errno::Inval:
      return "EINVAL";
    case Errno::Io:
      return "EIO";
    case Errno::IsDir:
      return "EISDIR";
    case Errno::Loop:
      return "ELOOP";
    case Errno::Mfile:
      return "EMFILE";
    case Errno::NameTooLong:
      return "ENAMETOOLONG";
    case Errno::NoEnt:
      return "ENOENT";
    case Errno::NoSpc:
      return "ENOSPC";
    case Errno::NotDir:
      return "ENOTDIR";
    case Errno::NotEmpty:
      return "ENOTEMPTY";
    case Errno::NotSock:
      return "ENOTSOCK";
    case Errno::NotSup:
      return "ENOTSUP";
    case Errno::Perm:
      return "EPERM";
    case Errno::Spipe:
      return "ESPIPE";
    case Errno::Xdev:
      return "EXDEV";
    case Errno::NotCapable:
      return "ENOTCAPABLE";
    default:
      if (e == kBlocked) return "would block";
      return nullptr;
  }
}
inline void PrintTo(Errno e, std::ostream* os);
template <class T>
void PrintTo(const Blocking<T>& b, std::ostream* os) {
  PrintTo(outcome(b), os);
}
inline void PrintTo(Errno e, std::ostream* os) {
  const char* name = errno_name(e);
  if (name)
    *os << name;
  else
    *os << "Errno(" << int(e) << ")";
}
}  // namespace wb

namespace wb::test {

using wasi::P;

// A helper's result: a value or an errno. Unlike Result, reading the value
// of an error records a test failure and yields T{} instead of undefined
// behaviour, so a kernel regression fails one test and not the binary.
template <class T>
class Res {
 public:
  Res(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Res(Errno error) : error_(error) {}         // NOLINT: implicit by design
  bool ok() const { return value_.has_value(); }
  Errno error() const { return error_; }
  T& value() {
    if (!value_) {
      ADD_FAILURE() << "expected a value, got errno " << int(error_) << " ("
                    << (errno_name(error_) ? errno_name(error_) : "?") << ")";
      value_.emplace();
    }
    return *value_;
  }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }

 private:
  std::optional<T> value_;
  Errno error_ = Errno::Success;
};

// An address no guest memory of the fixture reaches.
inline constexpr uint32_t kBadPtr = 0xFFFFFFF0;

struct Fdstat {
  uint8_t filetype;
  uint16_t flags;
  uint64_t base;
  uint64_t inheriting;
};

struct Filestat {
  uint64_t dev, ino;
  uint8_t type;
  uint64_t nlink, size, atim, mtim, ctim;
};

struct Dirent {
  uint64_t next, ino;
  uint8_t type;
  std::string name;
};

// The complete entries at the start of a readdir buffer.
inline std::vector<Dirent> parse_dirents(const uint8_t* p, uint32_t used) {
  std::vector<Dirent> out;
  uint32_t at = 0;
  while (at + wasi::layout::kDirentSize <= used) {
    const uint8_t* h = p + at;
    const auto namlen = uint32_t(load_le(h + 16, 4));
    if (at + wasi::layout::kDirentSize + namlen > used) break;
    out.push_back({load_le(h, 8), load_le(h + 8, 8), h[20],
                   std::string(reinterpret_cast<const char*>(h) + 24, namlen)});
    at += wasi::layout::kDirentSize + namlen;
  }
  return out;
}

inline KernelConfig small_config() {
  KernelConfig c;
  c.max_fds = 64;
  c.memfs_capacity = 64ull << 20;
  return c;
}

class BoxTest : public ::testing::Test {
 protected:
  explicit BoxTest(KernelConfig config = small_config(), bool tty = false)
      : kernel(with_tty(host, tty), config) {
    SpawnOptions opts;
    opts.args = {"prog", "arg1"};
    opts.env = {"A=1", "HOME=/"};
    opts.preopens = {{"/", kernel.root()}};
    respawn(std::move(opts));
  }

  // Starts another process in the same kernel and makes it the one the
  // helpers act on.
  void respawn(SpawnOptions opts) {
    auto memory = std::make_unique<ByteArrayMemory>(kMemorySize);
    mem = memory.get();
    auto pid = kernel.spawn(std::move(opts), std::move(memory));
    ASSERT_TRUE(pid.ok());
    proc = kernel.process(pid.value());
    next_ = 1024;
  }

  static constexpr uint32_t kMemorySize = 1 << 20;
  static constexpr uint32_t kRoot = 3;  // the preopen of "/"

  Call call() { return Call(kernel, *proc); }

  // A bump allocator over guest memory (addresses from 1024 on); loops
  // that call helpers many times release what they took.
  uint32_t mark() const { return next_; }
  void release(uint32_t m) { next_ = m; }
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
  Res<uint32_t> open(std::string_view path, uint32_t oflags = 0,
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
  Res<uint32_t> write(uint32_t fd, std::string_view data) {
    Call c = call();
    const P buf = put(data);
    const P iov = alloc(8);
    put_iov(iov, buf, uint32_t(data.size()));
    const P n = alloc(4);
    const Errno e = outcome(wasi::fd_write(c, fd, iov, 1, n));
    if (e != Errno::Success) return e;
    return u32(n);
  }
  // Reads up to `max` bytes with fd_read.
  Res<std::string> read(uint32_t fd, uint32_t max) {
    Call c = call();
    const P buf = alloc(max);
    const P iov = alloc(8);
    put_iov(iov, buf, max);
    const P n = alloc(4);
    const Errno e = outcome(wasi::fd_read(c, fd, iov, 1, n));
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
  Res<P> stat(std::string_view path, uint32_t follow = 1) {
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
  void put_bytes(P at, std::string_view s) {
    std::copy(s.begin(), s.end(), mem->bytes.begin() + at.addr);
  }
  void fill(P at, uint32_t n, uint8_t v) {
    std::fill(mem->bytes.begin() + at.addr, mem->bytes.begin() + at.addr + n, v);
  }
  Filestat filestat_at(P p) const {
    return {u64(p),
            u64(P{p.addr + 8}),
            mem->bytes[p.addr + 16],
            u64(P{p.addr + 24}),
            u64(P{p.addr + 32}),
            u64(P{p.addr + 40}),
            u64(P{p.addr + 48}),
            u64(P{p.addr + 56})};
  }
  Res<Filestat> stat_of(std::string_view path, uint32_t follow = 1) {
    auto p = stat(path, follow);
    if (!p.ok()) return p.error();
    return filestat_at(*p);
  }
  Res<Filestat> fstat(uint32_t fd) {
    Call c = call();
    const P out = alloc(64);
    const Errno e = wasi::fd_filestat_get(c, fd, out);
    if (e != Errno::Success) return e;
    return filestat_at(out);
  }
  Res<Fdstat> fdstat(uint32_t fd) {
    Call c = call();
    const P out = alloc(24);
    const Errno e = wasi::fd_fdstat_get(c, fd, out);
    if (e != Errno::Success) return e;
    return Fdstat{mem->bytes[out.addr], uint16_t(load(P{out.addr + 2}, 2)), u64(P{out.addr + 8}),
                  u64(P{out.addr + 16})};
  }
  Res<uint64_t> seek(uint32_t fd, int64_t offset, wasi::Whence whence) {
    Call c = call();
    const P out = alloc(8);
    const Errno e = wasi::fd_seek(c, fd, uint64_t(offset), uint32_t(whence), out);
    if (e != Errno::Success) return e;
    return u64(out);
  }
  Res<uint64_t> tell(uint32_t fd) {
    Call c = call();
    const P out = alloc(8);
    const Errno e = wasi::fd_tell(c, fd, out);
    if (e != Errno::Success) return e;
    return u64(out);
  }
  Res<uint32_t> pwrite(uint32_t fd, std::string_view data, uint64_t offset) {
    Call c = call();
    const P buf = put(data);
    const P iov = alloc(8);
    put_iov(iov, buf, uint32_t(data.size()));
    const P n = alloc(4);
    const Errno e = outcome(wasi::fd_pwrite(c, fd, iov, 1, offset, n));
    if (e != Errno::Success) return e;
    return u32(n);
  }
  Res<std::string> pread(uint32_t fd, uint32_t max, uint64_t offset) {
    Call c = call();
    const P buf = alloc(max);
    const P iov = alloc(8);
    put_iov(iov, buf, max);
    const P n = alloc(4);
    const Errno e = outcome(wasi::fd_pread(c, fd, iov, 1, offset, n));
    if (e != Errno::Success) return e;
    return str(buf, u32(n));
  }
  Errno link(std::string_view from, std::string_view to, uint32_t flags = 0) {
    Call c = call();
    return wasi::path_link(c, kRoot, flags, put(from), uint32_t(from.size()), kRoot, put(to),
                           uint32_t(to.size()));
  }
  Res<std::string> readlink(std::string_view path, uint32_t buf_len = 256) {
    Call c = call();
    const P buf = alloc(buf_len + 1);
    const P used = alloc(4);
    const Errno e =
        wasi::path_readlink(c, kRoot, put(path), uint32_t(path.size()), buf, buf_len, used);
    if (e != Errno::Success) return e;
    return str(buf, u32(used));
  }
  Errno set_size(uint32_t fd, uint64_t size) {
    Call c = call();
    return wasi::fd_filestat_set_size(c, fd, size);
  }
  Errno set_flags(uint32_t fd, uint32_t flags) {
    Call c = call();
    return wasi::fd_fdstat_set_flags(c, fd, flags);
  }
  // One fd_readdir call: the bytes it wrote.
  Res<std::string> readdir_raw(uint32_t fd, uint32_t buf_len, uint64_t cookie) {
    Call c = call();
    const P buf = alloc(buf_len);
    const P used = alloc(4);
    const Errno e = wasi::fd_readdir(c, fd, buf, buf_len, cookie, used);
    if (e != Errno::Success) return e;
    return str(buf, u32(used));
  }
  Res<std::vector<Dirent>> readdir_once(uint32_t fd, uint32_t buf_len, uint64_t cookie) {
    auto raw = readdir_raw(fd, buf_len, cookie);
    if (!raw.ok()) return raw.error();
    return parse_dirents(reinterpret_cast<const uint8_t*>(raw->data()), uint32_t(raw->size()));
  }
  // Every entry from `cookie` on, as wasi-libc's readdir gathers them.
  Res<std::vector<Dirent>> list(uint32_t fd, uint32_t buf_len = 256, uint64_t cookie = 0) {
    std::vector<Dirent> all;
    for (;;) {
      const uint32_t m = mark();
      auto raw = readdir_raw(fd, buf_len, cookie);
      release(m);
      if (!raw.ok()) return raw.error();
      auto got =
          parse_dirents(reinterpret_cast<const uint8_t*>(raw->data()), uint32_t(raw->size()));
      all.insert(all.end(), got.begin(), got.end());
      if (raw->size() < buf_len) return all;
      if (got.empty()) return Errno::Inval;  // buffer smaller than one entry
      cookie = got.back().next;
    }
  }
  // Opens a directory under the root.
  Res<uint32_t> open_dir(std::string_view path) {
    return open(path, wasi::oflag::Directory, wasi::right::FdRead);
  }
  // The whole contents of a file.
  std::string contents(std::string_view path) {
    auto fd = open(path, 0, wasi::right::FdRead);
    if (!fd.ok()) return "<open failed>";
    std::string all;
    for (;;) {
      const uint32_t m = mark();
      auto got = pread(*fd, 65536, all.size());
      release(m);
      if (!got.ok() || got->empty()) break;
      all += *got;
    }
    (void)close(*fd);
    return all;
  }
  void feed_stdin(std::string_view data) {
    kernel.feed_input(0, {reinterpret_cast<const uint8_t*>(data.data()), data.size()});
  }
  // Creates a file holding `data`.
  void make_file(std::string_view path, std::string_view data) {
    auto fd = open(path, wasi::oflag::Creat | wasi::oflag::Trunc);
    ASSERT_TRUE(fd.ok()) << int(fd.error());
    ASSERT_TRUE(write(*fd, data).ok());
    ASSERT_EQ(close(*fd), Errno::Success);
  }

  static NativeHost& with_tty(NativeHost& h, bool tty) {
    h.tty = tty;
    return h;
  }

  NativeHost host;
  Kernel kernel;
  ByteArrayMemory* mem = nullptr;
  Process* proc = nullptr;

 private:
  uint32_t next_ = 1024;
};

// A box whose stdin is the terminal (and whose host says stdio are ttys).
class TerminalBoxTest : public BoxTest {
 protected:
  static KernelConfig terminal_config() {
    KernelConfig c = small_config();
    c.stdin_tty = true;
    return c;
  }
  TerminalBoxTest() : BoxTest(terminal_config(), true) {}
};

}  // namespace wb::test
