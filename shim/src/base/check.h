// This file defines the checks for kernel bugs. No guest input may reach
// them: a guest error is an Errno, never a failed check.
#pragma once

namespace wb {
[[noreturn]] void fatal(const char* file, int line, const char* why);
}

// An invariant of the kernel itself; trips only on a kernel bug.
#define WB_CHECK(cond, why)                              \
  do {                                                   \
    if (!(cond)) ::wb::fatal(__FILE__, __LINE__, (why)); \
  } while (0)

#define WB_UNREACHABLE(why) ::wb::fatal(__FILE__, __LINE__, (why))
