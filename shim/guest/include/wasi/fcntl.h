/* wasi-libc's <fcntl.h>, plus the record locks it leaves out and the
 * kernel serves: F_GETLK, F_SETLK and F_SETLKW (musl's numbers where off_t
 * is 64 bits, as Emscripten sends them too) and Linux's F_OFD_* ones, on
 * wasi-libc's struct flock. */
#ifndef WASMBOX_FCNTL_H
#define WASMBOX_FCNTL_H

#include_next <fcntl.h>

#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif

#if (defined(_LARGEFILE64_SOURCE) || defined(_GNU_SOURCE)) && !defined(F_GETLK64)
#define F_GETLK64 F_GETLK
#define F_SETLK64 F_SETLK
#define F_SETLKW64 F_SETLKW
#define flock64 flock
#endif

#endif
