/* wasi-libc's <limits.h>, plus the limits of the one-thread pthreads of
 * the wasmbox guest library (musl's values), which wasi-libc hides. */
#ifndef WASMBOX_LIMITS_H
#define WASMBOX_LIMITS_H

#include_next <limits.h>

#if (defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) || defined(_XOPEN_SOURCE) || \
     defined(_GNU_SOURCE) || defined(_BSD_SOURCE)) &&                                \
    !defined(PTHREAD_KEYS_MAX)
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_STACK_MIN 2048
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#endif

#endif
