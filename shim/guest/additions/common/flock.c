/* flock(2): whole-file advisory locks, held by the open file description
 * and kept by the kernel, so processes of a box exclude each other as on
 * Linux (wasi-libc has no flock; Emscripten's always succeeds). */
#include <sys/file.h>

#include "wasmbox/imports.h"

int flock(int fd, int op) { return (int)__wasmbox_ret(__wasmbox_sys_flock(fd, op)); }
