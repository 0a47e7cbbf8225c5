// This file declares opening a path as a new descriptor, shared by WASI's
// path_open and the Linux-style openat: the access mode, creation,
// truncation, fd flags and the rights the descriptor holds.
#pragma once

#include "abi/call.h"
#include "vfs/vfs_ops.h"

namespace wb {

struct OpenSpec {
  OpenRequest req;  // req.write: opened for writing
  bool read = true;
  uint16_t fdflags = 0;  // APPEND | NONBLOCK
  // The rights the descriptor may hold at most, and what a directory
  // passes down to what is opened from it.
  uint64_t rights_limit = right::All;
  uint64_t dir_inheriting = right::All;
  bool cloexec = false;
};

// The rights a descriptor can ever hold for what `node` is.
uint64_t rights_for(const Inode& node);

// Sets a regular file's size through a description of its own opened for
// writing, whatever access the caller's descriptor has (O_TRUNC, truncate).
Status truncate_file(const std::shared_ptr<Inode>& file, uint64_t size);

// Opens `path` from `base`. EMFILE before anything is created when no
// descriptor is free.
Result<uint32_t> open_descriptor(Call& c, const PathBase& base, std::string_view path,
                                 const OpenSpec& spec);

}  // namespace wb
