// sort: reads lines from stdin and writes them sorted, like sort(1).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

int main(void) {
  size_t count = 0, capacity = 1024;
  char** lines = malloc(capacity * sizeof *lines);
  char* line = NULL;
  size_t size = 0;
  ssize_t n;
  while (lines && (n = getline(&line, &size, stdin)) >= 0) {
    if (n > 0 && line[n - 1] == '\n') line[n - 1] = '\0';
    if (count == capacity) lines = realloc(lines, (capacity *= 2) * sizeof *lines);
    if (lines) lines[count++] = strdup(line);
  }
  if (!lines) {
    fputs("sort: out of memory\n", stderr);
    return 1;
  }
  qsort(lines, count, sizeof *lines, compare);
  for (size_t i = 0; i < count; i++) puts(lines[i]);
  return 0;
}
