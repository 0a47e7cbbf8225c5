// This file declares the records of the Linux-style ABI the kernel writes
// to a guest: struct stat and struct statfs, from the kernel's own Stat.
#pragma once

#include "abi/call.h"
#include "abi/linux/layout.h"
#include "vfs/inode.h"

namespace wb::sys {

// st_mode: the type's bits and the permissions chmod set, else the
// type's (directories 0755, files 0644, symlinks 0777, devices 0666).
uint32_t mode_of(const Stat& st);
// The process's umask: the box has one user, and keeps Linux's default.
inline constexpr uint32_t kUmask = 022;
uint8_t dirent_type_of(FileType type);

Status write_stat(Call& c, GuestPtr out, const Stat& st);
// The filesystem holding `node`: EINVAL unless `size` is struct statfs's.
Status write_statfs(Call& c, GuestPtr out, uint32_t size, const Inode& node);

}  // namespace wb::sys
