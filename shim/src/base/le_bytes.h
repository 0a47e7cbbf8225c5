// This file defines LeReader and LeWriter: little-endian numbers and
// byte runs read from and written to a buffer, as the kernel's on-disk
// formats (a store's commits, an image's index) lay them out.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace wb {

// Reads fields in order; a read past the end fails the reader, which the
// caller checks once (ok()) after a run of reads.
class LeReader {
 public:
  explicit LeReader(std::span<const uint8_t> b) : b_(b) {}
  bool ok() const { return ok_; }
  size_t left() const { return b_.size() - at_; }
  template <class T>
  T num() {
    T v = 0;
    if (!take(sizeof(T))) return 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= T(b_[at_ - sizeof(T) + i]) << (8 * i);
    return v;
  }
  std::span<const uint8_t> bytes(uint64_t n) {
    if (!take(n)) return {};
    return b_.subspan(at_ - n, n);
  }
  std::string_view text(uint64_t n) {
    const auto b = bytes(n);
    return {reinterpret_cast<const char*>(b.data()), b.size()};
  }

 private:
  bool take(uint64_t n) {
    if (!ok_ || n > left()) return ok_ = false;
    at_ += n;
    return true;
  }
  std::span<const uint8_t> b_;
  size_t at_ = 0;
  bool ok_ = true;
};

// `n` bytes of `v` at `at`, least significant first.
inline void put_le(uint8_t* at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) at[i] = uint8_t(v >> (8 * i));
}

// Appends fields to a byte vector.
class LeWriter {
 public:
  explicit LeWriter(std::vector<uint8_t>& out) : out_(out) {}
  void num(uint64_t v, size_t n) {
    out_.resize(out_.size() + n);
    put_le(out_.data() + out_.size() - n, v, n);
  }
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) { num(v, 2); }
  void u32(uint32_t v) { num(v, 4); }
  void u64(uint64_t v) { num(v, 8); }
  void bytes(std::span<const uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void text(std::string_view s) { bytes({reinterpret_cast<const uint8_t*>(s.data()), s.size()}); }

 private:
  std::vector<uint8_t>& out_;
};

}  // namespace wb
