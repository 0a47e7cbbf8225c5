// This file defines the path calls of the Linux-style ABI: each decodes its
// arguments, finds where the path starts (the working directory or a
// directory descriptor) and runs one operation of vfs/vfs_ops.h.
#include "abi/linux/linux.h"
#include "abi/linux/records.h"
#include "fd/open_file.h"
#include "ops/descriptor.h"
#include "ops/open.h"

namespace wb::sys {
namespace {

Result<std::string_view> path_arg(Call& c, P path) {
  return c.mem.read_cpath(path, c.kernel.scratch().path);
}

// The second path of rename/link/symlink uses its own buffer.
Result<std::string_view> path2_arg(Call& c, P path) {
  return c.mem.read_cpath(path, c.kernel.scratch().path2);
}

// Where `path` starts: the root for an absolute path, the working directory
// for AT_FDCWD, else the directory descriptor (a rooted walk when it was
// opened by one, else confined to it).
Result<PathBase> at_base(Call& c, i32 dirfd, std::string_view path) {
  if (dirfd == kAtFdcwd || (!path.empty() && path.front() == '/')) return PathBase(c.proc.cwd);
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(u32(dirfd)));
  const OpenFile& of = *e->file;
  if (!of.inode->is_dir()) return Errno::NotDir;
  if (of.chain) return PathBase(*of.chain);
  return PathBase(std::static_pointer_cast<Directory>(of.inode));
}

// The inode a path names (for the *at calls that take AT_EMPTY_PATH, the
// descriptor's own when the path is empty).
Result<std::shared_ptr<Inode>> lookup(Call& c, i32 dirfd, std::string_view path, Follow follow,
                                      bool empty_path) {
  if (path.empty() && empty_path) {
    if (dirfd == kAtFdcwd) return std::shared_ptr<Inode>(c.proc.cwd.back().dir);
    WB_ASSIGN(FdEntry * e, c.proc.fds().get(u32(dirfd)));
    return e->file->inode;
  }
  WB_ASSIGN(PathBase base, at_base(c, dirfd, path));
  if (!path.empty() && path.back() == '/') follow = Follow::Yes;
  WB_ASSIGN(PathTarget t, resolve(base, path, follow));
  if (!t.inode) return Errno::NoEnt;
  return std::move(t.inode);
}

Result<OpenSpec> open_spec(u32 flags) {
  using namespace oflag;
  OpenSpec spec;
  const u32 acc = flags & AccMode;
  if (acc == 3) return Errno::Inval;
  if ((flags & TmpFile) == TmpFile) return Errno::NotSup;
  spec.read = acc != WrOnly;
  spec.req.write = acc != RdOnly;
  spec.req.create = flags & Creat;
  spec.req.exclusive = flags & Excl;
  spec.req.truncate = (flags & Trunc) && spec.req.write;
  spec.req.directory = flags & Directory;
  spec.req.follow = (flags & NoFollow) ? Follow::No : Follow::Yes;
  spec.fdflags = uint16_t(((flags & Append) ? fdflag::Append : 0) |
                          ((flags & Nonblock) ? fdflag::Nonblock : 0));
  spec.cloexec = flags & Cloexec;
  return spec;
}

Result<TimeChange> read_times(Call& c, P times) {
  const uint64_t now = c.kernel.host().realtime_ns();
  if (times.addr == 0) return TimeChange{now, now};
  uint8_t raw[2 * layout::kTimeSize];
  WB_TRY(c.mem.read(raw, times, sizeof raw));
  TimeChange change;
  for (int i = 0; i < 2; ++i) {
    const auto sec = int32_t(load_le(raw + i * 8, 4));
    const auto nsec = int32_t(load_le(raw + i * 8 + 4, 4));
    std::optional<uint64_t> t;
    if (nsec == kUtimeNow) {
      t = now;
    } else if (nsec != kUtimeOmit) {
      if (nsec < 0 || nsec >= 1000000000 || sec < 0) return Errno::Inval;
      t = uint64_t(sec) * 1000000000 + uint64_t(nsec);
    }
    (i == 0 ? change.atim : change.mtim) = t;
  }
  return change;
}

}  // namespace

SysResult openat(Call& c, i32 dirfd, P path, u32 flags, P varargs) {
  WB_ASSIGN(OpenSpec spec, open_spec(flags));
  // A file it creates gets the mode after it (the one variadic argument).
  if (spec.req.create) {
    if (auto mode = c.mem.read_u32(varargs); mode.ok()) spec.req.perm = *mode & ~kUmask & 07777;
  }
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  WB_ASSIGN(uint32_t fd, open_descriptor(c, base, p, spec));
  // Directories opened here can be rewound (rewinddir, seekdir).
  FdEntry* e = *c.proc.fds().get(fd);
  if (e->file->inode->is_dir()) e->rights_base |= right::FdSeek | right::FdTell;
  return i32(fd);
}

SysResult mkdirat(Call& c, i32 dirfd, P path, u32 mode) {
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  WB_TRY(make_dir(base, p, mode & ~kUmask & 07777));
  return 0;
}

SysResult mknodat(Call& c, i32 dirfd, P path, u32 mode, u32) {
  // Only regular files: the box has no device numbers or named pipes.
  const u32 type = mode & kIfMt;
  if (type != 0 && type != kIfReg) return Errno::Perm;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  OpenRequest req;
  req.create = req.exclusive = true;
  req.perm = mode & ~kUmask & 07777;
  WB_TRY(open_path(base, p, req).status());
  return 0;
}

SysResult unlinkat(Call& c, i32 dirfd, P path, u32 flags) {
  if (flags & ~kAtRemovedir) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  WB_TRY((flags & kAtRemovedir) ? remove_dir(base, p) : unlink_file(base, p));
  return 0;
}

SysResult renameat(Call& c, i32 olddirfd, P oldpath, i32 newdirfd, P newpath) {
  WB_ASSIGN(std::string_view from, path_arg(c, oldpath));
  WB_ASSIGN(std::string_view to, path2_arg(c, newpath));
  WB_ASSIGN(PathBase from_base, at_base(c, olddirfd, from));
  WB_ASSIGN(PathBase to_base, at_base(c, newdirfd, to));
  WB_TRY(rename_path(from_base, from, to_base, to));
  return 0;
}

SysResult linkat(Call& c, i32 olddirfd, P oldpath, i32 newdirfd, P newpath, u32 flags) {
  if (flags & ~(kAtSymlinkFollow | kAtEmptyPath)) return Errno::Inval;
  WB_ASSIGN(std::string_view from, path_arg(c, oldpath));
  WB_ASSIGN(std::string_view to, path2_arg(c, newpath));
  WB_ASSIGN(PathBase from_base, at_base(c, olddirfd, from));
  WB_ASSIGN(PathBase to_base, at_base(c, newdirfd, to));
  const Follow follow = (flags & kAtSymlinkFollow) ? Follow::Yes : Follow::No;
  WB_TRY(link_path(from_base, from, follow, to_base, to));
  return 0;
}

SysResult symlinkat(Call& c, P target, i32 dirfd, P linkpath) {
  WB_ASSIGN(std::string_view t, path_arg(c, target));
  WB_ASSIGN(std::string_view p, path2_arg(c, linkpath));
  if (t.empty()) return Errno::NoEnt;
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  WB_TRY(make_symlink(t, base, p));
  return 0;
}

SysResult readlinkat(Call& c, i32 dirfd, P path, P buf, u32 bufsize) {
  if (i32(bufsize) <= 0) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  WB_ASSIGN(std::string target, read_link(base, p));
  // A small buffer gets the start of the target, and no NUL (readlink(2)).
  const auto n = uint32_t(std::min<size_t>(target.size(), bufsize));
  WB_TRY(c.mem.write(buf, target.data(), n));
  return i32(n);
}

SysResult fstatat64(Call& c, i32 dirfd, P path, P buf, u32 flags) {
  constexpr u32 kAtNoAutomount = 0x800;
  if (flags & ~(kAtSymlinkNofollow | kAtEmptyPath | kAtNoAutomount)) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  const Follow follow = (flags & kAtSymlinkNofollow) ? Follow::No : Follow::Yes;
  WB_ASSIGN(auto node, lookup(c, dirfd, p, follow, flags & kAtEmptyPath));
  WB_ASSIGN(Stat st, node->stat(nullptr));
  WB_TRY(write_stat(c, buf, st));
  return 0;
}

SysResult faccessat(Call& c, i32 dirfd, P path, u32 amode, u32 flags) {
  if (amode & ~(kROk | kWOk | kXOk)) return Errno::Inval;
  if (flags & ~(kAtEaccess | kAtSymlinkNofollow)) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  const Follow follow = (flags & kAtSymlinkNofollow) ? Follow::No : Follow::Yes;
  WB_ASSIGN(auto node, lookup(c, dirfd, p, follow, false));
  // The one user may read and write anything; executing needs an execute
  // bit in the mode stat reports, as for Linux's root.
  WB_ASSIGN(Stat st, node->stat(nullptr));
  if ((amode & kXOk) && !(mode_of(st) & 0111)) return Errno::Acces;
  return 0;
}

SysResult fchmodat(Call& c, i32 dirfd, P path, u32 mode, P) {
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(auto node, lookup(c, dirfd, p, Follow::Yes, false));
  WB_TRY(node->set_perm(mode & 07777));
  return 0;
}

SysResult fchownat(Call& c, i32 dirfd, P path, u32, u32, u32 flags) {
  // Everything belongs to user 0, the only user, who may chown anything.
  if (flags & ~(kAtSymlinkNofollow | kAtEmptyPath)) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  const Follow follow = (flags & kAtSymlinkNofollow) ? Follow::No : Follow::Yes;
  WB_TRY(lookup(c, dirfd, p, follow, flags & kAtEmptyPath).status());
  return 0;
}

SysResult utimensat(Call& c, i32 dirfd, P path, P times, u32 flags) {
  if (flags & ~kAtSymlinkNofollow) return Errno::Inval;
  WB_ASSIGN(TimeChange change, read_times(c, times));
  if (path.addr == 0) {  // futimens(fd, times); Linux: EFAULT with AT_FDCWD
    if (dirfd == kAtFdcwd) return Errno::Fault;
    WB_ASSIGN(OpenFile * of,
              ops::open_file(c.proc.fds(), u32(dirfd), {.rights = right::FdFilestatSetTimes}));
    WB_TRY(of->inode->set_times(of, change));
    return 0;
  }
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathBase base, at_base(c, dirfd, p));
  const Follow follow = (flags & kAtSymlinkNofollow) ? Follow::No : Follow::Yes;
  WB_TRY(set_times_path(base, p, follow, change));
  return 0;
}

SysResult truncate64(Call& c, P path, u32 low, u32 high) {
  const int64_t size = int64_t(uint64_t(high) << 32 | low);
  if (size < 0) return Errno::Inval;
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  OpenRequest req;
  req.write = true;
  WB_ASSIGN(Opened opened, open_path(c.proc.cwd, p, req));
  if (opened.inode->type() != FileType::RegularFile) return Errno::Inval;
  WB_TRY(truncate_file(opened.inode, uint64_t(size)));
  return 0;
}

SysResult statfs64(Call& c, P path, u32 size, P buf) {
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(auto node, lookup(c, kAtFdcwd, p, Follow::Yes, false));
  WB_TRY(write_statfs(c, buf, size, *node));
  return 0;
}

SysResult chdir(Call& c, P path) {
  WB_ASSIGN(std::string_view p, path_arg(c, path));
  WB_ASSIGN(PathTarget t, resolve(c.proc.cwd, p, Follow::Yes));
  if (!t.inode) return Errno::NoEnt;
  if (!t.inode->is_dir()) return Errno::NotDir;
  c.proc.cwd = take_dir_chain(t);
  return 0;
}

SysResult fchdir(Call& c, i32 fd) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(u32(fd)));
  if (!e->file->inode->is_dir()) return Errno::NotDir;
  // Only a directory whose place in the tree is known can be the cwd.
  if (!e->file->chain) return Errno::Acces;
  c.proc.cwd = *e->file->chain;
  return 0;
}

SysResult getcwd(Call& c, P buf, u32 size) {
  if (size == 0) return Errno::Inval;
  const std::string cwd = chain_path(c.proc.cwd);
  if (size < cwd.size() + 1) return Errno::Range;
  WB_TRY(c.mem.write(buf, cwd.c_str(), uint32_t(cwd.size() + 1)));
  return i32(cwd.size() + 1);
}

}  // namespace wb::sys
