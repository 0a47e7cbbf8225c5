/* flockfile and its kin for wasi-libc, which declares them only with
 * _REENTRANT and has none: a process of the box has one thread, which
 * always holds every stream's lock. */
#include <stdio.h>

void flockfile(FILE* f) { (void)f; }
int ftrylockfile(FILE* f) { return (void)f, 0; }
void funlockfile(FILE* f) { (void)f; }
