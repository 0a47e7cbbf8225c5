/* waitpid, wait, wait3 and wait4 over the kernel's proc_wait, with
 * Linux's options and status encoding (Emscripten's libc would call a
 * wait4 that always fails, wasi-libc has none). The box keeps no resource
 * usage: wait3's and wait4's is all zeros. */
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "wasmbox/imports.h"

pid_t waitpid(pid_t pid, int* status, int options) {
  uint32_t got = 0, st = 0;
  if (__wasmbox_errno(__wasmbox_proc_wait((int32_t)pid, (uint32_t)options, &st, &got))) return -1;
  if (status && got) *status = (int)st;
  return (pid_t)got;
}

pid_t wait(int* status) { return waitpid(-1, status, 0); }

pid_t wait4(pid_t pid, int* status, int options, struct rusage* usage) {
  pid_t got = waitpid(pid, status, options);
  if (got > 0 && usage) memset(usage, 0, sizeof *usage);
  return got;
}

pid_t wait3(int* status, int options, struct rusage* usage) {
  return wait4(-1, status, options, usage);
}
