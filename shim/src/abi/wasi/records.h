// This file declares helpers shared by the fd_* and path_* handlers.
#pragma once

#include "abi/call.h"

namespace wb::wasi {

// Writes a 64-byte filestat.
Errno write_filestat(Call& c, GuestPtr out, const Stat& st);
// Decodes fstflags and times; EINVAL for a time given both ways.
Result<TimeChange> time_change(Host& host, uint64_t atim, uint64_t mtim, uint32_t flags);

}  // namespace wb::wasi
