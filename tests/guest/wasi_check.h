// Checks for raw WASI calls (wasi_*.c only), which return an errno value instead of setting errno.
#ifndef WASMBOX_GUEST_WASI_CHECK_H
#define WASMBOX_GUEST_WASI_CHECK_H

#include <wasi/api.h>

#include "check.h"

static inline int check_wasi_(int got, int e1, int e2, const char* file, int line, const char* text,
                              const char* names) {
  if (got == e1 || got == e2) return 1;
  check_failures_++;
  fprintf(stderr, "FAIL %s:%d: %s: expected %s, got %s (%d)\n", file, line, text, names,
          got == 0 ? "SUCCESS" : check_errname_(got), got);
  return 0;
}

// Declares a raw import by hand, where wasi/api.h's wrappers will not do (C strings, no proc_raise,
// addresses beyond a pointer's reach).
#define WASI_IMPORT(name) \
  __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__(name)))

#define CHECK_WASI(expr, e) check_wasi_((expr), (e), (e), __FILE__, __LINE__, #expr, #e)
#define CHECK_WASI2(expr, e1, e2) \
  check_wasi_((expr), (e1), (e2), __FILE__, __LINE__, #expr, #e1 " or " #e2)
#define CHECK_WASI_OK(expr) CHECK_WASI(expr, __WASI_ERRNO_SUCCESS)
// Escaping a directory capability: runtimes report NOTCAPABLE or PERM.
#define CHECK_DENIED(expr) CHECK_WASI2(expr, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM)
// Using an fd without the needed right: BADF or NOTCAPABLE.
#define CHECK_NORIGHT(expr) CHECK_WASI2(expr, __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE)

#endif
