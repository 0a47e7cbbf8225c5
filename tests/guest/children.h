// What the guest tests about processes share: waiting for a child.
#ifndef WASMBOX_GUEST_CHILDREN_H
#define WASMBOX_GUEST_CHILDREN_H

#include <sys/types.h>
#include <sys/wait.h>

#include "check.h"

// Waits as waitpid(wanted) does, checks the child that ended is `pid`, and
// returns its exit status, or 128 + the signal that ended it, as a shell.
static int status_of(pid_t pid, pid_t wanted) {
  int status = -1;
  CHECK_EQ(waitpid(wanted, &status, 0), pid);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// status_of a child waited for by its pid.
static inline int wait_for(pid_t pid) { return status_of(pid, pid); }

#endif
