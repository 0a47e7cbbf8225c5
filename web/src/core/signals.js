// Linux's signal numbers as the box uses them: the table is
// shim/guest/include/wasmbox/signals.h, shared by the kernel and the guest
// library; a test checks this copy against it.

export const Signal = Object.freeze({
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11,
  USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CONT: 18, STOP: 19, TSTP: 20,
  TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29,
  PWR: 30, SYS: 31,
});

/** Whether `sig` is a signal number the box knows (1 to 31). */
export const isSignal = (sig) => Number.isInteger(sig) && sig >= Signal.HUP && sig <= Signal.SYS;

/** The exit status a shell reports for a process ended by `signal`. */
export const statusOfSignal = (signal) => 128 + signal;
