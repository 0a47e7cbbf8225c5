/* Temporary files and directories for wasi-libc, which has none (the box
 * has /tmp): the XXXXXX templates of mkstemp and its family, with random
 * names from getentropy, and tmpfile, a file in $TMPDIR or /tmp unlinked
 * as soon as it is open. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* As musl: that many names are tried before EEXIST is given up on. */
enum { TRIES = 100 };

/* The XXXXXX before the last `suffix` characters of `t`, or NULL with
 * errno EINVAL. */
static char* placeholder(char* t, int suffix) {
  size_t len = strlen(t);
  if (suffix < 0 || (size_t)suffix > len || len - (size_t)suffix < 6 ||
      memcmp(t + len - suffix - 6, "XXXXXX", 6)) {
    errno = EINVAL;
    return NULL;
  }
  return t + len - suffix - 6;
}

/* Six random letters and digits in x. */
static int randomize(char* x) {
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char r[6];
  if (getentropy(r, sizeof r) != 0) return -1;
  for (int i = 0; i < 6; ++i) x[i] = chars[r[i] % (sizeof chars - 1)];
  return 0;
}

/* Calls make(template) with new names until it fails with anything but
 * EEXIST; on failure the template is left as it was. */
static int try_names(char* t, int suffix, int (*make)(const char*, int), int arg) {
  char* x = placeholder(t, suffix);
  if (!x) return -1;
  for (int i = 0; i < TRIES; ++i) {
    if (randomize(x) != 0) break;
    int r = make(t, arg);
    if (r >= 0) return r;
    if (errno != EEXIST) break;
  }
  memcpy(x, "XXXXXX", 6);
  return -1;
}

static int make_file(const char* path, int flags) {
  return open(path, flags | O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int make_dir(const char* path, int unused) {
  (void)unused;
  return mkdir(path, 0700);
}

/* The access mode is always O_RDWR, as in musl. */
int mkostemps(char* t, int suffix, int flags) {
  return try_names(t, suffix, make_file, flags & ~O_ACCMODE);
}

int mkstemps(char* t, int suffix) { return mkostemps(t, suffix, 0); }
int mkostemp(char* t, int flags) { return mkostemps(t, 0, flags); }
int mkstemp(char* t) { return mkostemps(t, 0, 0); }

char* mkdtemp(char* t) { return try_names(t, 0, make_dir, 0) < 0 ? NULL : t; }

/* mktemp: a name that does not exist yet, or the empty string. */
static int absent(const char* path, int unused) {
  (void)unused;
  struct stat st;
  if (lstat(path, &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  return errno == ENOENT ? 0 : -1;
}

char* mktemp(char* t) {
  if (try_names(t, 0, absent, 0) < 0) *t = 0;
  return t;
}

FILE* tmpfile(void) {
  const char* dirs[] = {getenv("TMPDIR"), "/tmp"};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; ++i) {
    if (!dirs[i] || !*dirs[i]) continue;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/tmpfXXXXXX", dirs[i]) >= (int)sizeof path) continue;
    int fd = mkstemp(path);
    if (fd < 0) continue;
    unlink(path);
    FILE* f = fdopen(fd, "w+");
    if (f) return f;
    close(fd);
    return NULL;
  }
  return NULL;
}
