// Exits with the status given as argv[1], or with "raise N" raises signal N
// through proc_raise (wasi-libc's raise() does not reach the host).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Debian's wasi-libc headers do not declare it.
int32_t proc_raise(int32_t sig)
    __attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")));

int main(int argc, char** argv) {
  if (argc > 2 && strcmp(argv[1], "raise") == 0) {
    int32_t e = proc_raise(atoi(argv[2]));
    return e == 0 ? 0 : 100 + e;
  }
  return argc > 1 ? atoi(argv[1]) : 0;
}
