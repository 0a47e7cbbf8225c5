/* wasi-libc's <signal.h>, plus what the wasmbox guest library adds: kill
 * and killpg, and what wasi-libc leaves out as "no sigaction" (musl's
 * declarations): sigaction with siginfo_t, the signal sets, sigprocmask. */
#ifndef WASMBOX_SIGNAL_H
#define WASMBOX_SIGNAL_H

#include <__typedef_sigset_t.h>
#include_next <signal.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

int kill(pid_t, int);
int killpg(pid_t, int);

#ifndef SA_RESTART
union sigval {
  int sival_int;
  void* sival_ptr;
};

typedef struct {
  int si_signo, si_errno, si_code;
  pid_t si_pid;
  uid_t si_uid;
  int si_status;
  void* si_addr;
  union sigval si_value;
  char __pad[128 - 7 * sizeof(int) - sizeof(union sigval)];
} siginfo_t;

struct sigaction {
  union {
    void (*sa_handler)(int);
    void (*sa_sigaction)(int, siginfo_t*, void*);
  } __sa_handler;
  sigset_t sa_mask;
  int sa_flags;
  void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

/* Linux's flags: SA_RESETHAND and SA_SIGINFO act; the others are taken
 * (a handler always restarts what SA_RESTART would, and a box has no
 * alternate stacks). */
#define SA_NOCLDSTOP 1
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SI_USER 0
#ifndef SIG_BLOCK
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#endif

int sigaction(int, const struct sigaction* __restrict, struct sigaction* __restrict);
int sigemptyset(sigset_t*);
int sigfillset(sigset_t*);
int sigaddset(sigset_t*, int);
int sigdelset(sigset_t*, int);
int sigismember(const sigset_t*, int);
int sigprocmask(int, const sigset_t* __restrict, sigset_t* __restrict);
int sigpending(sigset_t*);
int sigsuspend(const sigset_t*);
#endif

#ifdef __cplusplus
}
#endif

#endif
