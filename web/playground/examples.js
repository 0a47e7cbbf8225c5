// The examples menu: each a set of files, C or C++.
export const EXAMPLES = [
  {
    title: 'Hello, world (C)',
    files: [{
      name: 'main.c',
      text: `#include <stdio.h>

int main(void) {
  printf("Hello from C, compiled and run in your browser!\\n");
  return 0;
}
`,
    }],
  },
  {
    title: 'Reading stdin (C)',
    files: [{
      name: 'main.c',
      text: `// Type lines; Ctrl-D ends the input.
#include <ctype.h>
#include <stdio.h>

int main(void) {
  char line[256];
  int lines = 0, words = 0;
  printf("Type some lines, then Ctrl-D:\\n");
  while (fgets(line, sizeof line, stdin)) {
    lines++;
    for (char *p = line; *p; p++) {
      if (!isspace((unsigned char)*p) && (p == line || isspace((unsigned char)p[-1]))) words++;
    }
  }
  printf("%d lines, %d words\\n", lines, words);
  return 0;
}
`,
    }],
  },
  {
    title: 'Files and a header (C)',
    files: [
      {
        name: 'main.c',
        text: `#include <dirent.h>
#include <stdio.h>
#include "notes.h"

int main(void) {
  write_note("notes.txt", "written by a program in the box");
  printf("read back: %s\\n", read_note("notes.txt"));
  DIR *dir = opendir(".");
  for (struct dirent *e; dir && (e = readdir(dir));) printf("  %s\\n", e->d_name);
  if (dir) closedir(dir);
  return 0;
}
`,
      },
      { name: 'notes.h', text: 'void write_note(const char *path, const char *text);\nconst char *read_note(const char *path);\n' },
      {
        name: 'notes.c',
        text: `#include <stdio.h>
#include <string.h>
#include "notes.h"

void write_note(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) return perror(path);
  fprintf(f, "%s\\n", text);
  fclose(f);
}

const char *read_note(const char *path) {
  static char buf[256];
  FILE *f = fopen(path, "r");
  if (!f || !fgets(buf, sizeof buf, f)) return "(nothing)";
  fclose(f);
  buf[strcspn(buf, "\\n")] = '\\0';
  return buf;
}
`,
      },
    ],
  },
  {
    title: 'Raw terminal keys (C)',
    files: [{
      name: 'main.c',
      text: `// Raw mode: each key as it is pressed, without echo; q quits.
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
  struct termios saved, raw;
  tcgetattr(STDIN_FILENO, &saved);
  raw = saved;
  raw.c_lflag &= ~(ICANON | ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &raw);
  printf("Press keys (q quits):\\r\\n");
  fflush(stdout);
  unsigned char c;
  while (read(STDIN_FILENO, &c, 1) == 1 && c != 'q') {
    printf("key %3d %c\\r\\n", c, c >= 32 && c < 127 ? c : ' ');
    fflush(stdout);
  }
  tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  printf("bye\\n");
  return 0;
}
`,
    }],
  },
  {
    title: 'Word count with the STL (C++)',
    files: [{
      name: 'main.cpp',
      text: `#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

int main() {
  std::string text = "the quick brown fox jumps over the lazy dog the end";
  std::map<std::string, int> counts;
  std::istringstream words(text);
  for (std::string w; words >> w;) ++counts[w];
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](auto &a, auto &b) { return a.second > b.second; });
  for (auto &[word, n] : sorted) std::cout << n << ' ' << word << '\\n';
}
`,
    }],
  },
];
