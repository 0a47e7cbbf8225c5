// This file defines the typed guest-memory readers and writers.
#include "abi/guest_memory.h"

#include <algorithm>
#include <cstring>

#include "abi/wasi/layout.h"

namespace wb {

Status GuestIo::write_u32(GuestPtr dst, uint32_t v) {
  Record<4> r;
  r.u32(0, v);
  return write(dst, r);
}

Status GuestIo::write_u64(GuestPtr dst, uint64_t v) {
  Record<8> r;
  r.u64(0, v);
  return write(dst, r);
}

Result<uint32_t> GuestIo::read_u32(GuestPtr src) {
  uint8_t b[4];
  WB_TRY(read(b, src, 4));
  return uint32_t(load_le(b, 4));
}

Status GuestIo::read_iovecs(GuestPtr src, uint32_t count, std::vector<Iovec>& out) {
  const uint64_t bytes = uint64_t(count) * wasi::layout::kIovecSize;
  if (bytes > UINT32_MAX) return Errno::Inval;
  // The whole array lies in memory before its count sizes anything.
  WB_TRY(check_range(src, bytes));
  out.resize(count);
  // Read in bounded chunks straight into the vector's storage.
  constexpr uint32_t kChunk = 64;
  uint8_t raw[kChunk * wasi::layout::kIovecSize];
  for (uint32_t done = 0; done < count;) {
    const uint32_t n = std::min(kChunk, count - done);
    WB_TRY(read(raw, GuestPtr{src.addr + done * wasi::layout::kIovecSize},
                n * wasi::layout::kIovecSize));
    for (uint32_t i = 0; i < n; ++i) {
      out[done + i] = {uint32_t(load_le(raw + i * 8, 4)), uint32_t(load_le(raw + i * 8 + 4, 4))};
    }
    done += n;
  }
  return Errno::Success;
}

Result<std::string_view> GuestIo::read_path(GuestPtr src, uint32_t len,
                                            std::vector<char>& scratch) {
  // A range outside memory is the guest's fault before its length is.
  WB_TRY(check_range(src, len));
  if (len > kMaxPathBytes) return Errno::NameTooLong;
  scratch.resize(len);
  WB_TRY(read(scratch.data(), src, len));
  std::string_view path(scratch.data(), len);
  if (path.find('\0') != std::string_view::npos) return Errno::Inval;
  if (!is_valid_utf8(path)) return Errno::Ilseq;
  return path;
}

Result<std::string_view> GuestIo::read_cstr(GuestPtr src, size_t limit,
                                            std::vector<char>& scratch) {
  // Copied in chunks: the length is unknown, and memory may end close by.
  constexpr uint32_t kChunk = 256;
  scratch.clear();
  for (;;) {
    const uint64_t at = uint64_t(src.addr) + scratch.size();
    const uint64_t size = mem_.size(true);
    if (at >= size) return Errno::Fault;
    const auto n = uint32_t(std::min<uint64_t>(kChunk, size - at));
    const size_t old = scratch.size();
    scratch.resize(old + n);
    WB_TRY(read(scratch.data() + old, GuestPtr{uint32_t(at)}, n));
    const auto* nul = static_cast<const char*>(std::memchr(scratch.data() + old, 0, n));
    if (nul) {
      std::string_view s(scratch.data(), size_t(nul - scratch.data()));
      if (s.size() > limit) return Errno::TooBig;
      return s;
    }
    if (scratch.size() > limit) return Errno::TooBig;
  }
}

Result<std::string_view> GuestIo::read_cpath(GuestPtr src, std::vector<char>& scratch) {
  auto path = read_cstr(src, kMaxPathBytes, scratch);
  if (!path.ok()) return path.error() == Errno::TooBig ? Errno::NameTooLong : path.error();
  if (!is_valid_utf8(*path)) return Errno::Ilseq;
  return path;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = uint8_t(s[i]);
    size_t extra;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = uint8_t(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace wb
