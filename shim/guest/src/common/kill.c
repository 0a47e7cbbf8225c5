/* kill and killpg over the kernel's proc_kill (Linux's signal numbers).
 * A signal that ends the caller ends it before kill returns; one it
 * catches runs at its next wait (sleep, read, waitpid...), not before kill
 * returns as on Linux. */
#include <errno.h>
#include <signal.h>
#include <sys/types.h>

#include "wasmbox/imports.h"

int kill(pid_t pid, int sig) {
  int r = __wasmbox_proc_kill((int32_t)pid, (uint32_t)sig);
  if (r == 0) return 0;
  errno = r;
  return -1;
}

int killpg(pid_t pgrp, int sig) {
  if (pgrp < 0) {
    errno = EINVAL;
    return -1;
  }
  return kill(-pgrp, sig);
}
