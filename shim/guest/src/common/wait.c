/* waitpid and wait over the kernel's proc_wait, with Linux's options and
 * status encoding (Emscripten's libc would call a wait4 that always fails,
 * wasi-libc has neither). */
#include <sys/types.h>
#include <sys/wait.h>

#include "wasmbox/imports.h"

pid_t waitpid(pid_t pid, int *status, int options) {
  uint32_t got = 0, st = 0;
  if (__wasmbox_errno(__wasmbox_proc_wait((int32_t)pid, (uint32_t)options, &st, &got))) return -1;
  if (status && got) *status = (int)st;
  return (pid_t)got;
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }
