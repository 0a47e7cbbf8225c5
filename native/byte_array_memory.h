// This file defines ByteArrayMemory, guest memory as a plain byte array:
// the native implementation of GuestMemory's contract, for tests and fuzzing.
#pragma once

#include <cstring>
#include <vector>

#include "abi/guest_memory.h"

namespace wb {

class ByteArrayMemory final : public GuestMemory {
 public:
  explicit ByteArrayMemory(size_t size) : bytes(size) {}

  bool copy_in(void* dst, uint32_t src, uint32_t len) override {
    if (uint64_t(src) + len > bytes.size()) return false;
    if (len) std::memcpy(dst, bytes.data() + src, len);
    return true;
  }
  bool copy_out(uint32_t dst, const void* src, uint32_t len) override {
    if (uint64_t(dst) + len > bytes.size()) return false;
    if (len) std::memcpy(bytes.data() + dst, src, len);
    return true;
  }
  uint64_t size(bool) override { return bytes.size(); }

  std::vector<uint8_t> bytes;
};

}  // namespace wb
