// This file defines the path operations of the filesystem: the POSIX rules
// for open, mkdir, rmdir, unlink, rename, link, symlink, readlink, stat and
// utimes, checked here once for every backend.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "vfs/path.h"

namespace wb {

using DirPtr = std::shared_ptr<Directory>;

struct OpenRequest {
  bool create = false;
  bool exclusive = false;
  bool truncate = false;
  bool directory = false;  // must be a directory
  bool write = false;      // opened for writing
  Follow follow = Follow::Yes;
};

struct Opened {
  std::shared_ptr<Inode> inode;
  bool created = false;
  // A directory reached by a rooted walk: its chain from the root.
  DirChain chain;
};

Result<Opened> open_path(const PathBase& base, std::string_view path, const OpenRequest& req);
Status make_dir(const PathBase& base, std::string_view path);
// mkdir -p: creates each directory of `path` that does not exist yet.
Status make_dirs(const PathBase& base, std::string_view path);
Status remove_dir(const PathBase& base, std::string_view path);
Status unlink_file(const PathBase& base, std::string_view path);
Status rename_path(const PathBase& from_base, std::string_view from, const PathBase& to_base,
                   std::string_view to);
Status link_path(const PathBase& from_base, std::string_view from, Follow follow,
                 const PathBase& to_base, std::string_view to);
Status make_symlink(std::string_view target, const PathBase& base, std::string_view path);
Result<std::string> read_link(const PathBase& base, std::string_view path);
Result<Stat> stat_path(const PathBase& base, std::string_view path, Follow follow);
Status set_times_path(const PathBase& base, std::string_view path, Follow follow,
                      const TimeChange& change);

}  // namespace wb
