/* This file defines the signals of the box, the one table the kernel (C++),
 * the guest library (C) and the runtime (JS, web/src/core/signals.js,
 * tested against this file) take them from: Linux's numbers, each with its
 * default action, and the mapping from WASI's numbering. */
#ifndef WASMBOX_SIGNALS_H
#define WASMBOX_SIGNALS_H

#include <stdint.h>

/* X(NAME, Linux number, default action): TERM ends the process by the
 * signal; IGN does nothing. The stop signals (and CONT) are ignored too: a
 * box cannot stop a process. */
#define WASMBOX_SIGNALS(X)                                                        \
  X(HUP, 1, TERM) X(INT, 2, TERM) X(QUIT, 3, TERM) X(ILL, 4, TERM)                \
  X(TRAP, 5, TERM) X(ABRT, 6, TERM) X(BUS, 7, TERM) X(FPE, 8, TERM)              \
  X(KILL, 9, TERM) X(USR1, 10, TERM) X(SEGV, 11, TERM) X(USR2, 12, TERM)         \
  X(PIPE, 13, TERM) X(ALRM, 14, TERM) X(TERM, 15, TERM) X(STKFLT, 16, TERM)      \
  X(CHLD, 17, IGN) X(CONT, 18, IGN) X(STOP, 19, IGN) X(TSTP, 20, IGN)            \
  X(TTIN, 21, IGN) X(TTOU, 22, IGN) X(URG, 23, IGN) X(XCPU, 24, TERM)            \
  X(XFSZ, 25, TERM) X(VTALRM, 26, TERM) X(PROF, 27, TERM) X(WINCH, 28, IGN)      \
  X(IO, 29, TERM) X(PWR, 30, TERM) X(SYS, 31, TERM)

#define WASMBOX_SIGNAL_TERMINATES_TERM 1
#define WASMBOX_SIGNAL_TERMINATES_IGN 0

/* Whether Linux signal `sig` ends the process by default. */
static inline int wasmbox_signal_terminates(int sig) {
  switch (sig) {
#define WASMBOX_SIGNAL_CASE(name, number, action) \
  case number:                                    \
    return WASMBOX_SIGNAL_TERMINATES_##action;
    WASMBOX_SIGNALS(WASMBOX_SIGNAL_CASE)
#undef WASMBOX_SIGNAL_CASE
    default:
      return 0;
  }
}

/* WASI's signal enum is Linux's numbering without SIGSTKFLT (16). */
static inline int wasmbox_signal_from_wasi(uint32_t wasi_sig) {
  return wasi_sig >= 16 ? (int)wasi_sig + 1 : (int)wasi_sig;
}
/* 0 for SIGSTKFLT, which WASI cannot name. */
static inline uint32_t wasmbox_signal_to_wasi(int sig) {
  return sig == 16 ? 0 : (uint32_t)(sig > 16 ? sig - 1 : sig);
}

#endif
