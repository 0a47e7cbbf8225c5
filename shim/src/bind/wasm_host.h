// This file defines the Host and GuestMemory of the web build: each call
// goes to an import of imports.h.
#pragma once

#include "abi/guest_memory.h"
#include "bind/imports.h"
#include "bind/wasm_host_fs.h"
#include "host.h"

namespace wb {

class WasmHost final : public Host {
 public:
  uint64_t realtime_ns() override { return wb_js_clock(0); }
  uint64_t monotonic_ns() override { return wb_js_clock(1); }
  uint64_t cputime_ns() override { return wb_js_clock(2); }
  void random(std::span<uint8_t> out) override { wb_js_random(out.data(), uint32_t(out.size())); }
  Result<size_t> stream_write(uint32_t stream, std::span<const uint8_t> bytes) override {
    const int32_t n = wb_js_stream_write(stream, bytes.data(), uint32_t(bytes.size()));
    if (n < 0) return Errno(-n);
    return size_t(n);
  }
  bool stream_isatty(uint32_t stream) override { return wb_js_stream_isatty(stream) != 0; }
  void interrupt_key(int key) override { wb_js_interrupt_key(key); }
  Status store_write(uint32_t store, uint32_t file, uint64_t offset,
                     std::span<const uint8_t> bytes) override {
    return Errno(
        -wb_js_store_write(store, file, double(offset), bytes.data(), uint32_t(bytes.size())));
  }
  HostFs* fs() override { return &fs_; }
  std::unique_ptr<GuestMemory> guest_memory(uint32_t pid) override;

 private:
  WasmHostFs fs_;
};

class WasmGuestMemory final : public GuestMemory {
 public:
  explicit WasmGuestMemory(uint32_t pid) : pid_(pid) {}
  bool copy_in(void* dst, uint32_t src, uint32_t len) override {
    return wb_js_guest_read(pid_, dst, src, len) == 0;
  }
  bool copy_out(uint32_t dst, const void* src, uint32_t len) override {
    return wb_js_guest_write(pid_, dst, src, len) == 0;
  }
  uint64_t size(bool fresh) override {
    if (fresh || size_ == 0) size_ = uint64_t(wb_js_guest_size(pid_));
    return size_;
  }

 private:
  uint32_t pid_;
  uint64_t size_ = 0;  // last size seen: memory only grows
};

inline std::unique_ptr<GuestMemory> WasmHost::guest_memory(uint32_t pid) {
  return std::make_unique<WasmGuestMemory>(pid);
}

}  // namespace wb
