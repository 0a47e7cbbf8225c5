// This file defines the path operations of the filesystem: the POSIX rules
// for open, mkdir, rmdir, unlink, rename, link, symlink, readlink, stat and
// utimes, checked here once for every backend.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
  // The permission bits a file it creates gets, if not the default.
  std::optional<uint32_t> perm;
};

struct Opened {
  std::shared_ptr<Inode> inode;
  bool created = false;
  // A directory reached by a rooted walk: its chain from the root.
  DirChain chain;
};

Result<Opened> open_path(const PathBase& base, std::string_view path, const OpenRequest& req);
Status make_dir(const PathBase& base, std::string_view path,
                std::optional<uint32_t> perm = std::nullopt);
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
// Makes the directories above the last component of `path` (mkdir -p of
// its parent).
Status make_parents(const PathBase& base, std::string_view path);
// The names in `dir` but "." and "..", sorted.
Result<std::vector<std::string>> entry_names(const DirPtr& dir);
// Writes `data` as the whole content of the regular file `path`, created
// (with `perm`, if given) or truncated; its parent must exist. Never waits:
// a file that would make it wait is an I/O error.
Status write_file(const PathBase& base, std::string_view path, std::span<const uint8_t> data,
                  std::optional<uint32_t> perm = std::nullopt);
// chmod of what `path` names.
Status set_perm_path(const PathBase& base, std::string_view path, Follow follow, uint32_t perm);
Status set_times_path(const PathBase& base, std::string_view path, Follow follow,
                      const TimeChange& change);

}  // namespace wb
