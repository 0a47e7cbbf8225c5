/* The working directory for wasi-libc, which keeps its own (a string it
 * resolves relative paths against, "/" at start) where the kernel keeps
 * one per process: a program started in a directory (by a shell's cd)
 * starts there, and a child it makes starts where it is. */
#include "wasmbox/cwd.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "wasmbox/imports.h"

/* wasi-libc's own chdir, which also brings in its resolution of relative
 * paths from the directory it keeps. */
__attribute__((constructor)) static void start_in_kernel_cwd(void) {
  char path[PATH_MAX];
  if (__wasmbox_sys_getcwd((long)path, sizeof path) > 0 && strcmp(path, "/") != 0)
    (void)chdir(path);
}

void __wasmbox_share_cwd(void) {
  char path[PATH_MAX];
  if (getcwd(path, sizeof path)) (void)__wasmbox_sys_chdir((long)path);
}
