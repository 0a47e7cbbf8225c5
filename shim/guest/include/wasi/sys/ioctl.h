/* wasi-libc's <sys/ioctl.h> knows FIONREAD and FIONBIO only; the wasmbox
 * kernel also serves Linux's terminal requests and window size. */
#ifndef WASMBOX_SYS_IOCTL_H
#define WASMBOX_SYS_IOCTL_H

#include_next <sys/ioctl.h>

struct winsize {
  unsigned short ws_row;
  unsigned short ws_col;
  unsigned short ws_xpixel;
  unsigned short ws_ypixel;
};

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define TIOCGSID 0x5429

#endif
