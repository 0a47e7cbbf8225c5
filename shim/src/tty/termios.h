// This file defines Termios and WinSize, a terminal's settings and size,
// with Linux's flag values and defaults (those of Emscripten's and Linux's
// <termios.h>, so they cross the guest ABI unchanged).
#pragma once

#include <array>
#include <cstdint>

namespace wb {

namespace tc {
// c_iflag
inline constexpr uint32_t Istrip = 0000040, Inlcr = 0000100, Igncr = 0000200, Icrnl = 0000400,
                          Ixon = 0002000, Iutf8 = 0040000;
// c_oflag
inline constexpr uint32_t Opost = 0000001, Onlcr = 0000004, Ocrnl = 0000010, Onocr = 0000020,
                          Onlret = 0000040;
// c_cflag
inline constexpr uint32_t B38400 = 0000017, Cs8 = 0000060, Cread = 0000200;
// c_lflag
inline constexpr uint32_t Isig = 0000001, Icanon = 0000002, Echo = 0000010, Echoe = 0000020,
                          Echok = 0000040, Echonl = 0000100, Noflsh = 0000200, Echoctl = 0001000,
                          Echoke = 0004000, Iexten = 0100000;
// c_cc slots; a slot holding 0 (_POSIX_VDISABLE) is disabled.
inline constexpr int Vintr = 0, Vquit = 1, Verase = 2, Vkill = 3, Veof = 4, Vtime = 5, Vmin = 6,
                     Vstart = 8, Vstop = 9, Vsusp = 10, Veol = 11, Vreprint = 12, Vdiscard = 13,
                     Vwerase = 14, Vlnext = 15, Veol2 = 16;
inline constexpr int kNccs = 32;
}  // namespace tc

// Linux's signal numbers for what a terminal raises.
struct Termios {
  uint32_t iflag = tc::Icrnl | tc::Ixon | tc::Iutf8;
  uint32_t oflag = tc::Opost | tc::Onlcr;
  uint32_t cflag = tc::B38400 | tc::Cs8 | tc::Cread;
  uint32_t lflag = tc::Isig | tc::Icanon | tc::Echo | tc::Echoe | tc::Echok | tc::Echoctl |
                   tc::Echoke | tc::Iexten;
  uint8_t line = 0;
  std::array<uint8_t, tc::kNccs> cc = default_cc();
  uint32_t ispeed = tc::B38400;
  uint32_t ospeed = tc::B38400;

  bool canonical() const { return lflag & tc::Icanon; }
  // Whether byte `c` is the enabled control character of `slot`.
  bool is(int slot, uint8_t c) const { return cc[size_t(slot)] != 0 && cc[size_t(slot)] == c; }

  static constexpr std::array<uint8_t, tc::kNccs> default_cc() {
    std::array<uint8_t, tc::kNccs> cc{};
    cc[tc::Vintr] = 0x03;
    cc[tc::Vquit] = 0x1c;
    cc[tc::Verase] = 0x7f;
    cc[tc::Vkill] = 0x15;
    cc[tc::Veof] = 0x04;
    cc[tc::Vmin] = 1;
    cc[tc::Vstart] = 0x11;
    cc[tc::Vstop] = 0x13;
    cc[tc::Vsusp] = 0x1a;
    cc[tc::Vreprint] = 0x12;
    cc[tc::Vdiscard] = 0x0f;
    cc[tc::Vwerase] = 0x17;
    cc[tc::Vlnext] = 0x16;
    return cc;
  }
};

struct WinSize {
  uint16_t rows = 24;
  uint16_t cols = 80;
  uint16_t xpixel = 0;
  uint16_t ypixel = 0;

  bool operator==(const WinSize&) const = default;
};

}  // namespace wb
