// This file defines path resolution: a path is walked one component at a
// time from a directory and can never leave it. `..` above the start, an
// absolute path and an absolute symlink are escapes; symlinks resolve
// within the walk, at most 40 of them (ELOOP).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "vfs/inode.h"

namespace wb {

// The errno for a path that would leave its starting directory, as
// wasmtime answers it.
inline constexpr Errno kEscapeErrno = Errno::Perm;
inline constexpr int kMaxSymlinkHops = 40;

// Where a path leads.
struct PathTarget {
  // The directory holding the last component, and that component. Null and
  // empty when the path ends in "." or ".." (it names a directory itself).
  std::shared_ptr<Directory> parent;
  std::string name;
  // What the path names, or null when the last component does not exist.
  std::shared_ptr<Inode> inode;
  bool trailing_slash = false;
};

enum class Follow : bool { No = false, Yes = true };

// Resolves `path` from `base`. A final symlink is followed when `follow` is
// Yes; otherwise it is the target, trailing slash or not (so mkdir, rmdir,
// unlink and rename of "link/" act on no directory, as on Linux). A trailing
// slash after another existing non-directory is ENOTDIR.
Result<PathTarget> resolve(std::shared_ptr<Directory> base, std::string_view path, Follow follow);

}  // namespace wb
