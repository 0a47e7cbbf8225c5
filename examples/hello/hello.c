// hello: greets, then shows the box's filesystem at work (a file written,
// read back and listed).
#include <dirent.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  const char* who = argc > 1 ? argv[1] : "world";
  printf("Hello, %s, from inside the box!\n", who);

  FILE* f = fopen("/tmp/greeting.txt", "w");
  if (!f) {
    perror("cannot write /tmp/greeting.txt (run with --root or --dir HOST::/tmp)");
    return 1;
  }
  fprintf(f, "greetings to %s\n", who);
  fclose(f);

  char line[256] = "";
  f = fopen("/tmp/greeting.txt", "r");
  if (f && fgets(line, sizeof line, f)) printf("/tmp/greeting.txt says: %s", line);
  if (f) fclose(f);

  DIR* d = opendir("/");
  if (d) {
    printf("the box's / holds:");
    for (struct dirent* e; (e = readdir(d));)
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) printf(" %s", e->d_name);
    printf("\n");
    closedir(d);
  }
  return 0;
}
