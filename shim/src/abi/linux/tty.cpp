// This file defines ioctl for the Linux-style ABI: terminal attributes
// (TCGETS/TCSETS*), window size, the foreground process group, and the
// byte count and non-blocking switch every descriptor has.
#include "tty/tty.h"

#include "abi/linux/linux.h"
#include "ops/descriptor.h"
#include "ops/file.h"

namespace wb::sys {
namespace {

namespace req {
inline constexpr u32 Tcgets = 0x5401, Tcsets = 0x5402, Tcsetsw = 0x5403, Tcsetsf = 0x5404,
                     Tcsbrk = 0x5409, Tcxonc = 0x540a, Tcflsh = 0x540b, Tiocgpgrp = 0x540f,
                     Tiocspgrp = 0x5410, Tiocgwinsz = 0x5413, Tiocswinsz = 0x5414,
                     Tiocgsid = 0x5429, Fionread = 0x541b, Fionbio = 0x5421;
}

// struct termios: four u32 flags, c_line, c_cc[32], two u32 speeds.
constexpr uint32_t kTermiosSize = 60;
constexpr uint32_t kTermiosLine = 16;
constexpr uint32_t kTermiosCc = 17;
constexpr uint32_t kTermiosIspeed = 52;
constexpr uint32_t kTermiosOspeed = 56;

Status write_termios(Call& c, P out, const Termios& t) {
  Record<kTermiosSize> r;
  r.u32(0, t.iflag);
  r.u32(4, t.oflag);
  r.u32(8, t.cflag);
  r.u32(12, t.lflag);
  r.u8(kTermiosLine, t.line);
  for (int i = 0; i < tc::kNccs; ++i) r.u8(kTermiosCc + uint32_t(i), t.cc[size_t(i)]);
  r.u32(kTermiosIspeed, t.ispeed);
  r.u32(kTermiosOspeed, t.ospeed);
  return c.mem.write(out, r);
}

Result<Termios> read_termios(Call& c, P in) {
  uint8_t raw[kTermiosSize];
  WB_TRY(c.mem.read(raw, in, kTermiosSize));
  Termios t;
  t.iflag = uint32_t(load_le(raw, 4));
  t.oflag = uint32_t(load_le(raw + 4, 4));
  t.cflag = uint32_t(load_le(raw + 8, 4));
  t.lflag = uint32_t(load_le(raw + 12, 4));
  t.line = raw[kTermiosLine];
  std::copy(raw + kTermiosCc, raw + kTermiosCc + tc::kNccs, t.cc.begin());
  t.ispeed = uint32_t(load_le(raw + kTermiosIspeed, 4));
  t.ospeed = uint32_t(load_le(raw + kTermiosOspeed, 4));
  return t;
}

Status write_winsize(Call& c, P out, const WinSize& w) {
  Record<8> r;
  r.u16(0, w.rows);
  r.u16(2, w.cols);
  r.u16(4, w.xpixel);
  r.u16(6, w.ypixel);
  return c.mem.write(out, r);
}

Result<WinSize> read_winsize(Call& c, P in) {
  uint8_t raw[8];
  WB_TRY(c.mem.read(raw, in, sizeof raw));
  return WinSize{uint16_t(load_le(raw, 2)), uint16_t(load_le(raw + 2, 2)),
                 uint16_t(load_le(raw + 4, 2)), uint16_t(load_le(raw + 6, 2))};
}

// Bytes a read would return now.
Result<uint64_t> readable_bytes(OpenFile& of) {
  if (of.inode->is_dir()) return Errno::NotTy;
  if (of.inode->seekable()) {
    WB_ASSIGN(Stat st, of.inode->stat(&of));
    return st.size > of.offset ? st.size - of.offset : 0;
  }
  return of.inode->poll_read(of).nbytes;
}

SysResult terminal_ioctl(Call& c, Tty& tty, u32 request, P arg) {
  switch (request) {
    case req::Tcgets:
      return done(write_termios(c, arg, tty.termios()));
    case req::Tcsets:
    case req::Tcsetsw:
    case req::Tcsetsf: {
      WB_ASSIGN(Termios t, read_termios(c, arg));
      c.kernel.set_termios(t, request == req::Tcsetsf);
      return 0;
    }
    case req::Tiocgwinsz:
      return done(write_winsize(c, arg, tty.winsize()));
    case req::Tiocswinsz: {
      WB_ASSIGN(WinSize w, read_winsize(c, arg));
      c.kernel.resize_terminal(w);
      return 0;
    }
    case req::Tiocgpgrp:
      return done(c.mem.write_u32(arg, c.kernel.foreground_group()));
    case req::Tiocspgrp: {
      WB_ASSIGN(u32 pgid, c.mem.read_u32(arg));
      return done(c.kernel.set_foreground_group(c.proc, pgid));
    }
    // The terminal belongs to the session of the processes that use it.
    case req::Tiocgsid:
      return done(c.mem.write_u32(arg, c.proc.sid));
    case req::Tcflsh: {
      // TCIFLUSH, TCOFLUSH, TCIOFLUSH; output is never held back.
      const u32 queue = arg.addr;
      if (queue > 2) return Errno::Inval;
      if (queue != 1) tty.flush_input();
      return 0;
    }
    case req::Tcsbrk:
    case req::Tcxonc:
      return 0;
    default:
      return Errno::NotTy;
  }
}

}  // namespace

SysResult ioctl(Call& c, i32 fd, u32 request, P varargs) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(u32(fd)));
  OpenFile& of = *e->file;
  // Every request takes one argument: an int or a pointer.
  WB_ASSIGN(u32 arg, c.mem.read_u32(varargs));
  if (request == req::Fionread) {
    WB_ASSIGN(uint64_t n, readable_bytes(of));
    return done(c.mem.write_u32(P{arg}, uint32_t(std::min<uint64_t>(n, INT32_MAX))));
  }
  if (request == req::Fionbio) {
    // Changes the status flags: it needs the right fcntl(F_SETFL) needs.
    WB_TRY(ops::check(*e, {.rights = right::FdFdstatSetFlags}));
    WB_ASSIGN(u32 on, c.mem.read_u32(P{arg}));
    ops::set_status_flags(of, on ? fdflag::Nonblock : 0, fdflag::Nonblock);
    return 0;
  }
  Tty* tty = of.inode->tty();
  if (!tty) return Errno::NotTy;
  return terminal_ioctl(c, *tty, request, P{arg});
}

}  // namespace wb::sys
