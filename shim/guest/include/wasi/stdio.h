/* wasi-libc's <stdio.h>, plus popen and pclose from the wasmbox guest
 * library. */
#ifndef WASMBOX_STDIO_H
#define WASMBOX_STDIO_H

#include_next <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

FILE *popen(const char *, const char *);
int pclose(FILE *);

#ifdef __cplusplus
}
#endif

#endif
