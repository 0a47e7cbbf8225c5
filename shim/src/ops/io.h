// This file declares the data path of every ABI's read and write calls:
// scatter and gather between guest iovecs and a file, at the description's
// offset or at a given position.
#pragma once

#include <optional>

#include "abi/call.h"
#include "base/blocking.h"

namespace wb::ops {

// Reads from `of` at `offset` (streams ignore it) into the iovecs at
// `iovs`. Bytes read, or the error of the first read; "would block"
// records on the process what it waits for.
Blocking<uint64_t> read_iovecs(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                               uint64_t offset);
// Writes the iovecs to `of` at `offset`.
Blocking<uint64_t> write_iovecs(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                                uint64_t offset);

// A read at the description's offset, advanced by what was read (read,
// readv), or at position `at` (pread: ESPIPE on a stream, EINVAL past the
// largest offset).
Blocking<uint64_t> read(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                        std::optional<uint64_t> at);
// A write, likewise; with APPEND, at the end of the file (pwrite too, as
// on Linux). A write to a pipe with no reader raises SIGPIPE in a
// Linux-ABI program (Process::linux_signals).
Blocking<uint64_t> write(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                         std::optional<uint64_t> at);

}  // namespace wb::ops
