/* wasi-libc's <stdio.h>, plus popen, pclose and the stream locks from the
 * wasmbox guest library, and its tmpfile: wasi-libc declares one deprecated ("not
 * defined on WASI"), under another name here so that the warning does not
 * stick to ours. */
#ifndef WASMBOX_STDIO_H
#define WASMBOX_STDIO_H

#pragma push_macro("tmpfile") /* a program's own (gnulib's rpl_tmpfile) */
#undef tmpfile
#define tmpfile __wasmbox_wasilibc_tmpfile
#include_next <stdio.h>
#undef tmpfile
#pragma pop_macro("tmpfile")

#ifdef __cplusplus
extern "C" {
#endif

FILE* popen(const char*, const char*);
int pclose(FILE*);
FILE* tmpfile(void);
#ifndef _REENTRANT
void flockfile(FILE*);
int ftrylockfile(FILE*);
void funlockfile(FILE*);
#endif

#ifdef __cplusplus
}
#endif

#endif
