// This file defines NativeHost over POSIX.
#include "native_host.h"

#include <sys/random.h>
#include <time.h>

#include "byte_array_memory.h"

namespace wb {
namespace {
uint64_t read_clock(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}
}  // namespace

uint64_t NativeHost::realtime_ns() {
  return deterministic ? 1'700'000'000'000'000'000ull + (++ticks_) * 1000
                       : read_clock(CLOCK_REALTIME);
}
uint64_t NativeHost::monotonic_ns() {
  return deterministic ? (++ticks_) * 1000 : read_clock(CLOCK_MONOTONIC);
}
uint64_t NativeHost::cputime_ns() {
  return deterministic ? (++ticks_) * 1000 : read_clock(CLOCK_PROCESS_CPUTIME_ID);
}

void NativeHost::random(std::span<uint8_t> out) {
  if (deterministic) {
    for (uint8_t& b : out) {  // xorshift64
      seed_ ^= seed_ << 13;
      seed_ ^= seed_ >> 7;
      seed_ ^= seed_ << 17;
      b = uint8_t(seed_);
    }
    return;
  }
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n > 0) done += size_t(n);
  }
}

Result<size_t> NativeHost::stream_write(uint32_t stream, std::span<const uint8_t> bytes) {
  if (stream >= 3) return Errno::Badf;
  out[stream].append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return bytes.size();
}

std::unique_ptr<GuestMemory> NativeHost::guest_memory(uint32_t) {
  return std::make_unique<ByteArrayMemory>(kChildMemory);
}

}  // namespace wb
