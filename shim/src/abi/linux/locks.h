// This file declares fcntl's record-lock commands, which fcntl64 hands to
// locks.cpp (flock(2), an export of its own, is in linux.h).
#pragma once

#include "abi/linux/linux.h"

namespace wb::sys {

// A F_*LK command (F_GETLK, F_SETLK, F_SETLKW, their 32-bit Linux and
// F_OFD_* numbers) on the struct flock at `flock`, for descriptor `e`.
SysBlocking record_lock(Call& c, FdEntry& e, u32 cmd, P flock);

}  // namespace wb::sys
