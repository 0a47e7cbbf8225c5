/* Signals for Emscripten's libc, which keeps the handlers (sigaction) and
 * runs them on raise(): here the kernel also learns which signals
 * the program catches or ignores, so that ^C and window changes reach its handlers, and where
 * dispatch() is, which the runtime calls to run one. raise() ends the process by a signal it does
 * not handle. */
#include <errno.h>
#include <signal.h>

#include "wasmbox/imports.h"

int __sigaction(int sig, const struct sigaction* sa, struct sigaction* old);
static void dispatch(int sig);

int sigaction(int sig, const struct sigaction* restrict sa, struct sigaction* restrict old) {
  if (sig <= 0 || sig >= _NSIG || (sa && (sig == SIGKILL || sig == SIGSTOP))) {
    errno = EINVAL;
    return -1;
  }
  if (__sigaction(sig, sa, old) != 0) return -1;
  /* The kernel refuses signals past its 31, which it never raises. */
  if (sa)
    (void)__wasmbox_proc_sigaction((uint32_t)sig, __wasmbox_disposition(sa->sa_handler, SIG_IGN),
                                   dispatch);
  return 0;
}

/* As musl's: SA_RESTART, through the sigaction above. */
void (*signal(int sig, void (*func)(int)))(int) {
  struct sigaction old, sa = {.sa_handler = func, .sa_flags = SA_RESTART};
  if (sigaction(sig, &sa, &old) != 0) return SIG_ERR;
  return old.sa_handler;
}

__attribute__((weak, alias("signal"))) void (*bsd_signal(int, void (*)(int)))(int);
__attribute__((weak, alias("signal"))) void (*__sysv_signal(int, void (*)(int)))(int);

/* Emscripten's raise() does nothing for a signal at its default action;
 * this one ends the process when that action would. Handlers run as
 * dispatch() runs them. */
int raise(int sig) {
  struct sigaction sa;
  if (sig <= 0 || sig >= _NSIG || __sigaction(sig, 0, &sa) != 0) {
    errno = EINVAL;
    return -1;
  }
  if (sa.sa_handler == SIG_DFL && !(sa.sa_flags & SA_SIGINFO))
    __wasmbox_default_action(sig);
  else
    dispatch(sig);
  return 0;
}

static void dispatch(int sig) {
  struct sigaction sa;
  if (__sigaction(sig, 0, &sa) != 0) return;
  const int caught = sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN;
  if (caught && (sa.sa_flags & SA_RESETHAND)) signal(sig, SIG_DFL);
  if (sa.sa_flags & SA_SIGINFO) {
    siginfo_t info = {.si_signo = sig};
    sa.sa_sigaction(sig, &info, 0);
  } else if (caught) {
    sa.sa_handler(sig);
  }
}
