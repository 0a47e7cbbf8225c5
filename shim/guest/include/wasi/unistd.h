/* wasi-libc's <unistd.h>, plus what the wasmbox guest library adds:
 * descriptor duplication, pipes, process ids, groups and sessions, fork
 * and the exec family, lockf, user ids and file owners, the page size. */
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
int pause(void);
pid_t fork(void);
pid_t vfork(void);
int setpgid(pid_t, pid_t);
pid_t getpgid(pid_t);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t);
pid_t tcgetpgrp(int);
int tcsetpgrp(int, pid_t);
int execve(const char *, char *const[], char *const[]);
int execv(const char *, char *const[]);
int execvp(const char *, char *const[]);
int execvpe(const char *, char *const[], char *const[]);
int execl(const char *, const char *, ...);
int execle(const char *, const char *, ...);
int execlp(const char *, const char *, ...);
int lockf(int, int, off_t);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int chown(const char *, uid_t, gid_t);
int fchown(int, uid_t, gid_t);
int lchown(const char *, uid_t, gid_t);
int fchownat(int, const char *, uid_t, gid_t, int);
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int getpagesize(void);
#endif

#ifdef __cplusplus
}
#endif

#endif
