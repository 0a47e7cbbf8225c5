// Writes N MiB (argv[1], default 1) of numbered 64-byte lines to stdout,
// then says how much: a program that prints a lot.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  const long mib = argc > 1 ? atol(argv[1]) : 1;
  const long lines = mib * 1024 * 1024 / 64;
  for (long i = 0; i < lines; i++) printf("%08ld %054d\n", i, 0);
  fflush(stdout);
  fprintf(stderr, "flood: %ld bytes written\n", lines * 64);
  return 0;
}
