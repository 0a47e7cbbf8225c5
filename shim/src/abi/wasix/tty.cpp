// This file defines WASIX's terminal calls, tty_get and tty_set, over the
// kernel's terminal. Their record (WASIX's `tty`) is four u32 (cols, rows,
// pixel width, pixel height), then five bools: stdin, stdout and stderr
// are terminals, echo, line buffering (canonical mode).
#include "tty/tty.h"

#include "abi/wasix/wasix.h"
#include "fd/open_file.h"

namespace wb::wasix {
namespace {

constexpr uint32_t kTtySize = 24;

bool is_terminal(Call& c, u32 fd) {
  auto e = c.proc.fds().get(fd);
  return e.ok() && (*e)->file->inode->tty() != nullptr;
}

}  // namespace

Errno tty_get(Call& c, P out) {
  const Tty& tty = c.kernel.tty();
  const WinSize& w = tty.winsize();
  const uint32_t l = tty.termios().lflag;
  Record<kTtySize> r;
  r.u32(0, w.cols);
  r.u32(4, w.rows);
  r.u32(8, w.xpixel);
  r.u32(12, w.ypixel);
  r.u8(16, is_terminal(c, 0));
  r.u8(17, is_terminal(c, 1));
  r.u8(18, is_terminal(c, 2));
  r.u8(19, (l & tc::Echo) != 0);
  r.u8(20, (l & tc::Icanon) != 0);
  return c.mem.write(out, r);
}

// Sets the window size, echo and line buffering; the terminal flags are
// facts, not settings, and are left alone.
Errno tty_set(Call& c, P in) {
  uint8_t raw[kTtySize];
  WB_TRY(c.mem.read(raw, in, kTtySize));
  if (raw[19] > 1 || raw[20] > 1) return Errno::Inval;
  Tty& tty = c.kernel.tty();
  Termios t = tty.termios();
  t.lflag =
      (t.lflag & ~(tc::Echo | tc::Icanon)) | (raw[19] ? tc::Echo : 0) | (raw[20] ? tc::Icanon : 0);
  c.kernel.set_termios(t, false);
  c.kernel.resize_terminal({uint16_t(load_le(raw + 4, 4)), uint16_t(load_le(raw, 4)),
                            uint16_t(load_le(raw + 8, 4)), uint16_t(load_le(raw + 12, 4))});
  return Errno::Success;
}

}  // namespace wb::wasix
