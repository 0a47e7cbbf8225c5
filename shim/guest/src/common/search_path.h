/* This file declares what posix_spawn and the exec family share: a
 * NULL-terminated array's length, a program's absolute path, and the
 * search of PATH for a name without a slash. */
#ifndef WASMBOX_SEARCH_PATH_H
#define WASMBOX_SEARCH_PATH_H

#include <stdint.h>

static inline uint32_t __wasmbox_count(char* const* list) {
  uint32_t n = 0;
  while (list && list[n]) ++n;
  return n;
}

/* `path` from the working directory as libc knows it (wasi-libc keeps its
 * own; the kernel resolves from the process's): a malloc'd copy, NULL with
 * errno ENOMEM or getcwd's error. */
char* __wasmbox_absolute(const char* path);

/* Tries `attempt(path, ctx)` (an errno, 0 on success) with `file` itself
 * when it has a slash, else in each directory of PATH in turn, as execvp:
 * the first success, an error other than ENOENT/ENOTDIR/EACCES at once,
 * else EACCES if some candidate was refused, else the last error. */
int __wasmbox_search_path(const char* file, int (*attempt)(const char* path, void* ctx), void* ctx);

#endif
