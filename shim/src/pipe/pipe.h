// This file defines pipes: a bounded byte queue shared by a read end and a
// write end. Each end is an inode; the open descriptions of an end count its
// readers or writers, so a read of an empty pipe sees EOF once no writer is
// left, and a write fails with EPIPE once no reader is left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "vfs/inode.h"

namespace wb {

// Linux's default capacity, and PIPE_BUF: writes of up to that many bytes
// go in whole or not at all.
inline constexpr size_t kPipeCapacity = 64 * 1024;
inline constexpr size_t kPipeAtomicWrite = 4096;

// The queue both ends share: a ring buffer that grows as data comes, up to
// its capacity.
class PipeQueue {
 public:
  PipeQueue(uint64_t now, size_t capacity);

  size_t size() const { return size_; }
  size_t space() const { return capacity_ - size_; }
  size_t pop(std::span<uint8_t> out);
  size_t push(std::span<const uint8_t> in);

  uint32_t readers = 0;
  uint32_t writers = 0;
  uint64_t atim, mtim, ctim;

 private:
  void grow(size_t needed);
  std::unique_ptr<uint8_t[]> data_;
  size_t data_size_ = 0;
  size_t capacity_;
  size_t head_ = 0;  // where the oldest byte is
  size_t size_ = 0;
};

class PipeEnd final : public Inode {
 public:
  enum class Side : uint8_t { Read, Write };
  PipeEnd(std::shared_ptr<PipeQueue> queue, Side side, uint64_t dev, uint64_t ino);

  Result<Stat> stat(OpenFile* of) override;
  Status set_times(OpenFile* of, const TimeChange& change) override;
  Status open(OpenFile& of) override;
  void close(OpenFile& of) override;
  Blocking<size_t> read(OpenFile& of, uint64_t offset, std::span<uint8_t> out) override;
  Blocking<size_t> write(OpenFile& of, uint64_t offset, std::span<const uint8_t> in) override;
  bool seekable() const override { return false; }
  Readiness poll_read(OpenFile& of) override;
  Readiness poll_write(OpenFile& of) override;

 private:
  std::shared_ptr<PipeQueue> queue_;
  Side side_;
};

struct Pipe {
  std::shared_ptr<PipeEnd> read_end;
  std::shared_ptr<PipeEnd> write_end;
};

// A new pipe of `capacity` bytes whose two ends are inode `ino` of device
// `dev`, as on Linux.
Pipe make_pipe(uint64_t dev, uint64_t ino, uint64_t now, size_t capacity = kPipeCapacity);

}  // namespace wb
