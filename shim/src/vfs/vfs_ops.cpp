// This file defines the path operations on top of resolve() and the
// Directory primitives.
#include "vfs/vfs_ops.h"

#include <algorithm>
#include <vector>

#include "fd/open_file.h"

namespace wb {
namespace {

// The path must name an existing entry (not "." or "..").
Result<PathTarget> existing_entry(const PathBase& base, std::string_view path, Follow follow,
                                  Errno if_dot) {
  WB_ASSIGN(PathTarget t, resolve(base, path, follow));
  if (!t.parent) return if_dot;
  if (!t.inode) return Errno::NoEnt;
  return t;
}

// The path must name a new entry: its parent exists, the name does not.
Result<PathTarget> new_entry(const PathBase& base, std::string_view path) {
  WB_ASSIGN(PathTarget t, resolve(base, path, Follow::No));
  if (!t.parent || t.inode) return Errno::Exist;
  return t;
}

// Backends may hand out a fresh object per lookup: identity is (dev, ino).
bool same_inode(const std::shared_ptr<Inode>& a, const std::shared_ptr<Inode>& b) {
  return a && b && a->dev() == b->dev() && a->ino() == b->ino();
}

}  // namespace

Result<Opened> open_path(const PathBase& base, std::string_view path, const OpenRequest& req) {
  // O_CREAT|O_EXCL fails on any existing name, a symlink included (POSIX).
  const bool exclusive = req.create && req.exclusive;
  WB_ASSIGN(PathTarget t, resolve(base, path, exclusive ? Follow::No : req.follow));
  Opened out;
  if (!t.inode) {
    if (!req.create) return Errno::NoEnt;
    if (t.trailing_slash || req.directory) return Errno::IsDir;
    WB_ASSIGN(out.inode, t.parent->create_file(t.name));
    if (req.perm) WB_TRY(out.inode->set_perm(*req.perm));
    out.created = true;
    return out;
  }
  if (req.create && req.exclusive) return Errno::Exist;
  if (req.create && t.inode->is_dir()) return Errno::IsDir;
  if (t.inode->is_symlink()) return req.directory ? Errno::NotDir : Errno::Loop;
  if (req.directory && !t.inode->is_dir()) return Errno::NotDir;
  if (t.inode->is_dir() && (req.write || req.truncate)) return Errno::IsDir;
  if (t.inode->is_dir() && base.chain) {
    out.inode = t.inode;
    out.chain = take_dir_chain(t);
    return out;
  }
  out.inode = std::move(t.inode);
  return out;
}

Status make_dir(const PathBase& base, std::string_view path, std::optional<uint32_t> perm) {
  WB_ASSIGN(PathTarget t, new_entry(base, path));
  WB_TRY(t.parent->make_dir(t.name));
  if (!perm) return Errno::Success;
  WB_ASSIGN(auto made, t.parent->lookup(t.name));
  return made->set_perm(*perm);
}

Status make_dirs(const PathBase& base, std::string_view path) {
  for (size_t slash = path.find('/');; slash = path.find('/', slash + 1)) {
    const Status s = make_dir(base, path.substr(0, slash));
    if (s != Errno::Success && s != Errno::Exist) return s;
    if (slash == std::string_view::npos) return Errno::Success;
  }
}

Status remove_dir(const PathBase& base, std::string_view path) {
  WB_ASSIGN(PathTarget t, resolve(base, path, Follow::No));
  if (!t.parent) return Errno::Inval;  // "." or ".."
  if (t.parent->read_only()) return Errno::Rofs;
  if (!t.inode) return Errno::NoEnt;
  if (!t.inode->is_dir()) return Errno::NotDir;
  WB_ASSIGN(bool empty, static_cast<Directory&>(*t.inode).empty());
  if (!empty) return Errno::NotEmpty;
  return t.parent->remove_dir(t.name);
}

Status unlink_file(const PathBase& base, std::string_view path) {
  WB_ASSIGN(PathTarget t, resolve(base, path, Follow::No));
  if (!t.parent) return Errno::IsDir;  // "." or ".."
  if (t.parent->read_only()) return Errno::Rofs;
  if (!t.inode) return Errno::NoEnt;
  if (t.inode->is_dir()) return Errno::IsDir;
  if (t.trailing_slash) return Errno::NotDir;  // "symlink/"
  return t.parent->unlink(t.name);
}

Status rename_path(const PathBase& from_base, std::string_view from, const PathBase& to_base,
                   std::string_view to) {
  // In Linux's order: the folders, another filesystem, a read-only one,
  // then the entries.
  WB_ASSIGN(PathTarget src, resolve(from_base, from, Follow::No));
  if (!src.parent) return Errno::Busy;
  WB_ASSIGN(PathTarget dst, resolve(to_base, to, Follow::No));
  if (!dst.parent) return Errno::Busy;
  if (src.parent->dev() != dst.parent->dev()) return Errno::Xdev;
  if (src.parent->read_only()) return Errno::Rofs;
  if (!src.inode) return Errno::NoEnt;
  if (src.inode->is_dir()) {
    // A directory cannot move below itself.
    if (static_cast<Directory&>(*src.inode).contains(*dst.parent)) return Errno::Inval;
    if (dst.inode) {
      if (!dst.inode->is_dir()) return Errno::NotDir;
      if (same_inode(dst.inode, src.inode)) return Errno::Success;
      WB_ASSIGN(bool empty, static_cast<Directory&>(*dst.inode).empty());
      if (!empty) return Errno::NotEmpty;
    }
  } else {
    if (dst.trailing_slash) return Errno::NotDir;
    if (dst.inode && dst.inode->is_dir()) return Errno::IsDir;
    if (same_inode(dst.inode, src.inode)) return Errno::Success;
  }
  return src.parent->rename(src.name, *dst.parent, dst.name);
}

Status link_path(const PathBase& from_base, std::string_view from, Follow follow,
                 const PathBase& to_base, std::string_view to) {
  WB_ASSIGN(PathTarget src, resolve(from_base, from, follow));
  if (!src.inode) return Errno::NoEnt;
  if (src.inode->is_dir()) return Errno::Perm;
  WB_ASSIGN(PathTarget dst, resolve(to_base, to, Follow::No));
  if (!dst.parent || dst.inode) return Errno::Exist;
  if (dst.trailing_slash) return Errno::NoEnt;
  return dst.parent->link(dst.name, *src.inode);
}

Status make_symlink(std::string_view target, const PathBase& base, std::string_view path) {
  WB_ASSIGN(PathTarget t, new_entry(base, path));
  if (t.trailing_slash) return Errno::NoEnt;
  return t.parent->make_symlink(t.name, target);
}

Result<std::string> read_link(const PathBase& base, std::string_view path) {
  WB_ASSIGN(PathTarget t, existing_entry(base, path, Follow::No, Errno::Inval));
  if (!t.inode->is_symlink()) return Errno::Inval;
  return static_cast<Symlink&>(*t.inode).target();
}

Result<Stat> stat_path(const PathBase& base, std::string_view path, Follow follow) {
  // "symlink/" names what the link leads to, even without following.
  if (!path.empty() && path.back() == '/') follow = Follow::Yes;
  WB_ASSIGN(PathTarget t, resolve(base, path, follow));
  if (!t.inode) return Errno::NoEnt;
  return t.inode->stat(nullptr);
}

Status make_parents(const PathBase& base, std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos || slash == 0 ? Errno::Success
                                                       : make_dirs(base, path.substr(0, slash));
}

Status write_file(const PathBase& base, std::string_view path, std::span<const uint8_t> data,
                  std::optional<uint32_t> perm) {
  OpenRequest req;
  req.create = req.truncate = req.write = true;
  req.follow = Follow::No;
  req.perm = perm;
  WB_ASSIGN(Opened o, open_path(base, path, req));
  if (o.inode->type() != FileType::RegularFile) return Errno::Inval;
  WB_ASSIGN(auto of, OpenFile::open(o.inode, OpenFile::Access::Write, 0));
  if (!o.created) WB_TRY(o.inode->set_size(of.get(), 0));
  for (size_t done = 0; done < data.size();) {
    WB_ASSIGN(size_t n, o.inode->write(*of, done, data.subspan(done)).or_error(Errno::Io));
    if (n == 0) return Errno::Io;
    done += n;
  }
  return Errno::Success;
}

Status set_perm_path(const PathBase& base, std::string_view path, Follow follow, uint32_t perm) {
  WB_ASSIGN(PathTarget t, resolve(base, path, follow));
  if (!t.inode) return Errno::NoEnt;
  return t.inode->set_perm(perm);
}

Status set_times_path(const PathBase& base, std::string_view path, Follow follow,
                      const TimeChange& change) {
  WB_ASSIGN(PathTarget t, resolve(base, path, follow));
  if (!t.inode) return Errno::NoEnt;
  return t.inode->set_times(nullptr, change);
}

namespace {

class NameSink final : public DirSink {
 public:
  bool add(const DirEntry& e) override {
    if (e.name != "." && e.name != "..") names.emplace_back(e.name);
    return true;
  }
  std::vector<std::string> names;
};

}  // namespace

Result<std::vector<std::string>> entry_names(const DirPtr& dir) {
  WB_ASSIGN(auto of, OpenFile::open(dir, OpenFile::Access::Read, 0));
  NameSink sink;
  WB_TRY(dir->read_entries(*of, 0, sink));
  std::sort(sink.names.begin(), sink.names.end());
  return std::move(sink.names);
}

}  // namespace wb
