/* wasi-libc's <sys/stat.h>, plus what the wasmbox guest library adds: the
 * chmod family (the kernel keeps the mode, for access(X_OK) and for
 * Emscripten programs' stat; wasi-libc's stat has no permission bits) and
 * umask. */
#ifndef WASMBOX_SYS_STAT_H
#define WASMBOX_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

int chmod(const char*, mode_t);
int fchmod(int, mode_t);
int fchmodat(int, const char*, mode_t, int);
mode_t umask(mode_t);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int lchmod(const char*, mode_t);
#endif

#ifdef __cplusplus
}
#endif

#endif
