/* Process groups and sessions from the kernel, for a shell's job control:
 * wasi-libc has none, and Emscripten's libc keeps one group and session
 * (42) whatever the process. tcgetpgrp and tcsetpgrp are ioctls (libc's,
 * or wasi/termios.c). */
#include <unistd.h>

#include "wasmbox/imports.h"

int setpgid(pid_t pid, pid_t pgid) {
  if (pid < 0 || pgid < 0) return __wasmbox_errno(EINVAL);
  return __wasmbox_errno(__wasmbox_proc_setpgid((uint32_t)pid, (uint32_t)pgid));
}

pid_t getpgid(pid_t pid) {
  uint32_t pgid = 0;
  if (__wasmbox_errno(__wasmbox_proc_getpgid((uint32_t)pid, &pgid))) return -1;
  return (pid_t)pgid;
}

pid_t getpgrp(void) { return getpgid(0); }

pid_t setsid(void) {
  uint32_t sid = 0;
  if (__wasmbox_errno(__wasmbox_proc_setsid(&sid))) return -1;
  return (pid_t)sid;
}

pid_t getsid(pid_t pid) {
  uint32_t sid = 0;
  if (__wasmbox_errno(__wasmbox_proc_getsid((uint32_t)pid, &sid))) return -1;
  return (pid_t)sid;
}
