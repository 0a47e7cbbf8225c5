/* The kernel's working directory of the process, for a libc that keeps
 * its own (wasi-libc): told to the kernel before a child is made, so that
 * the child starts in the directory its parent is in. */
#ifndef WASMBOX_CWD_H
#define WASMBOX_CWD_H

#ifdef __wasi__
void __wasmbox_share_cwd(void);
#else
/* Emscripten's chdir is the kernel's. */
static inline void __wasmbox_share_cwd(void) {}
#endif

#endif
