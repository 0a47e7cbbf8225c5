// sigaction as programs use it: the old action given back, SA_SIGINFO
// handlers with the signal's number, SA_RESETHAND, signal sets holding any
// signal (wasi-libc's own type had room for eight), sigprocmask's mask
// given back as set, sigsuspend.
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "children.h"

static volatile sig_atomic_t plain, with_info, info_signo;

static void on_plain(int sig) { plain = sig; }

static void on_info(int sig, siginfo_t* info, void* context) {
  (void)context;
  with_info = sig;
  info_signo = info ? info->si_signo : -1;
}

static void test_actions(void) {
  struct sigaction act, old;
  memset(&act, 0, sizeof act);
  act.sa_handler = on_plain;
  sigemptyset(&act.sa_mask);
  CHECK_OK(sigaction(SIGUSR1, &act, &old));
  CHECK(old.sa_handler == SIG_DFL);
  CHECK_OK(raise(SIGUSR1));
  CHECK_EQ(plain, SIGUSR1);
  CHECK_OK(sigaction(SIGUSR1, NULL, &old));
  CHECK(old.sa_handler == on_plain);

  memset(&act, 0, sizeof act);
  act.sa_sigaction = on_info;
  act.sa_flags = SA_SIGINFO | SA_RESETHAND;
  CHECK_OK(sigaction(SIGUSR2, &act, NULL));
  CHECK_OK(raise(SIGUSR2));
  CHECK_EQ(with_info, SIGUSR2);
  CHECK_EQ(info_signo, SIGUSR2);
  CHECK_OK(sigaction(SIGUSR2, NULL, &old));
  CHECK(old.sa_handler == SIG_DFL);  // reset once it ran

  CHECK_ERR(sigaction(SIGKILL, &act, NULL), EINVAL);
  CHECK_ERR(sigaction(0, NULL, &old), EINVAL);
  CHECK_ERR(sigaction(65, NULL, &old), EINVAL);
  signal(SIGUSR1, SIG_DFL);
}

static void test_sets(void) {
  sigset_t set;
  CHECK_OK(sigemptyset(&set));
  CHECK_EQ(sigismember(&set, SIGCHLD), 0);
  CHECK_OK(sigaddset(&set, SIGCHLD));
  CHECK_OK(sigaddset(&set, SIGWINCH));
  CHECK_OK(sigaddset(&set, SIGINT));
  CHECK_EQ(sigismember(&set, SIGCHLD), 1);
  CHECK_EQ(sigismember(&set, SIGWINCH), 1);
  CHECK_EQ(sigismember(&set, SIGINT), 1);
  CHECK_EQ(sigismember(&set, SIGTERM), 0);
  CHECK_OK(sigdelset(&set, SIGCHLD));
  CHECK_EQ(sigismember(&set, SIGCHLD), 0);
  CHECK_OK(sigfillset(&set));
  CHECK_EQ(sigismember(&set, SIGTERM), 1);
  CHECK_ERR(sigaddset(&set, 0), EINVAL);
}

static void test_mask(void) {
  sigset_t block, old, now;
  sigemptyset(&block);
  sigaddset(&block, SIGCHLD);
  CHECK_OK(sigprocmask(SIG_BLOCK, &block, &old));
  CHECK_EQ(sigismember(&old, SIGCHLD), 0);
  CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &now));
  CHECK_EQ(sigismember(&now, SIGCHLD), 1);
  CHECK_OK(sigprocmask(SIG_SETMASK, &old, NULL));
  CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &now));
  CHECK_EQ(sigismember(&now, SIGCHLD), 0);
  CHECK_ERR(sigprocmask(99, &block, NULL), EINVAL);
}

// sigsuspend waits until a handler has run, then fails with EINTR: a
// child waits in it for the signal its parent sends (if the signal comes
// first, the child has nothing to wait for).
static void test_suspend(void) {
  plain = 0;
  CHECK(signal(SIGUSR2, on_plain) != SIG_ERR);
  pid_t pid = fork();
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    while (!plain) {
      if (sigsuspend(&none) != -1 || errno != EINTR) _exit(1);
    }
    _exit(plain == SIGUSR2 ? 0 : 2);
  }
  CHECK(pid > 0);
  CHECK_OK(kill(pid, SIGUSR2));
  CHECK_EQ(wait_for(pid), 0);
  signal(SIGUSR2, SIG_DFL);
}

int main(void) {
  test_actions();
  test_sets();
  test_mask();
  test_suspend();
  return check_done();
}
