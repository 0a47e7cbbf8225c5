/* Process ids from the kernel: wasi-libc has none, and Emscripten's libc
 * answers 42 and 1 whatever the process. */
#include <unistd.h>

#include "wasmbox/imports.h"

pid_t getpid(void) {
  uint32_t pid = 0;
  __wasmbox_proc_id(&pid);
  return (pid_t)pid;
}

pid_t getppid(void) {
  uint32_t parent = 0;
  __wasmbox_proc_parent((uint32_t)getpid(), &parent);
  return (pid_t)parent;
}
