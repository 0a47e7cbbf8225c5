// This file declares the operations on an open file that every ABI shares
// once its descriptor is looked up: size, space, sync, status flags.
// Arguments are already decoded; limits common to all ABIs are checked here.
#pragma once

#include <cstdint>

#include "fd/open_file.h"

namespace wb::ops {

// The largest offset a file can have (Linux's MAX_LFS_FILESIZE).
inline constexpr uint64_t kMaxOffset = uint64_t(INT64_MAX);

// The file's current size (the end, for APPEND).
Result<uint64_t> file_size(OpenFile& of);

// Sets a regular file's size: EFBIG past kMaxOffset.
Status set_size(OpenFile& of, uint64_t size);

// Makes [offset, offset + len) part of the file, growing it if needed:
// EINVAL for an empty range, EFBIG when it ends past kMaxOffset.
Status allocate(OpenFile& of, uint64_t offset, uint64_t len);

// Advice only (the box keeps no cache): EINVAL when offset + len wraps.
Status advise(uint64_t offset, uint64_t len);

// Changes the status flags in `mask` to those in `flags` (APPEND, NONBLOCK).
void set_status_flags(OpenFile& of, uint16_t flags, uint16_t mask);

}  // namespace wb::ops
