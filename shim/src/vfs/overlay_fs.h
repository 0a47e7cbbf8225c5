// This file defines make_overlay: a writable directory over read-only
// ones, as Linux's overlayfs and container images layer them. A name is
// the upper layer's if it has it, else the first lower layer's; folders
// of the same name merge. A change goes to the upper layer: a file or
// symlink of a lower layer is first copied up (with its parents), a name
// removed from a lower layer is hidden by a whiteout, and a folder made
// where a lower one was removed is opaque. Whiteouts are entries of the
// upper layer named ".wh.NAME", an opaque folder holds ".wh..wh..opq", as
// in OCI image layers, so an upper layer kept in a store keeps the
// changes on their own. Renaming a folder that has lower contents is
// EXDEV (mv copies then), as on Linux without redirect_dir.
#pragma once

#include <cstdint>
#include <vector>

#include "vfs/vfs_ops.h"

namespace wb {

inline constexpr std::string_view kWhiteoutPrefix = ".wh.";
inline constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";

// The overlay of `upper` over `lowers` (the first on top), its inodes on
// device `dev`. Names starting with ".wh." cannot be made in it.
DirPtr make_overlay(DirPtr upper, std::vector<DirPtr> lowers, uint64_t dev);

}  // namespace wb
