/* getpagesize for wasi-libc, which hides it: WebAssembly's 64 KiB page,
 * as wasi-libc's sysconf(_SC_PAGESIZE) and PAGESIZE say. */
#include <unistd.h>

int getpagesize(void) { return (int)sysconf(_SC_PAGESIZE); }
