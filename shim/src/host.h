// This file defines Host, everything the kernel asks of the machine it runs
// on: clocks, randomness, the byte streams behind stdio, and host
// directories. bind/ implements it over JS imports, native/ over POSIX.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "base/result.h"

namespace wb {

class GuestMemory;
class HostFs;

class Host {
 public:
  virtual ~Host() = default;
  virtual uint64_t realtime_ns() = 0;
  virtual uint64_t monotonic_ns() = 0;
  virtual uint64_t cputime_ns() = 0;
  virtual void random(std::span<uint8_t> out) = 0;
  // Output streams (stdout, stderr of the host): bytes written or an error.
  virtual Result<size_t> stream_write(uint32_t stream, std::span<const uint8_t> bytes) = 0;
  virtual bool stream_isatty(uint32_t stream) = 0;
  // The byte that now interrupts the foreground process (-1: none). A host
  // that cannot wake a busy guest to feed it input watches for it instead.
  virtual void interrupt_key(int key) { (void)key; }
  // Host directories mounted with --dir; null where the host has none.
  virtual HostFs* fs() = 0;
  // Persistent stores (vfs/store.h), numbered by the host: writes `bytes`
  // at `offset` of the store's file `file` (0 or 1), which ends there
  // first. Succeeds once the bytes would survive a crash. On an error
  // (ENOSPC when the storage is full) the kernel writes there again later.
  virtual Status store_write(uint32_t store, uint32_t file, uint64_t offset,
                             std::span<const uint8_t> bytes) {
    (void)store, (void)file, (void)offset, (void)bytes;
    return Errno::NoSys;
  }
  // The memory of process `pid`, which a guest spawns and the runtime
  // instantiates afterwards.
  virtual std::unique_ptr<GuestMemory> guest_memory(uint32_t pid) = 0;
};

}  // namespace wb
