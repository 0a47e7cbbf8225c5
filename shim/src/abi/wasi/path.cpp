// This file defines the path_* calls: decode, look up the directory
// descriptor, then one operation of vfs/vfs_ops.h.
#include "abi/wasi/records.h"
#include "abi/wasi/wasi.h"
#include "ops/open.h"

namespace wb::wasi {
namespace {

// The directory a path is relative to: EBADF unless fd is a directory
// (wasmtime's rule; path_open alone says ENOTDIR for a regular file), then
// the right.
Result<FdEntry*> dir_entry(Call& c, u32 fd, u64 rights, Errno file_error = Errno::Badf) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  const FileType type = e->file->inode->type();
  if (type != FileType::Directory) return type == FileType::RegularFile ? file_error : Errno::Badf;
  if ((e->rights_base & rights) != rights) return Errno::NotCapable;
  return e;
}

Result<DirPtr> dir_fd(Call& c, u32 fd, u64 rights) {
  WB_ASSIGN(FdEntry * e, dir_entry(c, fd, rights));
  return std::static_pointer_cast<Directory>(e->file->inode);
}

Result<std::string_view> path_arg(Call& c, P path, u32 len) {
  return c.mem.read_path(path, len, c.kernel.scratch().path);
}

// The second path of link/rename/symlink uses its own buffer.
Result<std::string_view> path2_arg(Call& c, P path, u32 len) {
  return c.mem.read_path(path, len, c.kernel.scratch().path2);
}

Result<Follow> lookup_flags(u32 flags) {
  if (flags & ~kLookupSymlinkFollow) return Errno::Inval;
  return (flags & kLookupSymlinkFollow) ? Follow::Yes : Follow::No;
}

}  // namespace

Errno path_create_directory(Call& c, u32 fd, P path, u32 len) {
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathCreateDirectory));
  return make_dir(dir, p);
}

Errno path_filestat_get(Call& c, u32 fd, u32 flags, P path, u32 len, P out) {
  WB_ASSIGN(Follow follow, lookup_flags(flags));
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathFilestatGet));
  WB_ASSIGN(Stat st, stat_path(dir, p, follow));
  return write_filestat(c, out, st);
}

Errno path_filestat_set_times(Call& c, u32 fd, u32 flags, P path, u32 len, u64 atim, u64 mtim,
                              u32 fst_flags) {
  WB_ASSIGN(Follow follow, lookup_flags(flags));
  WB_ASSIGN(TimeChange t, time_change(c.kernel.host(), atim, mtim, fst_flags));
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathFilestatSetTimes));
  return set_times_path(dir, p, follow, t);
}

Errno path_link(Call& c, u32 old_fd, u32 old_flags, P old_path, u32 old_len, u32 new_fd, P new_path,
                u32 new_len) {
  WB_ASSIGN(Follow follow, lookup_flags(old_flags));
  // wasmtime refuses to follow a symlink source.
  if (follow == Follow::Yes) return Errno::Inval;
  WB_ASSIGN(std::string_view from, path_arg(c, old_path, old_len));
  WB_ASSIGN(std::string_view to, path2_arg(c, new_path, new_len));
  WB_ASSIGN(DirPtr from_dir, dir_fd(c, old_fd, right::PathLinkSource));
  WB_ASSIGN(DirPtr to_dir, dir_fd(c, new_fd, right::PathLinkTarget));
  return link_path(from_dir, from, follow, to_dir, to);
}

Errno path_open(Call& c, u32 fd, u32 dirflags, P path, u32 len, u32 oflags, u64 rights_base, u64,
                u32 fdflags, P opened_fd) {
  WB_ASSIGN(Follow follow, lookup_flags(dirflags));
  if ((oflags & ~u32(oflag::All)) || (fdflags & ~u32(fdflag::All))) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_TRY(c.mem.check_range(opened_fd, 4));
  u64 needed = right::PathOpen;
  if (oflags & oflag::Creat) needed |= right::PathCreateFile;
  if (oflags & oflag::Trunc) needed |= right::PathFilestatSetSize;
  WB_ASSIGN(FdEntry * parent, dir_entry(c, fd, needed, Errno::NotDir));
  if (fdflags & (fdflag::Dsync | fdflag::Rsync | fdflag::Sync)) return Errno::NotSup;
  if ((oflags & oflag::Directory) && (oflags & (oflag::Creat | oflag::Excl | oflag::Trunc)))
    return Errno::Inval;

  // The requested rights only choose the access mode, as in wasmtime; what
  // the descriptor may do is what the parent passes down (narrowed only by
  // fd_fdstat_set_rights). Creating or truncating needs no write access,
  // so a file reports the same rights however it was opened.
  const u64 inherited = parent->rights_inheriting;
  OpenSpec spec;
  spec.req.write = (rights_base & right::WriteAccess) && (inherited & right::FdWrite);
  spec.read = ((rights_base & (right::FdRead | right::FdReaddir)) || !spec.req.write) &&
              (inherited & (right::FdRead | right::FdReaddir));
  spec.req.create = oflags & oflag::Creat;
  spec.req.exclusive = oflags & oflag::Excl;
  spec.req.truncate = oflags & oflag::Trunc;
  spec.req.directory = oflags & oflag::Directory;
  spec.req.follow = follow;
  spec.fdflags = uint16_t(fdflags & (fdflag::Append | fdflag::Nonblock));
  spec.rights_limit = inherited;
  spec.dir_inheriting = inherited;
  auto dir = std::static_pointer_cast<Directory>(parent->file->inode);
  WB_ASSIGN(uint32_t new_fd, open_descriptor(c, dir, p, spec));
  return c.mem.write_u32(opened_fd, new_fd);
}

Errno path_readlink(Call& c, u32 fd, P path, u32 len, P buf, u32 buf_len, P bufused) {
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathReadlink));
  WB_ASSIGN(std::string target, read_link(dir, p));
  // A small buffer gets the start of the target, and success.
  const auto n = uint32_t(std::min<size_t>(target.size(), buf_len));
  WB_TRY(c.mem.write(buf, target.data(), n));
  return c.mem.write_u32(bufused, n);
}

Errno path_remove_directory(Call& c, u32 fd, P path, u32 len) {
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathRemoveDirectory));
  return remove_dir(dir, p);
}

Errno path_rename(Call& c, u32 fd, P old_path, u32 old_len, u32 new_fd, P new_path, u32 new_len) {
  WB_ASSIGN(std::string_view from, path_arg(c, old_path, old_len));
  WB_ASSIGN(std::string_view to, path2_arg(c, new_path, new_len));
  WB_ASSIGN(DirPtr from_dir, dir_fd(c, fd, right::PathRenameSource));
  WB_ASSIGN(DirPtr to_dir, dir_fd(c, new_fd, right::PathRenameTarget));
  return rename_path(from_dir, from, to_dir, to);
}

Errno path_symlink(Call& c, P old_path, u32 old_len, u32 fd, P new_path, u32 new_len) {
  WB_ASSIGN(std::string_view target, path_arg(c, old_path, old_len));
  WB_ASSIGN(std::string_view p, path2_arg(c, new_path, new_len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathSymlink));
  if (target.empty()) return Errno::NoEnt;
  // An absolute target could only ever escape (as in wasmtime).
  if (target.front() == '/') return kEscapeErrno;
  return make_symlink(target, dir, p);
}

Errno path_unlink_file(Call& c, u32 fd, P path, u32 len) {
  WB_ASSIGN(std::string_view p, path_arg(c, path, len));
  WB_ASSIGN(DirPtr dir, dir_fd(c, fd, right::PathUnlinkFile));
  return unlink_file(dir, p);
}

}  // namespace wb::wasi
