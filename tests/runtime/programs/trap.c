// Traps in a named function: "unreachable", or a stack overflow with "deep".
#include <string.h>

__attribute__((noinline)) void crash_here(void) { __builtin_trap(); }

__attribute__((noinline)) int recurse(volatile int n) { return n == -1 ? 0 : recurse(n + 1) + 1; }

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "deep") == 0) return recurse(0);
  crash_here();
  return 0;
}
