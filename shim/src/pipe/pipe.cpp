// This file defines pipes.
#include "pipe/pipe.h"

#include <algorithm>
#include <cstring>

#include "fd/open_file.h"

namespace wb {

PipeQueue::PipeQueue(uint64_t now, size_t capacity)
    : atim(now), mtim(now), ctim(now), capacity_(capacity) {}

// Makes room for `needed` bytes in all, at least doubling, the data moved
// to the front.
// The new buffer is left uninitialized: only bytes written are read.
void PipeQueue::grow(size_t needed) {
  const size_t size = std::min(capacity_, std::max({needed, data_size_ * 2, kPipeAtomicWrite}));
  std::unique_ptr<uint8_t[]> bigger(new uint8_t[size]);
  const size_t kept = size_;
  if (kept > 0) pop({bigger.get(), kept});
  size_ = kept;
  data_ = std::move(bigger);
  data_size_ = size;
  head_ = 0;
}

size_t PipeQueue::pop(std::span<uint8_t> out) {
  const size_t n = std::min(out.size(), size_);
  const size_t first = std::min(n, data_size_ - head_);
  std::memcpy(out.data(), data_.get() + head_, first);
  std::memcpy(out.data() + first, data_.get(), n - first);
  head_ = (head_ + n) % data_size_;
  size_ -= n;
  if (size_ == 0) head_ = 0;
  return n;
}

size_t PipeQueue::push(std::span<const uint8_t> in) {
  const size_t n = std::min(in.size(), space());
  if (n == 0) return 0;
  if (size_ + n > data_size_) grow(size_ + n);
  const size_t tail = (head_ + size_) % data_size_;
  const size_t first = std::min(n, data_size_ - tail);
  std::memcpy(data_.get() + tail, in.data(), first);
  std::memcpy(data_.get(), in.data() + first, n - first);
  size_ += n;
  return n;
}

PipeEnd::PipeEnd(std::shared_ptr<PipeQueue> queue, Side side, uint64_t dev, uint64_t ino)
    : Inode(FileType::Unknown, dev, ino), queue_(std::move(queue)), side_(side) {}

// WASI has no FIFO file type: a pipe is "unknown", as wasmtime reports it.
Result<Stat> PipeEnd::stat(OpenFile*) {
  return Stat{dev(),        ino(),        type(),       1, queue_->size(),
              queue_->atim, queue_->mtim, queue_->ctim, {}};
}

Status PipeEnd::set_times(OpenFile*, const TimeChange& change) {
  if (change.atim) queue_->atim = *change.atim;
  if (change.mtim) queue_->mtim = *change.mtim;
  return Errno::Success;
}

Status PipeEnd::open(OpenFile&) {
  ++(side_ == Side::Read ? queue_->readers : queue_->writers);
  return Errno::Success;
}

void PipeEnd::close(OpenFile&) { --(side_ == Side::Read ? queue_->readers : queue_->writers); }

Blocking<size_t> PipeEnd::read(OpenFile& of, uint64_t, std::span<uint8_t> out) {
  if (side_ != Side::Read) return Errno::Badf;
  if (out.empty()) return size_t{0};
  if (queue_->size() == 0) {
    if (queue_->writers == 0) return size_t{0};
    return again_or_block(of.fdflags & fdflag::Nonblock);
  }
  return queue_->pop(out);
}

// Writes of up to kPipeAtomicWrite bytes go in whole or wait; longer ones
// go in as far as there is room (a short write, which the caller repeats).
Blocking<size_t> PipeEnd::write(OpenFile& of, uint64_t, std::span<const uint8_t> in) {
  if (side_ != Side::Write) return Errno::Badf;
  if (queue_->readers == 0) return Errno::Pipe;
  if (in.empty()) return size_t{0};
  const bool fits = in.size() <= queue_->space();
  if (!fits && (in.size() <= kPipeAtomicWrite || queue_->space() == 0))
    return again_or_block(of.fdflags & fdflag::Nonblock);
  return queue_->push(in);
}

Readiness PipeEnd::poll_read(OpenFile&) {
  if (side_ != Side::Read) return {false, 0, false, {}, {}};
  const bool hangup = queue_->writers == 0;
  return {queue_->size() > 0 || hangup, queue_->size(), hangup && queue_->size() == 0, {}, {}};
}

Readiness PipeEnd::poll_write(OpenFile&) {
  if (side_ != Side::Write) return {false, 0, false, {}, {}};
  const bool hangup = queue_->readers == 0;
  return {queue_->space() > 0 || hangup, queue_->space(), hangup, {}, {}};
}

Pipe make_pipe(uint64_t dev, uint64_t ino, uint64_t now, size_t capacity) {
  auto queue = std::make_shared<PipeQueue>(now, capacity);
  return {std::make_shared<PipeEnd>(queue, PipeEnd::Side::Read, dev, ino),
          std::make_shared<PipeEnd>(queue, PipeEnd::Side::Write, dev, ino)};
}

}  // namespace wb
