/* wasi-libc's <stdlib.h>, plus what the wasmbox guest library adds:
 * temporary files and directories, and realpath (the box has absolute
 * paths, which wasi-libc resolves through its preopened directories). */
#ifndef WASMBOX_STDLIB_H
#define WASMBOX_STDLIB_H

#include_next <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) || defined(_XOPEN_SOURCE) || \
    defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
int mkstemp(char*);
int mkostemp(char*, int);
char* mkdtemp(char*);
#endif

#if defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
char* realpath(const char* __restrict, char* __restrict);
#endif

#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
char* mktemp(char*);
int mkstemps(char*, int);
int mkostemps(char*, int, int);
#endif

#if defined(_LARGEFILE64_SOURCE) || defined(_GNU_SOURCE)
#define mkstemp64 mkstemp
#define mkostemp64 mkostemp
#define mkstemps64 mkstemps
#define mkostemps64 mkostemps
#endif

#ifdef __cplusplus
}
#endif

#endif
