// This file defines fatal(), reached only through a kernel bug. It writes
// with fputs, not printf: printf's formatting would be kilobytes of the
// kernel's download for one line no one should see.
#include "base/check.h"

#include <cstdio>
#include <cstdlib>
#include <initializer_list>

namespace wb {

void fatal(const char* file, int line, const char* why) {
  char number[12];
  char* at = number + sizeof number;
  *--at = '\0';
  for (unsigned n = unsigned(line); at == number + sizeof number - 1 || n; n /= 10)
    *--at = char('0' + n % 10);
  for (const char* part :
       {"wasmbox kernel bug at ", file, ":", static_cast<const char*>(at), ": ", why, "\n"})
    std::fputs(part, stderr);
  std::abort();
}

}  // namespace wb
