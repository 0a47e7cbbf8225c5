// readdir: . and .., every entry exactly once (500 files), d_type/d_ino, telldir/seekdir/rewinddir
// stability, removal during iteration.
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

#define NFILES 500

static int file_index(const char* name) {
  if (strncmp(name, "file", 4) != 0) return -1;
  char* end;
  long i = strtol(name + 4, &end, 10);
  return *end == 0 && i >= 0 && i < NFILES ? (int)i : -1;
}

static void test_small_dir(void) {
  CHECK_OK(mkdir("small", 0755));
  touch("small/reg");
  CHECK_OK(mkdir("small/sub", 0755));
  CHECK_OK(symlink("reg", "small/link"));

  DIR* d = opendir("small");
  CHECK(d != NULL);
  if (!d) return;
  int dot = 0, dotdot = 0, reg = 0, sub = 0, link = 0, other = 0;
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0) {
      dot++;
      CHECK(e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
    } else if (strcmp(e->d_name, "..") == 0) {
      dotdot++;
      CHECK(e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
    } else if (strcmp(e->d_name, "reg") == 0) {
      reg++;
      CHECK(e->d_type == DT_REG || e->d_type == DT_UNKNOWN);
      struct stat st;
      CHECK(stat("small/reg", &st) == 0 && st.st_ino == e->d_ino);
    } else if (strcmp(e->d_name, "sub") == 0) {
      sub++;
      CHECK(e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
    } else if (strcmp(e->d_name, "link") == 0) {
      link++;
      CHECK(e->d_type == DT_LNK || e->d_type == DT_UNKNOWN);
    } else {
      other++;
    }
  }
  CHECK_EQ(dot, 1);
  CHECK_EQ(dotdot, 1);
  CHECK_EQ(reg, 1);
  CHECK_EQ(sub, 1);
  CHECK_EQ(link, 1);
  CHECK_EQ(other, 0);
  CHECK(readdir(d) == NULL);
  CHECK_OK(closedir(d));

  CHECK_OK(mkdir("empty", 0755));
  d = opendir("empty");
  CHECK(d != NULL);
  if (!d) return;
  int n = 0;
  while ((e = readdir(d)) != NULL) n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  CHECK_EQ(n, 0);
  CHECK_OK(closedir(d));
}

static void test_errors(void) {
  touch("plain");
  errno = 0;
  CHECK(opendir("plain") == NULL && errno == ENOTDIR);
  errno = 0;
  CHECK(opendir("nope") == NULL && errno == ENOENT);
  errno = 0;
  CHECK(opendir("plain/x") == NULL && errno == ENOTDIR);
}

// Reads the whole directory, counting how often each fileN appears.
static int scan(DIR* d, int* seen, int* dots) {
  memset(seen, 0, NFILES * sizeof *seen);
  *dots = 0;
  int others = 0;
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    int i = file_index(e->d_name);
    if (i >= 0)
      seen[i]++;
    else if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      (*dots)++;
    else
      others++;
  }
  return others;
}

static int all_exactly_once(const int* seen) {
  for (int i = 0; i < NFILES; i++)
    if (seen[i] != 1) {
      fprintf(stderr, "  file%d seen %d times\n", i, seen[i]);
      return 0;
    }
  return 1;
}

static void test_many(void) {
  CHECK_OK(mkdir("many", 0755));
  char name[64];
  for (int i = 0; i < NFILES; i++) {
    snprintf(name, sizeof name, "many/file%d", i);
    touch(name);
  }

  static int seen[NFILES];
  int dots;
  DIR* d = opendir("many");
  CHECK(d != NULL);
  if (!d) return;
  CHECK_EQ(scan(d, seen, &dots), 0);
  CHECK_EQ(dots, 2);
  CHECK(all_exactly_once(seen));

  rewinddir(d);
  CHECK_EQ(scan(d, seen, &dots), 0);
  CHECK_EQ(dots, 2);
  CHECK(all_exactly_once(seen));
  CHECK_OK(closedir(d));
}

static void test_seekdir(void) {
  enum { N = NFILES + 2 };
  static long pos[N];
  static char names[N][NAME_MAX + 1];
  DIR* d = opendir("many");
  CHECK(d != NULL);
  if (!d) return;
  int n = 0;
  for (;;) {
    long p = telldir(d);
    struct dirent* e = readdir(d);
    if (!e || n == N) break;
    pos[n] = p;
    snprintf(names[n], sizeof names[n], "%s", e->d_name);
    n++;
  }
  CHECK_EQ(n, N);

  int ok = 1;
  int probes[] = {0, 1, 2, 17, 250, 251, N - 2, N - 1, 3, 100};
  for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
    int i = probes[k];
    if (i >= n) continue;
    seekdir(d, pos[i]);
    CHECK_EQ(telldir(d), pos[i]);
    struct dirent* e = readdir(d);
    if (!e || strcmp(e->d_name, names[i]) != 0) {
      fprintf(stderr, "  seekdir to entry %d gave %s, expected %s\n", i, e ? e->d_name : "(end)",
              names[i]);
      ok = 0;
    }
    if (i + 1 < n) {
      e = readdir(d);
      ok &= e != NULL && strcmp(e->d_name, names[i + 1]) == 0;
    }
  }
  CHECK(ok);

  rewinddir(d);
  struct dirent* e = readdir(d);
  CHECK(e != NULL && strcmp(e->d_name, names[0]) == 0);
  CHECK_OK(closedir(d));
}

static void test_remove_during_iteration(void) {
  static int seen[NFILES];
  static char removed_ahead[NFILES];
  DIR* d = opendir("many");
  CHECK(d != NULL);
  if (!d) return;
  char name[NAME_MAX + 8];
  int removed = 0, count = 0;
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    int i = file_index(e->d_name);
    if (i < 0) continue;
    seen[i]++;
    count++;
    if (count % 3 == 0 && i % 2 == 0) {
      snprintf(name, sizeof name, "many/%s", e->d_name);
      removed += unlink(name) == 0;
    }
    if (count == 100) {
      for (int j = 1; j < NFILES; j += 10) {
        if (seen[j] == 0) {
          snprintf(name, sizeof name, "many/file%d", j);
          CHECK_OK(unlink(name));
          removed_ahead[j] = 1;
        }
      }
    }
  }
  CHECK_OK(closedir(d));
  CHECK(removed > 0);
  int ok = 1;
  for (int i = 0; i < NFILES; i++) {
    // An entry removed before readdir reached it may or may not be returned; every other entry
    // exactly once.
    if (removed_ahead[i] ? seen[i] > 1 : seen[i] != 1) {
      fprintf(stderr, "  file%d seen %d times\n", i, seen[i]);
      ok = 0;
    }
  }
  CHECK(ok);

  int dots, remaining = 0;
  for (int i = 0; i < NFILES; i++) {
    snprintf(name, sizeof name, "many/file%d", i);
    remaining += access(name, F_OK) == 0;
  }
  CHECK(remaining < NFILES - 100);
  d = opendir("many");
  CHECK(d != NULL);
  if (!d) return;
  CHECK_EQ(scan(d, seen, &dots), 0);
  int listed = 0;
  for (int i = 0; i < NFILES; i++) listed += seen[i];
  CHECK_EQ(listed, remaining);
  CHECK_OK(closedir(d));
}

static void test_fdopendir(void) {
  int fd = CHECK_OK(open("small", O_RDONLY | O_DIRECTORY));
  DIR* d = fdopendir(fd);
  CHECK(d != NULL);
  if (!d) return;
  CHECK_EQ(dirfd(d), fd);
  int n = 0;
  while (readdir(d) != NULL) n++;
  CHECK_EQ(n, 5);
  CHECK_OK(closedir(d));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_small_dir();
  test_errors();
  test_many();
  test_seekdir();
  test_remove_during_iteration();
  test_fdopendir();
  return check_done();
}
