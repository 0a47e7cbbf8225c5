// This file declares the handlers of Emscripten's Linux-style syscall ABI:
// the `env.__syscall_*` imports an `emcc -sSTANDALONE_WASM` module makes for
// what WASI cannot express (paths from a working directory, stat, getdents,
// pipes, dup, ioctl, poll...). They share the process, descriptor and vfs
// code with WASI; only the decoding differs. Each answers a value, or a
// negative errno (Emscripten's errno numbers are WASI's); arguments are the
// i32s of Emscripten's `long`-based declarations, 64-bit values in halves.
#pragma once

#include <cstdint>

#include "abi/call.h"
#include "base/blocking.h"

namespace wb::sys {

using P = GuestPtr;
using i32 = int32_t;
using u32 = uint32_t;
using SysResult = Result<i32>;
using SysBlocking = Blocking<i32>;

// A call that answers 0 on success.
inline SysResult done(Errno e) {
  if (e != Errno::Success) return e;
  return 0;
}

// path.cpp: paths from a directory descriptor or the working directory.
SysResult openat(Call& c, i32 dirfd, P path, u32 flags, P varargs);
SysResult mkdirat(Call& c, i32 dirfd, P path, u32 mode);
SysResult mknodat(Call& c, i32 dirfd, P path, u32 mode, u32 dev);
SysResult unlinkat(Call& c, i32 dirfd, P path, u32 flags);
SysResult renameat(Call& c, i32 olddirfd, P oldpath, i32 newdirfd, P newpath);
SysResult linkat(Call& c, i32 olddirfd, P oldpath, i32 newdirfd, P newpath, u32 flags);
SysResult symlinkat(Call& c, P target, i32 dirfd, P linkpath);
SysResult readlinkat(Call& c, i32 dirfd, P path, P buf, u32 bufsize);
SysResult fstatat64(Call& c, i32 dirfd, P path, P buf, u32 flags);
SysResult faccessat(Call& c, i32 dirfd, P path, u32 amode, u32 flags);
SysResult fchmodat(Call& c, i32 dirfd, P path, u32 mode, P varargs);
SysResult fchownat(Call& c, i32 dirfd, P path, u32 owner, u32 group, u32 flags);
SysResult utimensat(Call& c, i32 dirfd, P path, P times, u32 flags);
SysResult truncate64(Call& c, P path, u32 low, u32 high);
SysResult statfs64(Call& c, P path, u32 size, P buf);
SysResult chdir(Call& c, P path);
SysResult fchdir(Call& c, i32 fd);
SysResult getcwd(Call& c, P buf, u32 size);

// fd.cpp: descriptors.
SysResult fstat64(Call& c, i32 fd, P buf);
SysResult fstatfs64(Call& c, i32 fd, u32 size, P buf);
SysResult ftruncate64(Call& c, i32 fd, u32 low, u32 high);
SysResult fchmod(Call& c, i32 fd, u32 mode);
SysResult fchown32(Call& c, i32 fd, u32 owner, u32 group);
SysResult fdatasync(Call& c, i32 fd);
SysResult fallocate(Call& c, i32 fd, u32 mode, u32 off_low, u32 off_high, u32 len_low,
                    u32 len_high);
SysResult fadvise64_64(Call& c, i32 fd, u32 off_low, u32 off_high, u32 len_low, u32 len_high,
                       u32 advice);
SysResult getdents64(Call& c, i32 fd, P dirp, u32 count);
SysBlocking fcntl64(Call& c, i32 fd, u32 cmd, P varargs);
SysResult dup(Call& c, i32 fd);
SysResult dup3(Call& c, i32 fd, i32 to, u32 flags);
SysResult pipe(Call& c, P fds);

// locks.cpp: flock(2) (fcntl's record locks are in locks.h).
SysBlocking flock(Call& c, i32 fd, u32 op);

// tty.cpp: ioctl (terminal attributes, window size, FIONREAD...).
SysResult ioctl(Call& c, i32 fd, u32 request, P varargs);

// poll.cpp: may answer "would block".
SysBlocking poll(Call& c, P fds, u32 nfds, i32 timeout_ms);
SysBlocking newselect(Call& c, i32 nfds, P readfds, P writefds, P exceptfds, P timeout);

// misc.cpp
SysResult getuid32(Call& c);  // also getgid32, geteuid32, getegid32: 0
SysResult no_sockets(Call& c);

}  // namespace wb::sys
