// This file declares the handlers of wasmbox's extension imports: what WASI
// preview1 cannot express. Names and signatures follow WASIX (import module
// "wasix_32v1") where WASIX has the call; fd_dup3 is wasmbox's own (module
// "wasmbox"), as WASIX has no duplication onto a given number nor a way to
// tell the kernel which signals the guest catches (proc_sigaction), and so
// are proc_spawn, proc_exec and proc_wait, simpler than WASIX's
// proc_spawn3, proc_exec3 and proc_join (no signal actions, PATH search in
// the guest, Linux's wait status), and proc_fork, which unlike WASIX's
// takes the buffer the runtime saves the caller's stack in.
#pragma once

#include <cstdint>

#include "abi/call.h"
#include "base/blocking.h"

namespace wb::wasix {

using P = GuestPtr;
using u32 = uint32_t;

// fdflagsext
inline constexpr u32 kCloexec = 1;

// fd.cpp
Errno fd_dup(Call& c, u32 fd, P new_fd);
// F_DUPFD: the lowest free number not below `min`.
Errno fd_dup2(Call& c, u32 fd, u32 min, u32 cloexec, P new_fd);
// dup3: `to` becomes a copy of `from` (EINVAL if they are equal).
Errno fd_dup3(Call& c, u32 from, u32 to, u32 fdflagsext);
Errno fd_pipe(Call& c, P read_fd, P write_fd);
Errno fd_fdflags_get(Call& c, u32 fd, P fdflagsext);
Errno fd_fdflags_set(Call& c, u32 fd, u32 fdflagsext);

// tty.cpp: the terminal's size, echo and line buffering.
Errno tty_get(Call& c, P state);
Errno tty_set(Call& c, P state);

// proc.cpp
Errno proc_id(Call& c, P pid);
// What the caller does with Linux signal `sig`: 0 default, 1 ignore, 2
// catch, when the runtime calls entry `entry` of the guest's exported
// function table, a void(int sig), for it.
Errno proc_sigaction(Call& c, u32 sig, u32 disposition, u32 entry);
// The parent of `pid`, which must be the caller (0: it has none).
Errno proc_parent(Call& c, u32 pid, P parent);
// posix_spawn: starts the program at `path` (from the working directory)
// with `argc` arguments and `envc` environment strings (arrays of pointers
// to NUL-terminated strings) after `nactions` file actions (16-byte
// records: {1 close, fd}, {2 dup2, fd, src}, {3 chdir, 0, path, path_len}),
// and writes its pid.
Errno proc_spawn(Call& c, P path, u32 path_len, P argv, u32 argc, P envp, u32 envc, P actions,
                 u32 nactions, P ret_pid);
// kill(2): Linux signal `sig` to process `pid` (signed: > 0 that process, 0
// or below -1 the box's one process group, -1 every other process). A
// signal that ends the caller ends it when the call returns (the runtime
// sees its status); one it catches runs at its next wait.
Errno proc_kill(Call& c, u32 pid, u32 sig);
// execve: the caller runs the program at `path` next, with `argc`
// arguments and `envc` environment strings (as proc_spawn's). On success
// the runtime replaces the caller's module: the call does not return.
Errno proc_exec(Call& c, P path, u32 path_len, P argv, u32 argc, P envp, u32 envc);
// fork's kernel half: makes the caller's child (Kernel::fork_child) and
// writes its pid. `buf` is where the runtime saves the caller's stack
// (binaryen's asyncify data, at least kMinForkBuffer bytes): checked here,
// before the runtime writes it.
inline constexpr u32 kMinForkBuffer = 64;
Errno proc_fork(Call& c, P buf, u32 buf_len, P ret_pid);
// setpgid, getpgid, setsid and getsid, with Linux's errors (`pid` 0 is
// the caller); each getter writes the id.
Errno proc_setpgid(Call& c, u32 pid, u32 pgid);
Errno proc_getpgid(Call& c, u32 pid, P ret_pgid);
Errno proc_setsid(Call& c, P ret_sid);
Errno proc_getsid(Call& c, u32 pid, P ret_sid);
// waitpid: `pid` (signed: > 0 that child, else any) and Linux's options
// (WNOHANG = 1); writes Linux's wait status and the pid (0: none yet).
BlockingStatus proc_wait(Call& c, u32 pid, u32 options, P status, P ret_pid);

}  // namespace wb::wasix
