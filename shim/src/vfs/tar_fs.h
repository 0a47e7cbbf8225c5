// This file defines make_tar_fs: a tar archive as a read-only filesystem,
// read in place. Its index is read once into a tree; a file's bytes are
// the archive's own, lent to the data path (no second copy), and every
// change answers EROFS.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/bytes.h"
#include "vfs/image_fs.h"
#include "vfs/vfs_ops.h"

namespace wb {

// The root of the filesystem in `tar` (ustar, pax or GNU), whose inodes
// have device number `dev`: directories, regular files, symlinks and hard
// links with their permission bits and times; other kinds are left out. A
// damaged archive, or a name that would leave the root (".."), is EINVAL.
Result<DirPtr> make_tar_fs(Bytes tar, uint64_t dev);
// The same, read where it is (a file, a URL): its headers at the mount,
// 64 KiB at a time, and a file's bytes when first read; what was read is
// kept. An archive cut short reads as EIO past its end.
Result<DirPtr> make_lazy_tar_fs(std::unique_ptr<ImageData> data, uint64_t dev);

}  // namespace wb
