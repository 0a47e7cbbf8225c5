// This file defines the hot path: one plain C export per WASI import,
// called by the runtime's thunk with the calling pid first. No Embind and
// no allocation here.
#include "abi/wasi/wasi.h"
#include "abi/wasix/wasix.h"
#include "bind/wire.h"

namespace wb::bind {
namespace {
using P = GuestPtr;
using u32 = uint32_t;
using u64 = uint64_t;
}  // namespace
}  // namespace wb::bind

#define WB_CALL(expr) return wb::bind::run<false>(pid, [&](wb::Call& c) { return wb::wasi::expr; })
#define WB_BLOCKING_CALL(expr) \
  return wb::bind::run<true>(pid, [&](wb::Call& c) { return wb::wasi::expr; })

using wb::bind::P;
using wb::bind::u32;
using wb::bind::u64;

WB_EXPORT u32 wb_args_get(u32 pid, u32 a, u32 b) { WB_CALL(args_get(c, P{a}, P{b})); }
WB_EXPORT u32 wb_args_sizes_get(u32 pid, u32 a, u32 b) { WB_CALL(args_sizes_get(c, P{a}, P{b})); }
WB_EXPORT u32 wb_environ_get(u32 pid, u32 a, u32 b) { WB_CALL(environ_get(c, P{a}, P{b})); }
WB_EXPORT u32 wb_environ_sizes_get(u32 pid, u32 a, u32 b) {
  WB_CALL(environ_sizes_get(c, P{a}, P{b}));
}
WB_EXPORT u32 wb_clock_res_get(u32 pid, u32 id, u32 out) { WB_CALL(clock_res_get(c, id, P{out})); }
WB_EXPORT u32 wb_clock_time_get(u32 pid, u32 id, u64 precision, u32 out) {
  WB_CALL(clock_time_get(c, id, precision, P{out}));
}
WB_EXPORT u32 wb_random_get(u32 pid, u32 buf, u32 len) { WB_CALL(random_get(c, P{buf}, len)); }
WB_EXPORT u32 wb_sched_yield(u32 pid) { WB_CALL(sched_yield(c)); }
WB_EXPORT u32 wb_proc_exit(u32 pid, u32 code) { WB_CALL(proc_exit(c, code)); }
WB_EXPORT u32 wb_proc_raise(u32 pid, u32 sig) { WB_CALL(proc_raise(c, sig)); }

WB_EXPORT u32 wb_fd_advise(u32 pid, u32 fd, u64 off, u64 len, u32 advice) {
  WB_CALL(fd_advise(c, fd, off, len, advice));
}
WB_EXPORT u32 wb_fd_allocate(u32 pid, u32 fd, u64 off, u64 len) {
  WB_CALL(fd_allocate(c, fd, off, len));
}
WB_EXPORT u32 wb_fd_close(u32 pid, u32 fd) { WB_CALL(fd_close(c, fd)); }
WB_EXPORT u32 wb_fd_datasync(u32 pid, u32 fd) { WB_CALL(fd_datasync(c, fd)); }
WB_EXPORT u32 wb_fd_fdstat_get(u32 pid, u32 fd, u32 out) { WB_CALL(fd_fdstat_get(c, fd, P{out})); }
WB_EXPORT u32 wb_fd_fdstat_set_flags(u32 pid, u32 fd, u32 flags) {
  WB_CALL(fd_fdstat_set_flags(c, fd, flags));
}
WB_EXPORT u32 wb_fd_fdstat_set_rights(u32 pid, u32 fd, u64 base, u64 inh) {
  WB_CALL(fd_fdstat_set_rights(c, fd, base, inh));
}
WB_EXPORT u32 wb_fd_filestat_get(u32 pid, u32 fd, u32 out) {
  WB_CALL(fd_filestat_get(c, fd, P{out}));
}
WB_EXPORT u32 wb_fd_filestat_set_size(u32 pid, u32 fd, u64 size) {
  WB_CALL(fd_filestat_set_size(c, fd, size));
}
WB_EXPORT u32 wb_fd_filestat_set_times(u32 pid, u32 fd, u64 atim, u64 mtim, u32 flags) {
  WB_CALL(fd_filestat_set_times(c, fd, atim, mtim, flags));
}
WB_EXPORT_MAY_BLOCK(u32, wb_fd_pread)(u32 pid, u32 fd, u32 iovs, u32 n, u64 off, u32 out) {
  WB_BLOCKING_CALL(fd_pread(c, fd, P{iovs}, n, off, P{out}));
}
WB_EXPORT u32 wb_fd_prestat_get(u32 pid, u32 fd, u32 out) {
  WB_CALL(fd_prestat_get(c, fd, P{out}));
}
WB_EXPORT u32 wb_fd_prestat_dir_name(u32 pid, u32 fd, u32 path, u32 len) {
  WB_CALL(fd_prestat_dir_name(c, fd, P{path}, len));
}
WB_EXPORT_MAY_BLOCK(u32, wb_fd_pwrite)(u32 pid, u32 fd, u32 iovs, u32 n, u64 off, u32 out) {
  WB_BLOCKING_CALL(fd_pwrite(c, fd, P{iovs}, n, off, P{out}));
}
WB_EXPORT_MAY_BLOCK(u32, wb_fd_read)(u32 pid, u32 fd, u32 iovs, u32 n, u32 out) {
  WB_BLOCKING_CALL(fd_read(c, fd, P{iovs}, n, P{out}));
}
WB_EXPORT u32 wb_fd_readdir(u32 pid, u32 fd, u32 buf, u32 len, u64 cookie, u32 out) {
  WB_CALL(fd_readdir(c, fd, P{buf}, len, cookie, P{out}));
}
WB_EXPORT u32 wb_fd_renumber(u32 pid, u32 fd, u32 to) { WB_CALL(fd_renumber(c, fd, to)); }
WB_EXPORT u32 wb_fd_seek(u32 pid, u32 fd, u64 off, u32 whence, u32 out) {
  WB_CALL(fd_seek(c, fd, off, whence, P{out}));
}
WB_EXPORT u32 wb_fd_sync(u32 pid, u32 fd) { WB_CALL(fd_sync(c, fd)); }
WB_EXPORT u32 wb_fd_tell(u32 pid, u32 fd, u32 out) { WB_CALL(fd_tell(c, fd, P{out})); }
WB_EXPORT_MAY_BLOCK(u32, wb_fd_write)(u32 pid, u32 fd, u32 iovs, u32 n, u32 out) {
  WB_BLOCKING_CALL(fd_write(c, fd, P{iovs}, n, P{out}));
}

WB_EXPORT u32 wb_path_create_directory(u32 pid, u32 fd, u32 path, u32 len) {
  WB_CALL(path_create_directory(c, fd, P{path}, len));
}
WB_EXPORT u32 wb_path_filestat_get(u32 pid, u32 fd, u32 flags, u32 path, u32 len, u32 out) {
  WB_CALL(path_filestat_get(c, fd, flags, P{path}, len, P{out}));
}
WB_EXPORT u32 wb_path_filestat_set_times(u32 pid, u32 fd, u32 flags, u32 path, u32 len, u64 atim,
                                         u64 mtim, u32 fst) {
  WB_CALL(path_filestat_set_times(c, fd, flags, P{path}, len, atim, mtim, fst));
}
WB_EXPORT u32 wb_path_link(u32 pid, u32 ofd, u32 oflags, u32 op, u32 olen, u32 nfd, u32 np,
                           u32 nlen) {
  WB_CALL(path_link(c, ofd, oflags, P{op}, olen, nfd, P{np}, nlen));
}
WB_EXPORT u32 wb_path_open(u32 pid, u32 fd, u32 dirflags, u32 path, u32 len, u32 oflags, u64 base,
                           u64 inh, u32 fdflags, u32 out) {
  WB_CALL(path_open(c, fd, dirflags, P{path}, len, oflags, base, inh, fdflags, P{out}));
}
WB_EXPORT u32 wb_path_readlink(u32 pid, u32 fd, u32 path, u32 len, u32 buf, u32 blen, u32 out) {
  WB_CALL(path_readlink(c, fd, P{path}, len, P{buf}, blen, P{out}));
}
WB_EXPORT u32 wb_path_remove_directory(u32 pid, u32 fd, u32 path, u32 len) {
  WB_CALL(path_remove_directory(c, fd, P{path}, len));
}
WB_EXPORT u32 wb_path_rename(u32 pid, u32 fd, u32 op, u32 olen, u32 nfd, u32 np, u32 nlen) {
  WB_CALL(path_rename(c, fd, P{op}, olen, nfd, P{np}, nlen));
}
WB_EXPORT u32 wb_path_symlink(u32 pid, u32 op, u32 olen, u32 fd, u32 np, u32 nlen) {
  WB_CALL(path_symlink(c, P{op}, olen, fd, P{np}, nlen));
}
WB_EXPORT u32 wb_path_unlink_file(u32 pid, u32 fd, u32 path, u32 len) {
  WB_CALL(path_unlink_file(c, fd, P{path}, len));
}

WB_EXPORT_MAY_BLOCK(u32, wb_poll_oneoff)(u32 pid, u32 in, u32 out, u32 n, u32 nevents) {
  WB_BLOCKING_CALL(poll_oneoff(c, P{in}, P{out}, n, P{nevents}));
}

WB_EXPORT u32 wb_sock_accept(u32 pid, u32 fd, u32 flags, u32 out) {
  WB_CALL(sock_accept(c, fd, flags, P{out}));
}
WB_EXPORT u32 wb_sock_recv(u32 pid, u32 fd, u32 ri, u32 rilen, u32 riflags, u32 ro, u32 roflags) {
  WB_CALL(sock_recv(c, fd, P{ri}, rilen, riflags, P{ro}, P{roflags}));
}
WB_EXPORT u32 wb_sock_send(u32 pid, u32 fd, u32 si, u32 silen, u32 siflags, u32 so) {
  WB_CALL(sock_send(c, fd, P{si}, silen, siflags, P{so}));
}
WB_EXPORT u32 wb_sock_shutdown(u32 pid, u32 fd, u32 how) { WB_CALL(sock_shutdown(c, fd, how)); }

// What a call that answered "would block" waits for: a monotonic deadline in
// ns (-1: none) and a bit mask of host input streams.
WB_EXPORT int64_t wb_wait_deadline(u32 pid) {
  return wb::bind::with_process(pid, int64_t(-1), [](wb::Process& p) {
    return p.wait.deadline ? int64_t(*p.wait.deadline) : -1;
  });
}
// The status of a process that has ended (-1 while it runs): a raised
// signal can end it inside a call.
WB_EXPORT int32_t wb_exit_status(u32 pid) {
  return wb::bind::with_process(
      pid, -1, [](wb::Process& p) { return p.exit_code ? int32_t(*p.exit_code) : -1; });
}
WB_EXPORT u32 wb_wait_inputs(u32 pid) {
  return wb::bind::with_process(pid, u32(0), [](wb::Process& p) { return p.wait.host_inputs; });
}
// Whether only the process's own events (a signal, a child's end) can end
// its wait before the deadline: its wake word moves for those (gate.cpp).
WB_EXPORT u32 wb_wait_own(u32 pid) {
  return wb::bind::with_process(pid, u32(0), [](wb::Process& p) { return u32(p.wait.own_events); });
}
// The caught signals waiting for the guest's handler (bit n: signal n),
// handed over: the runtime delivers them now, through the dispatcher. A
// poll that waits then ends with EINTR.
WB_EXPORT u32 wb_take_signals(u32 pid) {
  return wb::bind::with_process(pid, u32(0),
                                [](wb::Process& p) { return wb::bind::kernel()->take_signals(p); });
}
WB_EXPORT u32 wb_signal_entry(u32 pid) {
  return wb::bind::with_process(pid, u32(0), [](wb::Process& p) { return p.signals.entry; });
}

// Extension imports (abi/wasix/wasix.h): exported as wbx_<name>.
#define WBX_CALL(expr) \
  return wb::bind::run<false>(pid, [&](wb::Call& c) { return wb::wasix::expr; })
#define WBX_BLOCKING_CALL(expr) \
  return wb::bind::run<true>(pid, [&](wb::Call& c) { return wb::wasix::expr; })
WB_EXPORT u32 wbx_fd_dup(u32 pid, u32 fd, u32 out) { WBX_CALL(fd_dup(c, fd, P{out})); }
WB_EXPORT u32 wbx_fd_dup2(u32 pid, u32 fd, u32 min, u32 cloexec, u32 out) {
  WBX_CALL(fd_dup2(c, fd, min, cloexec, P{out}));
}
WB_EXPORT u32 wbx_fd_dup3(u32 pid, u32 from, u32 to, u32 flags) {
  WBX_CALL(fd_dup3(c, from, to, flags));
}
WB_EXPORT u32 wbx_fd_pipe(u32 pid, u32 r, u32 w) { WBX_CALL(fd_pipe(c, P{r}, P{w})); }
WB_EXPORT u32 wbx_fd_fdflags_get(u32 pid, u32 fd, u32 out) {
  WBX_CALL(fd_fdflags_get(c, fd, P{out}));
}
WB_EXPORT u32 wbx_fd_fdflags_set(u32 pid, u32 fd, u32 flags) {
  WBX_CALL(fd_fdflags_set(c, fd, flags));
}
WB_EXPORT u32 wbx_proc_id(u32 pid, u32 out) { WBX_CALL(proc_id(c, P{out})); }
WB_EXPORT u32 wbx_tty_get(u32 pid, u32 out) { WBX_CALL(tty_get(c, P{out})); }
WB_EXPORT u32 wbx_tty_set(u32 pid, u32 in) { WBX_CALL(tty_set(c, P{in})); }
WB_EXPORT u32 wbx_proc_parent(u32 pid, u32 of, u32 out) { WBX_CALL(proc_parent(c, of, P{out})); }
WB_EXPORT u32 wbx_proc_sigaction(u32 pid, u32 sig, u32 d, u32 entry) {
  WBX_CALL(proc_sigaction(c, sig, d, entry));
}
WB_EXPORT u32 wbx_proc_spawn(u32 pid, u32 path, u32 path_len, u32 argv, u32 argc, u32 envp,
                             u32 envc, u32 actions, u32 nactions, u32 out) {
  WBX_CALL(
      proc_spawn(c, P{path}, path_len, P{argv}, argc, P{envp}, envc, P{actions}, nactions, P{out}));
}
WB_EXPORT u32 wbx_proc_kill(u32 pid, u32 target, u32 sig) { WBX_CALL(proc_kill(c, target, sig)); }
WB_EXPORT u32 wbx_proc_exec(u32 pid, u32 path, u32 path_len, u32 argv, u32 argc, u32 envp,
                            u32 envc) {
  WBX_CALL(proc_exec(c, P{path}, path_len, P{argv}, argc, P{envp}, envc));
}
WB_EXPORT u32 wbx_proc_fork(u32 pid, u32 buf, u32 len, u32 out) {
  WBX_CALL(proc_fork(c, P{buf}, len, P{out}));
}
WB_EXPORT u32 wbx_proc_setpgid(u32 pid, u32 of, u32 pgid) { WBX_CALL(proc_setpgid(c, of, pgid)); }
WB_EXPORT u32 wbx_proc_getpgid(u32 pid, u32 of, u32 out) { WBX_CALL(proc_getpgid(c, of, P{out})); }
WB_EXPORT u32 wbx_proc_setsid(u32 pid, u32 out) { WBX_CALL(proc_setsid(c, P{out})); }
WB_EXPORT u32 wbx_proc_getsid(u32 pid, u32 of, u32 out) { WBX_CALL(proc_getsid(c, of, P{out})); }
WB_EXPORT_MAY_BLOCK(u32, wbx_proc_wait)(u32 pid, u32 of, u32 options, u32 status, u32 out) {
  WBX_BLOCKING_CALL(proc_wait(c, of, options, P{status}, P{out}));
}
