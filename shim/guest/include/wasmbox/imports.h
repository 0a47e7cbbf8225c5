/* The kernel's imports the guest library calls, under names of its own so
 * they never clash with a libc's symbols. `long` is 32 bits (wasm32). */
#ifndef WASMBOX_IMPORTS_H
#define WASMBOX_IMPORTS_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "wasmbox/signals.h"

#define WASMBOX_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* Emscripten's Linux-style syscalls: a value or a negative errno. Varargs
 * is a pointer to the variadic argument (one long). */
WASMBOX_IMPORT("env", "__syscall_openat")
long __wasmbox_sys_openat(long dirfd, long path, long flags, long varargs);
WASMBOX_IMPORT("env", "__syscall_ioctl")
long __wasmbox_sys_ioctl(long fd, long request, long varargs);
WASMBOX_IMPORT("env", "__syscall_fcntl64")
long __wasmbox_sys_fcntl64(long fd, long cmd, long varargs);
/* flock(2): not one of Emscripten's, served all the same. */
WASMBOX_IMPORT("env", "__syscall_flock")
long __wasmbox_sys_flock(long fd, long op);
/* For wasi-libc, which has no modes, owners or user ids (the box's one
 * user is root). */
WASMBOX_IMPORT("env", "__syscall_fchmodat")
long __wasmbox_sys_fchmodat(long dirfd, long path, long mode, long varargs);
WASMBOX_IMPORT("env", "__syscall_fchmod")
long __wasmbox_sys_fchmod(long fd, long mode);
WASMBOX_IMPORT("env", "__syscall_fchownat")
long __wasmbox_sys_fchownat(long dirfd, long path, long owner, long group, long flags);
WASMBOX_IMPORT("env", "__syscall_fchown32")
long __wasmbox_sys_fchown32(long fd, long owner, long group);
WASMBOX_IMPORT("env", "__syscall_getuid32")
long __wasmbox_sys_getuid32(void);
WASMBOX_IMPORT("env", "__syscall_geteuid32")
long __wasmbox_sys_geteuid32(void);
WASMBOX_IMPORT("env", "__syscall_getgid32")
long __wasmbox_sys_getgid32(void);
WASMBOX_IMPORT("env", "__syscall_getegid32")
long __wasmbox_sys_getegid32(void);
/* The working directory, which wasi-libc otherwise keeps to itself. */
WASMBOX_IMPORT("env", "__syscall_chdir")
long __wasmbox_sys_chdir(long path);
WASMBOX_IMPORT("env", "__syscall_getcwd")
long __wasmbox_sys_getcwd(long buf, long size);
WASMBOX_IMPORT("env", "__syscall_poll")
long __wasmbox_sys_poll(long fds, long nfds, long timeout);

/* WASI's poll_oneoff, declared here because Emscripten's and wasi-libc's
 * headers spell its structs differently. */
WASMBOX_IMPORT("wasi_snapshot_preview1", "poll_oneoff")
uint16_t __wasmbox_poll_oneoff(const void* in, void* out, uint32_t nsubscriptions,
                               uint32_t* nevents);

/* WASI's proc_raise, which takes WASI's numbering of the signals. */
WASMBOX_IMPORT("wasi_snapshot_preview1", "proc_raise")
uint16_t __wasmbox_proc_raise(uint32_t wasi_sig);

/* The default action of Linux signal `sig` (wasmbox/signals.h): the end of
 * the process by that signal, which the kernel records so that a parent's
 * waitpid sees WIFSIGNALED, or nothing. */
static inline void __wasmbox_default_action(int sig) {
  if (!wasmbox_signal_terminates(sig)) return;
  (void)__wasmbox_proc_raise(wasmbox_signal_to_wasi(sig));
  _Exit(128 + sig); /* only if the kernel did not end it */
}

/* WASIX-style descriptor calls: a WASI errno. */
WASMBOX_IMPORT("wasix_32v1", "fd_dup")
uint16_t __wasmbox_fd_dup(uint32_t fd, uint32_t* out);
WASMBOX_IMPORT("wasix_32v1", "fd_pipe")
uint16_t __wasmbox_fd_pipe(uint32_t* read_fd, uint32_t* write_fd);
WASMBOX_IMPORT("wasix_32v1", "proc_id")
uint16_t __wasmbox_proc_id(uint32_t* pid);
WASMBOX_IMPORT("wasix_32v1", "proc_parent")
uint16_t __wasmbox_proc_parent(uint32_t pid, uint32_t* parent);
/* Tells the kernel what the program does with Linux signal `sig`: 0
 * default, 1 ignore, 2 catch, when the runtime calls `dispatch` for it. */
WASMBOX_IMPORT("wasmbox", "proc_sigaction")
uint16_t __wasmbox_proc_sigaction(uint32_t sig, uint32_t disposition, void (*dispatch)(int));
WASMBOX_IMPORT("wasmbox", "fd_dup3")
uint16_t __wasmbox_fd_dup3(uint32_t from, uint32_t to, uint32_t flags);

/* A file action of proc_spawn, run in the child before it starts. */
struct __wasmbox_spawn_action {
  uint32_t op; /* 1 close fd, 2 dup2 src onto fd, 3 chdir to path */
  uint32_t fd;
  uint32_t src_or_path;
  uint32_t path_len;
};
/* Starts the WebAssembly program at `path` as a child; a WASI errno. */
WASMBOX_IMPORT("wasmbox", "proc_spawn")
uint16_t __wasmbox_proc_spawn(const char* path, uint32_t path_len, char* const* argv, uint32_t argc,
                              char* const* envp, uint32_t envc,
                              const struct __wasmbox_spawn_action* actions, uint32_t nactions,
                              uint32_t* pid);
/* kill(2) with Linux's signal numbers; a WASI errno. */
WASMBOX_IMPORT("wasmbox", "proc_kill")
uint16_t __wasmbox_proc_kill(int32_t pid, uint32_t sig);
/* execve: on success the runtime replaces the caller's module, so it does
 * not return; else a WASI errno. */
WASMBOX_IMPORT("wasmbox", "proc_exec")
uint16_t __wasmbox_proc_exec(const char* path, uint32_t path_len, char* const* argv, uint32_t argc,
                             char* const* envp, uint32_t envc);
/* fork: the runtime saves the caller's stack in `saved` (`len` bytes)
 * and copies the caller; both return, *pid the child's in the parent, 0 in
 * the child. A WASI errno. */
WASMBOX_IMPORT("wasmbox", "proc_fork")
uint16_t __wasmbox_proc_fork(void* saved, uint32_t len, uint32_t* pid);
/* setpgid, getpgid, setsid and getsid (pid 0: the caller); WASI errnos. */
WASMBOX_IMPORT("wasmbox", "proc_setpgid")
uint16_t __wasmbox_proc_setpgid(uint32_t pid, uint32_t pgid);
WASMBOX_IMPORT("wasmbox", "proc_getpgid")
uint16_t __wasmbox_proc_getpgid(uint32_t pid, uint32_t* pgid);
WASMBOX_IMPORT("wasmbox", "proc_setsid")
uint16_t __wasmbox_proc_setsid(uint32_t* sid);
WASMBOX_IMPORT("wasmbox", "proc_getsid")
uint16_t __wasmbox_proc_getsid(uint32_t pid, uint32_t* sid);
/* waitpid: Linux's options and status; *pid is 0 when WNOHANG found none. */
WASMBOX_IMPORT("wasmbox", "proc_wait")
uint16_t __wasmbox_proc_wait(int32_t pid, uint32_t options, uint32_t* status, uint32_t* ret_pid);

/* A handler's disposition, as proc_sigaction takes it. */
static inline uint32_t __wasmbox_disposition(void (*handler)(int), void (*ignore)(int)) {
  return handler == (void (*)(int))0 ? 0 : handler == ignore ? 1 : 2;
}

/* A syscall's result as libc returns it: -1 with errno set on failure. */
static inline long __wasmbox_ret(long r) {
  if (r < 0 && r > -4096) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

/* Waits until a signal's handler has run (the kernel then ends a waiting
 * poll with EINTR): -1 with errno EINTR, or EDEADLK when no process could
 * ever signal the caller. */
static inline int __wasmbox_wait_for_signal(void) {
  long r;
  while ((r = __wasmbox_sys_poll(0, 0, -1)) >= 0) {
  }
  return (int)__wasmbox_ret(r);
}

/* A WASI errno as libc returns it. */
static inline int __wasmbox_errno(uint16_t e) { return e ? (int)__wasmbox_ret(-(long)e) : 0; }

#endif
