// fortune: prints one saying from /share/fortunes, a file that comes with
// the program (wasmbox_add_executable's FILES) rather than from the host.
// Sayings are separated by lines holding a single "%". `fortune N` prints
// the Nth; otherwise one is picked at random.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SAYINGS 256

int main(int argc, char** argv) {
  FILE* f = fopen("/share/fortunes", "r");
  if (!f) {
    perror("fortune: /share/fortunes");
    return 1;
  }
  static char text[1 << 16];
  const size_t len = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[len] = '\0';

  char* sayings[MAX_SAYINGS];
  int count = 0;
  for (char* s = text; s && *s && count < MAX_SAYINGS;) {
    char* end = strstr(s, "\n%\n");
    if (end) *end = '\0';
    sayings[count++] = s;
    s = end ? end + 3 : NULL;
  }
  if (count == 0) {
    fprintf(stderr, "fortune: no sayings\n");
    return 1;
  }
  srand((unsigned)time(NULL));
  const int pick = argc > 1 ? atoi(argv[1]) : rand();
  printf("%s\n", sayings[(pick % count + count) % count]);
  return 0;
}
