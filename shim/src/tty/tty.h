// This file defines Tty, the box's terminal: Linux's line discipline
// between the keyboard (bytes the host feeds) and the programs reading it,
// and the output processing between programs and the screen.
//   - Canonical mode: a read returns one edited line; ERASE, WERASE, KILL,
//     LNEXT and REPRINT edit it; EOF ends it (or reads as end of file on an
//     empty line).
//   - Non-canonical mode: bytes are readable as they arrive, with MIN/TIME.
//   - ISIG: INTR, QUIT and SUSP raise signals for the foreground process.
//   - Echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHOCTL, ECHONL) and OPOST/ONLCR/
//     OCRNL/ONOCR/ONLRET go to the host's screen stream.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "base/result.h"
#include "proc/signals.h"
#include "tty/termios.h"
#include "vfs/inode.h"

namespace wb {

class Host;

class Tty {
 public:
  // `screen` is the host stream that shows the terminal (echo goes there).
  Tty(Host& host, uint32_t screen);

  const Termios& termios() const { return termios_; }
  // TCSETS*: `flush` (TCSETSF) discards pending input first.
  void set_termios(const Termios& t, bool flush);
  const WinSize& winsize() const { return winsize_; }
  // Whether the size changed (then the foreground gets SIGWINCH).
  bool set_winsize(const WinSize& w);

  // Keyboard input. Returns the signals it raised, bit n for signal n.
  uint32_t receive(std::span<const uint8_t> bytes);
  // The keyboard is gone: reads drain what is left, then see end of file.
  void hangup() { hungup_ = true; }
  // TCIFLUSH: drops typed input, both the edited line and unread lines.
  void flush_input();

  // A program's read: bytes, "would block" while nothing is due (see
  // poll_read for when to retry), or Again when `nonblock`.
  Blocking<size_t> read(std::span<uint8_t> out, bool nonblock);
  Readiness poll_read() const;

  // A program's output to host stream `stream`, through output processing.
  Result<size_t> write(uint32_t stream, std::span<const uint8_t> bytes);
  uint32_t screen() const { return screen_; }

 private:
  // Input processing.
  void receive_byte(uint8_t c, uint32_t& signals);
  void canonical_byte(uint8_t c);
  void erase(int slot);
  void commit_line();
  void append(uint8_t c);
  void reprint();
  uint64_t available() const { return received_ - taken_; }
  size_t take(std::span<uint8_t> out, uint64_t limit);

  // Echo and output processing.
  void echo(uint8_t c);
  void echo_erase(size_t width);
  size_t line_width(size_t end) const;
  void emit(std::span<const uint8_t> bytes);
  void post(uint8_t c, std::vector<uint8_t>& out);

  Host& host_;
  uint32_t screen_;
  Termios termios_;
  WinSize winsize_;

  // The line being edited (canonical mode) and the screen column it began at.
  std::vector<uint8_t> line_;
  size_t line_column_ = 0;
  bool literal_next_ = false;
  // Readable bytes: buffer_[head_..] are stream offsets taken_..received_;
  // in canonical mode each line ends at an offset in line_ends_ (an empty
  // line is an end of file).
  std::vector<uint8_t> buffer_;
  size_t head_ = 0;
  uint64_t taken_ = 0;
  uint64_t received_ = 0;
  std::deque<uint64_t> line_ends_;
  bool hungup_ = false;
  // Non-canonical TIME: when the last byte came, and when a read that is
  // waiting for its first byte began (both monotonic ns).
  uint64_t last_input_ns_ = 0;
  std::optional<uint64_t> read_started_ns_;
  std::optional<uint64_t> read_deadline_ns_;

  size_t column_ = 0;  // the cursor's column on the screen
  std::vector<uint8_t> out_;
};

}  // namespace wb
