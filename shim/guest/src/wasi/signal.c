/* Signals for wasi-libc, whose emulation (-lwasi-emulated-signal) keeps
 * handlers only for raise(). This replaces that emulation's object whole
 * (signal, raise and the SIG_ERR/SIG_IGN markers live together there):
 * the kernel also learns which signals the program catches or ignores, so
 * that ^C and window changes reach its handlers through dispatch(),
 * and raise() of an uncaught terminating signal ends the process by that
 * signal instead of aborting. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>

#include "wasmbox/imports.h"

/* What the program does with each signal, as sigaction says it. */
static struct sigaction actions[_NSIG];
/* The mask sigprocmask reports: the box applies none to a wasi program. */
static sigset_t blocked;
static void dispatch(int sig);

void __SIG_ERR(int sig) { (void)sig; }
void __SIG_IGN(int sig) { (void)sig; }

static int valid(int sig) { return sig > 0 && sig < _NSIG; }

/* Tells the kernel too: it then sends the caught signals to dispatch(). */
static void set_action(int sig, const struct sigaction* a) {
  actions[sig] = *a;
  void (*handler)(int) = a->sa_handler;
  (void)__wasmbox_proc_sigaction((uint32_t)sig, __wasmbox_disposition(handler, SIG_IGN), dispatch);
}

int sigaction(int sig, const struct sigaction* restrict act, struct sigaction* restrict old) {
  if (!valid(sig) || (act && (sig == SIGKILL || sig == SIGSTOP))) {
    errno = EINVAL;
    return -1;
  }
  if (old) *old = actions[sig];
  if (act) set_action(sig, act);
  return 0;
}

/* As musl's signal(): the handler restarts the calls it interrupts. */
void (*signal(int sig, void (*func)(int)))(int) {
  struct sigaction a = {.sa_handler = func, .sa_flags = SA_RESTART}, old;
  if (sigaction(sig, &a, &old) < 0) return SIG_ERR;
  return old.sa_handler;
}

__attribute__((weak, alias("signal"))) void (*bsd_signal(int, void (*)(int)))(int);
__attribute__((weak, alias("signal"))) void (*__sysv_signal(int, void (*)(int)))(int);

/* Runs the handler of a caught signal, as sigaction asked. */
static void run_handler(int sig) {
  const struct sigaction a = actions[sig];
  if (a.sa_flags & SA_RESETHAND) set_action(sig, &(struct sigaction){.sa_handler = SIG_DFL});
  if (a.sa_flags & SA_SIGINFO) {
    siginfo_t info = {.si_signo = sig, .si_code = SI_USER};
    a.sa_sigaction(sig, &info, NULL);
  } else {
    a.sa_handler(sig);
  }
}

/* Linux's default actions; the stop signals are ignored, as a box cannot
 * stop a process. */
int raise(int sig) {
  if (!valid(sig)) {
    errno = EINVAL;
    return -1;
  }
  void (*handler)(int) = actions[sig].sa_handler;
  if (handler == SIG_IGN) return 0;
  if (handler != SIG_DFL) {
    run_handler(sig);
    return 0;
  }
  __wasmbox_default_action(sig);
  return 0;
}

static void dispatch(int sig) {
  if (valid(sig) && actions[sig].sa_handler != SIG_DFL && actions[sig].sa_handler != SIG_IGN)
    run_handler(sig);
}

/* The signal sets: bit n - 1 of the words for signal n, as musl's. */
enum { WORD_BITS = 8 * sizeof(unsigned long) };

int sigemptyset(sigset_t* set) {
  *set = (sigset_t){0};
  return 0;
}

int sigfillset(sigset_t* set) {
  sigemptyset(set);
  for (int sig = 1; sig < _NSIG; ++sig) sigaddset(set, sig);
  return 0;
}

static int change(sigset_t* set, int sig, int on) {
  if (!valid(sig)) {
    errno = EINVAL;
    return -1;
  }
  const unsigned long bit = 1UL << ((sig - 1) % WORD_BITS);
  unsigned long* word = &set->__bits[(sig - 1) / WORD_BITS];
  *word = on ? *word | bit : *word & ~bit;
  return 0;
}

int sigaddset(sigset_t* set, int sig) { return change(set, sig, 1); }
int sigdelset(sigset_t* set, int sig) { return change(set, sig, 0); }

int sigismember(const sigset_t* set, int sig) {
  if (!valid(sig)) {
    errno = EINVAL;
    return -1;
  }
  return (set->__bits[(sig - 1) / WORD_BITS] >> ((sig - 1) % WORD_BITS)) & 1;
}

/* Kept and reported, not applied: the box delivers a wasi program's
 * signals as they come. */
int sigprocmask(int how, const sigset_t* restrict set, sigset_t* restrict old) {
  if (set && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) {
    errno = EINVAL;
    return -1;
  }
  if (old) *old = blocked;
  if (!set) return 0;
  for (size_t i = 0; i < sizeof blocked.__bits / sizeof blocked.__bits[0]; ++i) {
    if (how == SIG_BLOCK) blocked.__bits[i] |= set->__bits[i];
    if (how == SIG_UNBLOCK) blocked.__bits[i] &= ~set->__bits[i];
    if (how == SIG_SETMASK) blocked.__bits[i] = set->__bits[i];
  }
  return 0;
}

int sigpending(sigset_t* set) { return sigemptyset(set); }
