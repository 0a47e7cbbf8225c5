/* What posix_spawn and the exec family share: absolute paths, the search
 * of PATH. */
#include "search_path.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char* __wasmbox_absolute(const char* path) {
  if (path[0] == '/' || path[0] == '\0') return strdup(path);
  enum { kMax = 4096 };
  char* full = malloc(kMax + strlen(path) + 2);
  if (!full) return NULL;
  if (!getcwd(full, kMax)) {
    free(full);
    return NULL;
  }
  size_t n = strlen(full);
  if (n == 0 || full[n - 1] != '/') full[n++] = '/';
  strcpy(full + n, path);
  return full;
}

int __wasmbox_search_path(const char* file, int (*attempt)(const char* path, void* ctx),
                          void* ctx) {
  if (strchr(file, '/')) return attempt(file, ctx);
  if (!*file) return ENOENT;
  const char* path = getenv("PATH");
  if (!path) path = "/usr/local/bin:/bin:/usr/bin";
  size_t flen = strlen(file);
  int seen_eacces = 0, r = ENOENT;
  for (const char* p = path;; ++p) {
    const char* end = strchr(p, ':');
    size_t dlen = end ? (size_t)(end - p) : strlen(p);
    char* full = malloc(dlen + flen + 2);
    if (!full) return ENOMEM;
    memcpy(full, p, dlen);
    full[dlen] = '/';
    memcpy(full + dlen + (dlen > 0), file, flen + 1);
    r = attempt(full, ctx);
    free(full);
    if (r == 0) return 0;
    if (r == EACCES)
      seen_eacces = 1;
    else if (r != ENOENT && r != ENOTDIR)
      return r;
    if (!end) break;
    p = end;
  }
  return seen_eacces ? EACCES : r;
}
