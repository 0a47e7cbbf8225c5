/* Emscripten's standalone libc answers open() with EPERM from a weak
 * __syscall_open; this strong one opens through the kernel instead, from
 * the working directory. */
#include <fcntl.h>

#include "wasmbox/imports.h"

long __syscall_open(long path, long flags, ...) {
  return __wasmbox_sys_openat(AT_FDCWD, path, flags, 0);
}
