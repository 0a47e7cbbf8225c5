// Reads lines inside a function that calls setjmp, so Emscripten routes
// the reads through its invoke_ wrappers: blocking must work through them
// (under JSPI too), and "jump" longjmps back out of a nested call.
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf back;

static void check(const char* line) {
  if (strcmp(line, "jump\n") == 0) longjmp(back, 1);
}

int main(void) {
  char line[128];
  setvbuf(stdout, NULL, _IONBF, 0);
  if (setjmp(back)) printf("jumped\n");
  while (fgets(line, sizeof line, stdin)) {
    printf("got %s", line);
    check(line);
  }
  printf("eof\n");
  return 0;
}
