// This file defines GuestMemory, the only way the kernel reaches a guest's
// bytes (like a kernel's copy_from_user/copy_to_user), and the typed,
// bounds-checked readers and writers built on it.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace wb {

// An address in a guest's linear memory: never a kernel pointer.
struct GuestPtr {
  uint32_t addr = 0;
};

// The raw copy a host provides: over a JS import in the browser and Node
// (bind/guest_memory_wasm.cpp), over a byte array natively (native/).
// Out-of-range copies return false and copy nothing; policy: EFAULT.
class GuestMemory {
 public:
  virtual ~GuestMemory() = default;
  [[nodiscard]] virtual bool copy_in(void* dst, uint32_t src, uint32_t len) = 0;
  [[nodiscard]] virtual bool copy_out(uint32_t dst, const void* src, uint32_t len) = 0;
  // The size in bytes. Memory only grows, so an implementation may answer
  // a size it saw before unless `fresh` asks for the current one.
  virtual uint64_t size(bool fresh) = 0;
};

// A fixed-size little-endian record assembled in kernel memory, then
// copied out with one call (never memcpy a C++ struct to a guest).
template <uint32_t N>
class Record {
 public:
  Record() { std::memset(bytes_, 0, N); }
  void u8(uint32_t off, uint8_t v) { put(off, v, 1); }
  void u16(uint32_t off, uint16_t v) { put(off, v, 2); }
  void u32(uint32_t off, uint32_t v) { put(off, v, 4); }
  void u64(uint32_t off, uint64_t v) { put(off, v, 8); }
  const uint8_t* data() const { return bytes_; }
  static constexpr uint32_t size() { return N; }

 private:
  void put(uint32_t off, uint64_t v, uint32_t width) {
    for (uint32_t i = 0; i < width; ++i) bytes_[off + i] = uint8_t(v >> (8 * i));
  }
  uint8_t bytes_[N];
};

inline uint64_t load_le(const uint8_t* p, uint32_t width) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < width; ++i) v |= uint64_t(p[i]) << (8 * i);
  return v;
}

struct Iovec {
  uint32_t buf;
  uint32_t len;
};

// Typed access to one guest's memory. Every error is a value.
class GuestIo {
 public:
  explicit GuestIo(GuestMemory& mem) : mem_(mem) {}

  Status read(void* dst, GuestPtr src, uint32_t len) {
    return mem_.copy_in(dst, src.addr, len) ? Errno::Success : Errno::Fault;
  }
  Status write(GuestPtr dst, const void* src, uint32_t len) {
    return mem_.copy_out(dst.addr, src, len) ? Errno::Success : Errno::Fault;
  }
  template <uint32_t N>
  Status write(GuestPtr dst, const Record<N>& r) {
    return write(dst, r.data(), N);
  }
  // EFAULT unless [p, p+len) lies inside the memory. Checked before a call
  // consumes anything (stream input) it could then fail to deliver.
  Status check_range(GuestPtr p, uint64_t len) {
    const auto fits = [&](uint64_t size) { return len <= size && p.addr <= size - len; };
    return fits(mem_.size(false)) || fits(mem_.size(true)) ? Errno::Success : Errno::Fault;
  }
  Status write_u32(GuestPtr dst, uint32_t v);
  Status write_u64(GuestPtr dst, uint64_t v);
  Result<uint32_t> read_u32(GuestPtr src);

  // Reads `count` iovecs into `out` (reused storage: no allocation per call
  // once it has grown). EINVAL if the array would wrap, EFAULT if outside.
  Status read_iovecs(GuestPtr src, uint32_t count, std::vector<Iovec>& out);

  // Reads a path of `len` bytes into `scratch`: EFAULT outside memory,
  // then ENAMETOOLONG past kMaxPathBytes, EINVAL for a NUL inside, EILSEQ for invalid UTF-8.
  Result<std::string_view> read_path(GuestPtr src, uint32_t len, std::vector<char>& scratch);
  // Reads a NUL-terminated string of at most `limit` bytes (E2BIG past
  // it), EFAULT past the end of memory.
  Result<std::string_view> read_cstr(GuestPtr src, size_t limit, std::vector<char>& scratch);
  // Reads a NUL-terminated path (Linux-style ABI): ENAMETOOLONG when no NUL
  // comes within kMaxPathBytes, EFAULT past the end of memory.
  Result<std::string_view> read_cpath(GuestPtr src, std::vector<char>& scratch);

 private:
  GuestMemory& mem_;
};

bool is_valid_utf8(std::string_view s);

}  // namespace wb
