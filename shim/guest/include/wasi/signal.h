/* wasi-libc's <signal.h>, plus what the wasmbox guest library adds: kill
 * and killpg. */
#ifndef WASMBOX_SIGNAL_H
#define WASMBOX_SIGNAL_H

#include_next <signal.h>

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

int kill(pid_t, int);
int killpg(pid_t, int);

#ifdef __cplusplus
}
#endif

#endif
