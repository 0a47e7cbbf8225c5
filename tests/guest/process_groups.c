// Process groups and sessions, as a shell's job control uses them:
// children start in their parent's group, setpgid moves them (from the
// parent or themselves), kill and waitpid name a group, setsid starts a
// session, and the errors are Linux's. Needs the guest library (not built
// by plain clang + wasi-libc).
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "children.h"

static void a_child_starts_in_its_parents_group(void) {
  const pid_t group = getpgrp();
  CHECK_EQ(getpgid(0), group);
  pid_t pid = fork();
  if (pid == 0) _exit(getpgrp() == group && getsid(0) == getsid(getppid()) ? 0 : 1);
  CHECK_EQ(getpgid(pid), group);
  CHECK_EQ(status_of(pid, pid), 0);
}

static void the_parent_puts_a_child_in_a_group_of_its_own(void) {
  pid_t pid = fork();
  if (pid == 0) {
    // As a shell's child does too: it may run first.
    if (setpgid(0, 0) != 0) _exit(2);
    _exit(getpgrp() == getpid() ? 0 : 1);
  }
  CHECK_EQ(setpgid(pid, pid), 0);
  CHECK_EQ(getpgid(pid), pid);
  CHECK(getpgrp() != pid);
  CHECK_EQ(status_of(pid, -pid), 0);  // waitpid by group
}

static void kill_of_a_group_reaches_its_members_only(void) {
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    for (;;) pause();
  }
  CHECK_EQ(setpgid(pid, pid), 0);
  CHECK_EQ(kill(-pid, SIGTERM), 0);
  CHECK_EQ(status_of(pid, pid), 128 + SIGTERM);
  CHECK_ERR(kill(-pid, SIGTERM), ESRCH);  // the group is gone with it
}

static void setsid_starts_a_session(void) {
  pid_t pid = fork();
  if (pid == 0) {
    pid_t me = getpid();
    int ok = setsid() == me && getsid(0) == me && getpgrp() == me;
    // A group leader cannot start another.
    ok = ok && setsid() == -1 && errno == EPERM;
    _exit(ok ? 0 : 1);
  }
  CHECK_EQ(status_of(pid, pid), 0);
}

static void setpgid_and_getpgid_fail_as_on_linux(void) {
  CHECK_ERR(setpgid(0, -1), EINVAL);
  CHECK_ERR(getpgid(999999), ESRCH);
  CHECK_ERR(getsid(999999), ESRCH);
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  CHECK_ERR(setpgid(pid, 999999), EPERM);  // no such group in the session
  CHECK_EQ(status_of(pid, pid), 0);
  CHECK_ERR(setpgid(pid, 0), ESRCH);  // collected: no longer a child
}

static void tcgetpgrp_of_a_pipe_is_enotty(void) {
  int fds[2];
  CHECK_EQ(pipe(fds), 0);
  CHECK_ERR(tcgetpgrp(fds[0]), ENOTTY);
  close(fds[0]);
  close(fds[1]);
}

int main(void) {
  a_child_starts_in_its_parents_group();
  the_parent_puts_a_child_in_a_group_of_its_own();
  kill_of_a_group_reaches_its_members_only();
  setsid_starts_a_session();
  setpgid_and_getpgid_fail_as_on_linux();
  tcgetpgrp_of_a_pipe_is_enotty();
  return check_failures_ ? 1 : 0;
}
