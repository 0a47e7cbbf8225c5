// Computes forever without calling the system: only an interrupt stops it.
// With an argument N, first prints N numbered lines at once (output a
// program wrote before it got busy must still show).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  const int lines = argc > 1 ? atoi(argv[1]) : 0;
  for (int i = 1; i <= lines; i++) printf("line %d\n", i);
  fflush(stdout);
  volatile unsigned long n = 0;
  for (;;) n++;
}
