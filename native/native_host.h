// This file defines NativeHost, the Host of native builds (tests, fuzzing):
// POSIX clocks and randomness, and stdio streams captured in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "host.h"

namespace wb {

class NativeHost final : public Host {
 public:
  uint64_t realtime_ns() override;
  uint64_t monotonic_ns() override;
  uint64_t cputime_ns() override;
  void random(std::span<uint8_t> out) override;
  Result<size_t> stream_write(uint32_t stream, std::span<const uint8_t> bytes) override;
  bool stream_isatty(uint32_t) override { return tty; }
  HostFs* fs() override { return host_fs; }
  Status store_write(uint32_t store, uint32_t file, uint64_t offset,
                     std::span<const uint8_t> bytes) override {
    return store_writer ? store_writer(store, file, offset, bytes) : Errno::NoSys;
  }
  void interrupt_key(int key) override { interrupt = key; }
  // A byte array of kChildMemory bytes (tests fill a child's memory).
  std::unique_ptr<GuestMemory> guest_memory(uint32_t pid) override;
  static constexpr uint32_t kChildMemory = 64 * 1024;

  // What guests wrote to stdout (stream 1) and stderr (stream 2).
  std::string out[3];
  bool tty = false;
  int interrupt = 3;  // the interrupt key the kernel last reported
  HostFs* host_fs = nullptr;
  // Where stores' commits go (Host::store_write); none by default.
  std::function<Status(uint32_t, uint32_t, uint64_t, std::span<const uint8_t>)> store_writer;
  // For tests that must repeat exactly whatever the machine's speed: each
  // clock reads 1 µs later than its last reading, from a fixed start, and
  // random bytes come from a fixed seed.
  bool deterministic = false;

 private:
  uint64_t ticks_ = 0;
  uint64_t seed_ = 0x5EED;
};

}  // namespace wb
