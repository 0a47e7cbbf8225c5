/* wasi-libc's <unistd.h>, plus what the wasmbox guest library adds:
 * descriptor duplication, pipes and process ids. */
#ifndef WASMBOX_UNISTD_H
#define WASMBOX_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

int pipe(int[2]);
int pipe2(int[2], int);
int dup(int);
int dup2(int, int);
int dup3(int, int, int);
pid_t getppid(void);

#ifdef __cplusplus
}
#endif

#endif
