/* realpath for wasi-libc, which has none: the path walked one component at
 * a time from / (a relative one after getcwd's), each checked with lstat and each symbolic
 * link's target spliced in with readlink, as musl does it without /proc.
 * Errors as Linux's: ENOENT for a missing component, ENOTDIR for a file
 * followed by a slash, ELOOP after 40 links, ENAMETOOLONG past PATH_MAX. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_LINKS = 40 };

char* realpath(const char* restrict path, char* restrict resolved) {
  /* `rest`: what is left to walk; `out`: the resolved prefix, always
   * absolute, without a trailing slash except for "/". */
  char rest[PATH_MAX], out[PATH_MAX];
  if (!path) {
    errno = EINVAL;
    return NULL;
  }
  if (!*path) {
    errno = ENOENT;
    return NULL;
  }
  /* A relative path is walked from the working directory, which is walked
   * too: wasi-libc's is only joined as strings (".." and symlinks kept). */
  size_t at = 0;
  if (path[0] != '/') {
    if (!getcwd(rest, sizeof rest)) {
      if (errno == ERANGE) errno = ENAMETOOLONG;
      return NULL;
    }
    at = strlen(rest);
    rest[at++] = '/';
  }
  size_t len = strnlen(path, PATH_MAX);
  if (at + len >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return NULL;
  }
  memcpy(rest + at, path, len + 1);
  strcpy(out, "/");
  size_t n = 1;
  int links = 0;
  char* p = rest;
  while (*p) {
    while (*p == '/') ++p;
    size_t c = strcspn(p, "/");
    if (c == 0) break;
    char* next = p + c;
    if (c == 1 && p[0] == '.') {
      p = next;
      continue;
    }
    if (c == 2 && p[0] == '.' && p[1] == '.') {
      while (n > 1 && out[n - 1] != '/') --n;
      if (n > 1) --n;
      out[n] = 0;
      p = next;
      continue;
    }
    /* out + "/" + component */
    size_t before = n;
    if (n + (n > 1) + c >= sizeof out) {
      errno = ENAMETOOLONG;
      return NULL;
    }
    if (n > 1) out[n++] = '/';
    memcpy(out + n, p, c);
    n += c;
    out[n] = 0;
    struct stat st;
    if (lstat(out, &st) < 0) return NULL;
    if (S_ISLNK(st.st_mode)) {
      if (++links > MAX_LINKS) {
        errno = ELOOP;
        return NULL;
      }
      /* The target goes where the component was, in front of what
       * follows it: the rest moves to the end of `rest` first. */
      size_t tail = strlen(next);
      char* moved = rest + sizeof rest - tail - 1;
      memmove(moved, next, tail + 1);
      ssize_t k = readlink(out, rest, (size_t)(moved - rest));
      if (k < 0) return NULL;
      if ((size_t)k == (size_t)(moved - rest)) {
        errno = ENAMETOOLONG;
        return NULL;
      }
      if (k == 0) {
        errno = ENOENT;
        return NULL;
      }
      memmove(rest + k, moved, tail + 1);
      if (rest[0] == '/') {
        n = 1;
      } else {
        n = before;
      }
      out[n] = 0;
      p = rest;
      continue;
    }
    /* A component followed by a slash must be a directory. */
    if (*next && !S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return NULL;
    }
    p = next;
  }
  if (!resolved) return strdup(out);
  return strcpy(resolved, out);
}
