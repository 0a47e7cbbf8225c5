/* Signals for wasi-libc, whose emulation (-lwasi-emulated-signal) keeps
 * handlers only for raise(). This replaces that emulation's object whole
 * (signal, raise and the SIG_ERR/SIG_IGN markers live together there):
 * the kernel also learns which signals the program catches or ignores, so
 * that ^C and window changes reach its handlers through dispatch(),
 * and raise() of an uncaught terminating signal ends the process by that
 * signal instead of aborting. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "wasmbox/imports.h"

static void (*handlers[_NSIG])(int);
static void dispatch(int sig);

void __SIG_ERR(int sig) { (void)sig; }
void __SIG_IGN(int sig) { (void)sig; }

void (*signal(int sig, void (*func)(int)))(int) {
  if (sig <= 0 || sig >= _NSIG || sig == SIGKILL || sig == SIGSTOP) {
    errno = EINVAL;
    return SIG_ERR;
  }
  void (*old)(int) = handlers[sig];
  handlers[sig] = func;
  (void)__wasmbox_proc_sigaction((uint32_t)sig, __wasmbox_disposition(func, SIG_IGN), dispatch);
  return old;
}

__attribute__((weak, alias("signal"))) void (*bsd_signal(int, void (*)(int)))(int);
__attribute__((weak, alias("signal"))) void (*__sysv_signal(int, void (*)(int)))(int);

/* Linux's default actions; the stop signals are ignored, as a box cannot
 * stop a process. */
int raise(int sig) {
  if (sig <= 0 || sig >= _NSIG) {
    errno = EINVAL;
    return -1;
  }
  void (*handler)(int) = handlers[sig];
  if (handler == SIG_IGN) return 0;
  if (handler != SIG_DFL) {
    handler(sig);
    return 0;
  }
  __wasmbox_default_action(sig);
  return 0;
}

static void dispatch(int sig) {
  if (sig > 0 && sig < _NSIG && handlers[sig] != SIG_DFL && handlers[sig] != SIG_IGN)
    handlers[sig](sig);
}
