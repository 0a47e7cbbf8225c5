// This file declares the records of the Linux-style ABI the kernel writes
// to a guest: struct stat and struct statfs, from the kernel's own Stat.
#pragma once

#include "abi/call.h"
#include "abi/linux/layout.h"
#include "vfs/inode.h"

namespace wb::sys {

// st_mode: the type's bits and fixed permissions (the box has no owners
// or modes: directories 0755, files 0644, symlinks 0777, devices 0666).
uint32_t mode_of(FileType type);
uint8_t dirent_type_of(FileType type);

Status write_stat(Call& c, GuestPtr out, const Stat& st);
// The filesystem holding `node`: EINVAL unless `size` is struct statfs's.
Status write_statfs(Call& c, GuestPtr out, uint32_t size, const Inode& node);

}  // namespace wb::sys
