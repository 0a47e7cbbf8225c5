// This file defines fatal(), reached only through a kernel bug.
#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace wb {

void fatal(const char* file, int line, const char* why) {
  std::fprintf(stderr, "wasmbox kernel bug at %s:%d: %s\n", file, line, why);
  std::abort();
}

}  // namespace wb
