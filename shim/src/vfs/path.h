// This file defines path resolution. A path is walked one component at a
// time, symlinks resolving within the walk (at most 40 of them: ELOOP), in
// one of two modes:
// - confined (WASI): from a directory it can never leave. `..` above the
//   start, an absolute path and an absolute symlink are escapes.
// - rooted (the Linux-style ABI): from a directory whose chain up to the
//   box's root is known. `/` restarts at the root and `..` at the root
//   stays there, as in a process's own filesystem namespace.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vfs/inode.h"

namespace wb {

// The errno for a path that would leave its starting directory, as
// wasmtime answers it.
inline constexpr Errno kEscapeErrno = Errno::Perm;
inline constexpr int kMaxSymlinkHops = 40;

// A directory and its name in its parent ("" for the root).
struct DirLink {
  std::shared_ptr<Directory> dir;
  std::string name;
};
// The directories from the root down to one directory: what `..` climbs
// and getcwd names.
using DirChain = std::vector<DirLink>;

// Where a walk starts: a directory (confined) or a chain (rooted).
struct PathBase {
  PathBase(std::shared_ptr<Directory> d) : dir(std::move(d)) {}
  PathBase(const DirChain& c) : chain(&c) {}
  std::shared_ptr<Directory> dir;
  const DirChain* chain = nullptr;
};

// The absolute path a chain names ("/" for the root alone).
std::string chain_path(const DirChain& chain);

// Where a path leads.
struct PathTarget {
  // The directory holding the last component, and that component. Null and
  // empty when the path ends in "." or ".." (it names a directory itself).
  std::shared_ptr<Directory> parent;
  std::string name;
  // What the path names, or null when the last component does not exist.
  std::shared_ptr<Inode> inode;
  bool trailing_slash = false;
  // Rooted walks only: the chain of `parent`, or of `inode` itself when
  // the path ends in "." or "..".
  DirChain chain;
};

enum class Follow : bool { No = false, Yes = true };

// Resolves `path` from `base`. A final symlink is followed when `follow` is
// Yes; otherwise it is the target, trailing slash or not (so mkdir, rmdir,
// unlink and rename of "link/" act on no directory, as on Linux). A trailing
// slash after another existing non-directory is ENOTDIR.
Result<PathTarget> resolve(const PathBase& base, std::string_view path, Follow follow);

// The chain of the directory a rooted walk reached (t.inode), consuming t.
DirChain take_dir_chain(PathTarget& t);

}  // namespace wb
