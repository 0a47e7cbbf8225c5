// This file defines unpack_tar: a filesystem image (a tar archive, as
// wasmbox_add_executable's FILES packs one) unpacked into the box's tree.
#pragma once

#include <cstdint>
#include <span>

#include "vfs/vfs_ops.h"

namespace wb {

// Unpacks POSIX ustar/pax (and GNU long-name) entries into `into`:
// directories, regular files, symlinks and hard links, with their
// modification times; other kinds are skipped. Names are taken relative
// to `into` and cannot leave it. A damaged archive is EINVAL; what was
// unpacked before the damage stays.
Status unpack_tar(const DirPtr& into, std::span<const uint8_t> tar);

}  // namespace wb
