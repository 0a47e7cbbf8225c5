// This file defines the one descriptor lookup every operation starts from:
// what the operation needs of a descriptor (its kind, access mode and
// rights) and the errno each unmet need gives, checked in one fixed order
// (the model is uvwasi's fd_table_get). The ABIs differ only in which errno
// they choose: wasmtime's for WASI, Linux's for the Linux-style ABI.
#pragma once

#include <cstdint>
#include <utility>

#include "fd/fd_table.h"

namespace wb {
class Kernel;
}

namespace wb::ops {

// Errno::Success in an `if_*` field means "allowed".
struct Need {
  // ENOTCAPABLE unless the descriptor holds all of them.
  uint64_t rights = 0;
  Errno if_directory = Errno::Success;
  Errno if_not_directory = Errno::Success;
  // A file without a position: a pipe, a terminal, a host stream.
  Errno if_stream = Errno::Success;
  // The access mode the description was opened with.
  bool read = false;
  bool write = false;
  Errno if_no_access = Errno::Badf;
};

// EBADF for a descriptor that is not open; then, in this order, the
// answers for a directory or a non-directory, for a stream, for the
// access mode, and ENOTCAPABLE for missing rights.
Result<FdEntry*> lookup(FdTable& fds, uint32_t fd, const Need& need);
// The same checks on a descriptor already looked up (a call whose needs
// depend on its arguments, as fcntl's on its command).
Status check(const FdEntry& e, const Need& need);

// The open file description behind a descriptor that meets `need`.
inline Result<OpenFile*> open_file(FdTable& fds, uint32_t fd, const Need& need) {
  WB_ASSIGN(FdEntry * e, lookup(fds, fd, need));
  return e->file.get();
}

// dup3: `to` becomes a copy of `from`, closing what it held (EBADF for a
// closed `from`, then EINVAL when they are the same).
Status dup3(FdTable& fds, uint32_t from, uint32_t to, bool cloexec);

// A new pipe as two descriptors, its read end and its write end, each with
// the rights of its side. Nothing stays open when either fails.
Result<std::pair<uint32_t, uint32_t>> open_pipe(Kernel& kernel, FdTable& fds);

}  // namespace wb::ops
