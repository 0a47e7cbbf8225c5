// This file defines the kernel exports behind Emscripten's `env.__syscall_*`
// imports, `wbs_<name>`, each called by the runtime's adapter with the pid
// first. The older path calls (open, stat64, rmdir...) are their *at forms
// from the working directory.
#include "abi/linux/layout.h"
#include "abi/linux/linux.h"
#include "bind/wire.h"

namespace wb::bind {
namespace {
using i32 = int32_t;
using u32 = uint32_t;
}  // namespace
}  // namespace wb::bind

#define WBS_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#define SYS(expr) return wb::bind::run<false>(pid, [&](wb::Call& c) { return wb::sys::expr; })
#define SYS_BLOCKING(expr) \
  return wb::bind::run<true>(pid, [&](wb::Call& c) { return wb::sys::expr; })

using wb::GuestPtr;
using wb::bind::i32;
using wb::bind::u32;
using P = wb::GuestPtr;
constexpr i32 kCwd = wb::sys::kAtFdcwd;
constexpr u32 kNofollow = wb::sys::kAtSymlinkNofollow;

// Paths.
WBS_EXPORT i32 wbs_openat(u32 pid, i32 dirfd, u32 path, u32 flags, u32 va) {
  SYS(openat(c, dirfd, P{path}, flags, P{va}));
}
WBS_EXPORT i32 wbs_open(u32 pid, u32 path, u32 flags, u32 va) {
  SYS(openat(c, kCwd, P{path}, flags, P{va}));
}
WBS_EXPORT i32 wbs_mkdirat(u32 pid, i32 dirfd, u32 path, u32 mode) {
  SYS(mkdirat(c, dirfd, P{path}, mode));
}
WBS_EXPORT i32 wbs_mkdir(u32 pid, u32 path, u32 mode) { SYS(mkdirat(c, kCwd, P{path}, mode)); }
WBS_EXPORT i32 wbs_mknodat(u32 pid, i32 dirfd, u32 path, u32 mode, u32 dev) {
  SYS(mknodat(c, dirfd, P{path}, mode, dev));
}
WBS_EXPORT i32 wbs_mknod(u32 pid, u32 path, u32 mode, u32 dev) {
  SYS(mknodat(c, kCwd, P{path}, mode, dev));
}
WBS_EXPORT i32 wbs_unlinkat(u32 pid, i32 dirfd, u32 path, u32 flags) {
  SYS(unlinkat(c, dirfd, P{path}, flags));
}
WBS_EXPORT i32 wbs_unlink(u32 pid, u32 path) { SYS(unlinkat(c, kCwd, P{path}, 0)); }
WBS_EXPORT i32 wbs_rmdir(u32 pid, u32 path) {
  SYS(unlinkat(c, kCwd, P{path}, wb::sys::kAtRemovedir));
}
WBS_EXPORT i32 wbs_renameat(u32 pid, i32 olddirfd, u32 oldpath, i32 newdirfd, u32 newpath) {
  SYS(renameat(c, olddirfd, P{oldpath}, newdirfd, P{newpath}));
}
WBS_EXPORT i32 wbs_rename(u32 pid, u32 oldpath, u32 newpath) {
  SYS(renameat(c, kCwd, P{oldpath}, kCwd, P{newpath}));
}
WBS_EXPORT i32 wbs_linkat(u32 pid, i32 olddirfd, u32 oldpath, i32 newdirfd, u32 newpath,
                          u32 flags) {
  SYS(linkat(c, olddirfd, P{oldpath}, newdirfd, P{newpath}, flags));
}
WBS_EXPORT i32 wbs_symlinkat(u32 pid, u32 target, i32 dirfd, u32 linkpath) {
  SYS(symlinkat(c, P{target}, dirfd, P{linkpath}));
}
WBS_EXPORT i32 wbs_symlink(u32 pid, u32 target, u32 linkpath) {
  SYS(symlinkat(c, P{target}, kCwd, P{linkpath}));
}
WBS_EXPORT i32 wbs_readlinkat(u32 pid, i32 dirfd, u32 path, u32 buf, u32 size) {
  SYS(readlinkat(c, dirfd, P{path}, P{buf}, size));
}
WBS_EXPORT i32 wbs_readlink(u32 pid, u32 path, u32 buf, u32 size) {
  SYS(readlinkat(c, kCwd, P{path}, P{buf}, size));
}
WBS_EXPORT i32 wbs_fstatat64(u32 pid, i32 dirfd, u32 path, u32 buf, u32 flags) {
  SYS(fstatat64(c, dirfd, P{path}, P{buf}, flags));
}
WBS_EXPORT i32 wbs_stat64(u32 pid, u32 path, u32 buf) {
  SYS(fstatat64(c, kCwd, P{path}, P{buf}, 0));
}
WBS_EXPORT i32 wbs_lstat64(u32 pid, u32 path, u32 buf) {
  SYS(fstatat64(c, kCwd, P{path}, P{buf}, kNofollow));
}
WBS_EXPORT i32 wbs_faccessat(u32 pid, i32 dirfd, u32 path, u32 amode, u32 flags) {
  SYS(faccessat(c, dirfd, P{path}, amode, flags));
}
WBS_EXPORT i32 wbs_fchmodat(u32 pid, i32 dirfd, u32 path, u32 mode, u32 va) {
  SYS(fchmodat(c, dirfd, P{path}, mode, P{va}));
}
WBS_EXPORT i32 wbs_chmod(u32 pid, u32 path, u32 mode) {
  SYS(fchmodat(c, kCwd, P{path}, mode, P{0}));
}
WBS_EXPORT i32 wbs_fchownat(u32 pid, i32 dirfd, u32 path, u32 owner, u32 group, u32 flags) {
  SYS(fchownat(c, dirfd, P{path}, owner, group, flags));
}
WBS_EXPORT i32 wbs_chown32(u32 pid, u32 path, u32 owner, u32 group) {
  SYS(fchownat(c, kCwd, P{path}, owner, group, 0));
}
WBS_EXPORT i32 wbs_lchown32(u32 pid, u32 path, u32 owner, u32 group) {
  SYS(fchownat(c, kCwd, P{path}, owner, group, kNofollow));
}
WBS_EXPORT i32 wbs_utimensat(u32 pid, i32 dirfd, u32 path, u32 times, u32 flags) {
  SYS(utimensat(c, dirfd, P{path}, P{times}, flags));
}
WBS_EXPORT i32 wbs_truncate64(u32 pid, u32 path, u32 low, u32 high) {
  SYS(truncate64(c, P{path}, low, high));
}
WBS_EXPORT i32 wbs_statfs64(u32 pid, u32 path, u32 size, u32 buf) {
  SYS(statfs64(c, P{path}, size, P{buf}));
}
WBS_EXPORT i32 wbs_chdir(u32 pid, u32 path) { SYS(chdir(c, P{path})); }
WBS_EXPORT i32 wbs_fchdir(u32 pid, i32 fd) { SYS(fchdir(c, fd)); }
WBS_EXPORT i32 wbs_getcwd(u32 pid, u32 buf, u32 size) { SYS(getcwd(c, P{buf}, size)); }

// Descriptors.
WBS_EXPORT i32 wbs_fstat64(u32 pid, i32 fd, u32 buf) { SYS(fstat64(c, fd, P{buf})); }
WBS_EXPORT i32 wbs_fstatfs64(u32 pid, i32 fd, u32 size, u32 buf) {
  SYS(fstatfs64(c, fd, size, P{buf}));
}
WBS_EXPORT i32 wbs_ftruncate64(u32 pid, i32 fd, u32 low, u32 high) {
  SYS(ftruncate64(c, fd, low, high));
}
WBS_EXPORT i32 wbs_fchmod(u32 pid, i32 fd, u32 mode) { SYS(fchmod(c, fd, mode)); }
WBS_EXPORT i32 wbs_fchown32(u32 pid, i32 fd, u32 owner, u32 group) {
  SYS(fchown32(c, fd, owner, group));
}
WBS_EXPORT i32 wbs_fdatasync(u32 pid, i32 fd) { SYS(fdatasync(c, fd)); }
WBS_EXPORT i32 wbs_fallocate(u32 pid, i32 fd, u32 mode, u32 a, u32 b, u32 d, u32 e) {
  SYS(fallocate(c, fd, mode, a, b, d, e));
}
WBS_EXPORT i32 wbs_fadvise64_64(u32 pid, i32 fd, u32 a, u32 b, u32 d, u32 e, u32 advice) {
  SYS(fadvise64_64(c, fd, a, b, d, e, advice));
}
WBS_EXPORT i32 wbs_getdents64(u32 pid, i32 fd, u32 dirp, u32 count) {
  SYS(getdents64(c, fd, P{dirp}, count));
}
WB_EXPORT_MAY_BLOCK(i32, wbs_fcntl64)(u32 pid, i32 fd, u32 cmd, u32 va) {
  SYS_BLOCKING(fcntl64(c, fd, cmd, P{va}));
}
WB_EXPORT_MAY_BLOCK(i32, wbs_flock)(u32 pid, i32 fd, u32 op) { SYS_BLOCKING(flock(c, fd, op)); }
WBS_EXPORT i32 wbs_ioctl(u32 pid, i32 fd, u32 request, u32 va) {
  SYS(ioctl(c, fd, request, P{va}));
}
WBS_EXPORT i32 wbs_dup(u32 pid, i32 fd) { SYS(dup(c, fd)); }
WBS_EXPORT i32 wbs_dup3(u32 pid, i32 fd, i32 to, u32 flags) { SYS(dup3(c, fd, to, flags)); }
WBS_EXPORT i32 wbs_pipe(u32 pid, u32 fds) { SYS(pipe(c, P{fds})); }
WB_EXPORT_MAY_BLOCK(i32, wbs_poll)(u32 pid, u32 fds, u32 nfds, i32 timeout) {
  SYS_BLOCKING(poll(c, P{fds}, nfds, timeout));
}
WB_EXPORT_MAY_BLOCK(i32, wbs__newselect)(u32 pid, i32 nfds, u32 r, u32 w, u32 e, u32 timeout) {
  SYS_BLOCKING(newselect(c, nfds, P{r}, P{w}, P{e}, P{timeout}));
}

// Users: the box's only one is root.
WBS_EXPORT i32 wbs_getuid32(u32 pid) { SYS(getuid32(c)); }
WBS_EXPORT i32 wbs_geteuid32(u32 pid) { SYS(getuid32(c)); }
WBS_EXPORT i32 wbs_getgid32(u32 pid) { SYS(getuid32(c)); }
WBS_EXPORT i32 wbs_getegid32(u32 pid) { SYS(getuid32(c)); }

// Sockets: ENOSYS, the box has no network. Each takes six arguments.
#define WBS_NO_SOCKETS(name) \
  WBS_EXPORT i32 wbs_##name(u32 pid, u32, u32, u32, u32, u32, u32) { SYS(no_sockets(c)); }
WBS_NO_SOCKETS(socket)
WBS_NO_SOCKETS(bind)
WBS_NO_SOCKETS(connect)
WBS_NO_SOCKETS(listen)
WBS_NO_SOCKETS(accept4)
WBS_NO_SOCKETS(getsockname)
WBS_NO_SOCKETS(getpeername)
WBS_NO_SOCKETS(getsockopt)
WBS_NO_SOCKETS(sendto)
WBS_NO_SOCKETS(recvfrom)
WBS_NO_SOCKETS(sendmsg)
WBS_NO_SOCKETS(recvmsg)
WBS_NO_SOCKETS(shutdown)
