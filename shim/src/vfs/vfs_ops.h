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
};

Result<Opened> open_path(const DirPtr& base, std::string_view path, const OpenRequest& req);
Status make_dir(const DirPtr& base, std::string_view path);
Status remove_dir(const DirPtr& base, std::string_view path);
Status unlink_file(const DirPtr& base, std::string_view path);
Status rename_path(const DirPtr& from_base, std::string_view from, const DirPtr& to_base,
                   std::string_view to);
Status link_path(const DirPtr& from_base, std::string_view from, Follow follow,
                 const DirPtr& to_base, std::string_view to);
Status make_symlink(std::string_view target, const DirPtr& base, std::string_view path);
Result<std::string> read_link(const DirPtr& base, std::string_view path);
Result<Stat> stat_path(const DirPtr& base, std::string_view path, Follow follow);
Status set_times_path(const DirPtr& base, std::string_view path, Follow follow,
                      const TimeChange& change);

}  // namespace wb
