// This file defines the character devices: /dev/null, /dev/zero,
// /dev/urandom, and the host streams behind stdin, stdout and stderr (the
// terminal's own file is tty/terminal_stream.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "vfs/inode.h"

namespace wb {

class Host;

// A device inode: fixed times, no size, one link.
class Device : public Inode {
 public:
  Device(FileType type, uint64_t dev, uint64_t ino, uint64_t now)
      : Inode(type, dev, ino), created_(now) {}
  Result<Stat> stat(OpenFile*) override;
  Status set_times(OpenFile*, const TimeChange&) override;
  bool seekable() const override { return false; }

 private:
  uint64_t created_;
};

class NullDevice final : public Device {
 public:
  using Device::Device;
  Blocking<size_t> read(OpenFile&, uint64_t, std::span<uint8_t>) override;
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override;
  bool seekable() const override { return true; }
};

class ZeroDevice final : public Device {
 public:
  using Device::Device;
  Blocking<size_t> read(OpenFile&, uint64_t, std::span<uint8_t>) override;
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override;
  bool seekable() const override { return true; }
};

class RandomDevice final : public Device {
 public:
  RandomDevice(Host& host, uint64_t dev, uint64_t ino, uint64_t now);
  Blocking<size_t> read(OpenFile&, uint64_t, std::span<uint8_t>) override;
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override;

 private:
  Host& host_;
};

// A host stream behind stdio: no times of its own (all zero, as wasmtime
// reports them) and none to set.
class HostStream : public Device {
 public:
  using Device::Device;
  Result<Stat> stat(OpenFile*) override;
  Status set_times(OpenFile*, const TimeChange&) override;
  // A stream of a terminal (a character device) shares the kernel's Tty.
  Tty* tty() override { return type() == FileType::CharacterDevice ? terminal_ : nullptr; }
  void attach(Tty* terminal) { terminal_ = terminal; }

 private:
  Tty* terminal_ = nullptr;
};

// Output to a host stream (the real stdout/stderr, or a page's callback);
// on a terminal, through its output processing.
class HostOutputStream final : public HostStream {
 public:
  HostOutputStream(Host& host, uint32_t stream, uint64_t dev, uint64_t ino, uint64_t now);
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override;
  Blocking<size_t> read(OpenFile&, uint64_t, std::span<uint8_t>) override;

 private:
  Host& host_;
  uint32_t stream_;
};

// Input from a host stream that is not the terminal (a pipe or a file):
// the runtime feeds bytes as they arrive. A read with nothing buffered
// would block until the host feeds more or closes it.
class HostInputStream final : public HostStream {
 public:
  HostInputStream(uint32_t stream, uint64_t dev, uint64_t ino, uint64_t now);
  void feed(std::span<const uint8_t> bytes);
  void close_input() { eof_ = true; }
  // A fresh stream for the next process: no input, not at its end.
  void reopen() {
    buffer_.clear();
    pos_ = 0;
    eof_ = false;
  }
  uint32_t stream() const { return stream_; }

  Blocking<size_t> read(OpenFile&, uint64_t, std::span<uint8_t>) override;
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override;
  Readiness poll_read(OpenFile&) override;

 private:
  uint32_t stream_;
  std::vector<uint8_t> buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
};

}  // namespace wb
