/* A failed assert, for Emscripten, whose standalone one ends the program
 * with its abort(), _Exit(1): musl's message, then SIGABRT, so that a
 * shell sees status 134 as natively. */
#include <assert.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

_Noreturn void __assert_fail(const char* expr, const char* file, int line, const char* func) {
  fprintf(stderr, "Assertion failed: %s (%s: %s: %d)\n", expr, file, func, line);
  raise(SIGABRT);
  _Exit(128 + SIGABRT); /* a handler returned */
}
