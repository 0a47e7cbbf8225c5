/* wasi-libc's <unistd.h>, plus what the wasmbox guest library adds:
 * descriptor duplication, pipes, process ids, fork and the exec family. */
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
pid_t fork(void);
pid_t vfork(void);
int execve(const char *, char *const[], char *const[]);
int execv(const char *, char *const[]);
int execvp(const char *, char *const[]);
int execvpe(const char *, char *const[], char *const[]);
int execl(const char *, const char *, ...);
int execle(const char *, const char *, ...);
int execlp(const char *, const char *, ...);

#ifdef __cplusplus
}
#endif

#endif
