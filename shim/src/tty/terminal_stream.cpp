// This file defines TerminalStream: reads take what the line discipline
// has made readable, writes go to the terminal's screen.
#include "tty/terminal_stream.h"

#include "fd/open_file.h"

namespace wb {

TerminalStream::TerminalStream(Tty& tty, uint64_t dev, uint64_t ino, uint64_t now)
    : HostStream(FileType::CharacterDevice, dev, ino, now) {
  attach(&tty);
}

Blocking<size_t> TerminalStream::read(OpenFile& of, uint64_t, std::span<uint8_t> out) {
  return tty()->read(out, of.fdflags & fdflag::Nonblock);
}

Blocking<size_t> TerminalStream::write(OpenFile&, uint64_t, std::span<const uint8_t> in) {
  return tty()->write(tty()->screen(), in);
}

Readiness TerminalStream::poll_read(OpenFile&) { return tty()->poll_read(); }

}  // namespace wb
