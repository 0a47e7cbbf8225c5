// Echoes each stdin line at once, prefixed: shows input reaches the guest
// line by line and output is not held back until exit.
#include <stdio.h>

int main(void) {
  char line[4096];
  setvbuf(stdout, NULL, _IONBF, 0);
  while (fgets(line, sizeof line, stdin)) printf("got: %s", line);
  printf("eof\n");
  return 0;
}
