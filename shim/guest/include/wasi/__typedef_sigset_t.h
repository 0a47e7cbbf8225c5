/* sigset_t as musl's, with room for every signal: wasi-libc's own header of
 * this name (which its <signal.h>, <poll.h> and <sys/select.h> include)
 * has a one-byte placeholder. */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

typedef struct __sigset_t {
  unsigned long __bits[128 / sizeof(long)];
} sigset_t;

#endif
