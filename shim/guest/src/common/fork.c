/* fork and vfork over the kernel's proc_fork. The runtime saves the
 * caller's call stack in a buffer given here (the module was built with
 * binaryen's asyncify, as wasmbox-cc builds a program that calls fork),
 * makes the child an instance of the same module on a copy of the memory,
 * and both go on from here: the parent with the child's pid, the child
 * with 0. vfork is fork, as POSIX allows: the child cannot touch the
 * parent's memory, so what vfork's child may do, it can do safely. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "wasmbox/cwd.h"
#include "wasmbox/imports.h"

/* Asyncify saves the locals of every function from _start down to here;
 * a deep shell is a few KiB of them. */
#define SAVED_STACK_BYTES (256 * 1024)

pid_t fork(void) {
  void* saved = malloc(SAVED_STACK_BYTES);
  if (!saved) {
    errno = ENOMEM;
    return -1;
  }
  uint32_t pid = 0;
  __wasmbox_share_cwd();
  uint16_t e = __wasmbox_proc_fork(saved, SAVED_STACK_BYTES, &pid);
  free(saved);
  if (e) return __wasmbox_errno(e);
  return (pid_t)pid;
}

pid_t vfork(void) { return fork(); }
