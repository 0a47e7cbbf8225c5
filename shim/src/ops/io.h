// This file declares the data path shared by fd_read/fd_pread/
// fd_write/fd_pwrite (and later Emscripten's readv/writev): scatter and
// gather between guest iovecs and a file, one copy per byte each way.
#pragma once

#include <optional>

#include "abi/call.h"

namespace wb {

// Reads from `of` at `offset` (streams ignore it) into the iovecs at
// `iovs`. Bytes read, or the error of the first read; Errno::WouldBlock
// records on the process what it waits for.
Result<uint64_t> read_iovecs(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                             uint64_t offset);
// Writes the iovecs to `of` at `offset`.
Result<uint64_t> write_iovecs(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                              uint64_t offset);

// The end of the file (for APPEND).
Result<uint64_t> file_size(OpenFile& of);

}  // namespace wb
