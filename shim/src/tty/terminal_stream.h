// This file defines TerminalStream, the terminal as a file: stdin when the
// box has a terminal, and /dev/tty.
#pragma once

#include "tty/tty.h"
#include "vfs/devices.h"

namespace wb {

// The terminal as a file: stdin when the box has one, and /dev/tty. Reads
// take what the line discipline has made readable; writes go to its screen.
class TerminalStream final : public HostStream {
 public:
  TerminalStream(Tty& tty, uint64_t dev, uint64_t ino, uint64_t now);
  Blocking<size_t> read(OpenFile&, uint64_t, std::span<uint8_t>) override;
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override;
  Readiness poll_read(OpenFile&) override;
};

}  // namespace wb
