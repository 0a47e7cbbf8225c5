// The guest ABI the runtime binds: every WASI preview1 import, each served
// by the kernel export `wb_<name>` (shim/src/bind/exports.cpp). A test checks
// the two lists agree.

export const WASI_MODULE = 'wasi_snapshot_preview1';

// Each function's parameter types, from the spec's witx: i = i32, j = i64.
// All return an errno (i32) but proc_exit, which returns nothing.
export const WASI_SIGNATURES = Object.freeze({
  args_get: 'ii', args_sizes_get: 'ii', environ_get: 'ii', environ_sizes_get: 'ii',
  clock_res_get: 'ii', clock_time_get: 'iji',
  fd_advise: 'ijji', fd_allocate: 'ijj', fd_close: 'i', fd_datasync: 'i',
  fd_fdstat_get: 'ii', fd_fdstat_set_flags: 'ii', fd_fdstat_set_rights: 'ijj',
  fd_filestat_get: 'ii', fd_filestat_set_size: 'ij', fd_filestat_set_times: 'ijji',
  fd_pread: 'iiiji', fd_prestat_get: 'ii', fd_prestat_dir_name: 'iii', fd_pwrite: 'iiiji',
  fd_read: 'iiii', fd_readdir: 'iiiji', fd_renumber: 'ii', fd_seek: 'ijii', fd_sync: 'i',
  fd_tell: 'ii', fd_write: 'iiii',
  path_create_directory: 'iii', path_filestat_get: 'iiiii', path_filestat_set_times: 'iiiijji',
  path_link: 'iiiiiii', path_open: 'iiiiijjii', path_readlink: 'iiiiii',
  path_remove_directory: 'iii', path_rename: 'iiiiii', path_symlink: 'iiiii',
  path_unlink_file: 'iii',
  poll_oneoff: 'iiii', proc_exit: 'i', proc_raise: 'i', sched_yield: '', random_get: 'ii',
  sock_accept: 'iii', sock_recv: 'iiiiii', sock_send: 'iiiii', sock_shutdown: 'ii',
});

export const WASI_FUNCTIONS = Object.freeze(Object.keys(WASI_SIGNATURES));

// Extension imports for what preview1 cannot express (shim/src/abi/ext.h),
// served by the kernel exports `wbx_<name>`: WASIX's names and types where
// WASIX has the call, the module "wasmbox" where it has none.
export const EXTENSION_SIGNATURES = Object.freeze({
  wasix_32v1: Object.freeze({
    fd_dup: 'ii', fd_dup2: 'iiii', fd_pipe: 'ii', fd_fdflags_get: 'ii', fd_fdflags_set: 'ii',
    proc_id: 'i', proc_parent: 'ii', tty_get: 'i', tty_set: 'i',
  }),
  wasmbox: Object.freeze({
    fd_dup3: 'iii', proc_sigaction: 'iii', proc_spawn: 'iiiiiiiii', proc_wait: 'iiii',
  }),
});

// Emscripten's Linux-style syscalls (shim/src/abi/sys.h): every
// `env.__syscall_*` an `emcc -sSTANDALONE_WASM` module can import (those
// Emscripten 3.1.6 implements in JS), with its number of i32 arguments.
// Each returns a value or a negative errno, served by `wbs_<name>`.
export const SYSCALL_MODULE = 'env';
export const SYSCALL_PREFIX = '__syscall_';
const SYSCALL_ARITY = {
  _newselect: 5, accept4: 6, bind: 6, chdir: 1, chmod: 2, chown32: 3, connect: 6, dup: 1, dup3: 3,
  faccessat: 4, fadvise64_64: 6, fallocate: 6, fchdir: 1, fchmod: 2, fchmodat: 4, fchown32: 3,
  fchownat: 5, fcntl64: 3, fdatasync: 1, fstat64: 2, fstatat64: 4, fstatfs64: 3, ftruncate64: 3,
  getcwd: 2, getdents64: 3, getegid32: 0, geteuid32: 0, getgid32: 0, getpeername: 6,
  getsockname: 6, getsockopt: 6, getuid32: 0, ioctl: 3, lchown32: 3, linkat: 5, listen: 6,
  lstat64: 2, mkdir: 2, mkdirat: 3, mknod: 3, mknodat: 4, open: 3, openat: 4, pipe: 1, poll: 3,
  readlink: 3, readlinkat: 4, recvfrom: 6, recvmsg: 6, rename: 2, renameat: 4, rmdir: 1,
  sendmsg: 6, sendto: 6, shutdown: 6, socket: 6, stat64: 2, statfs64: 3, symlink: 2,
  symlinkat: 3, truncate64: 3, unlink: 1, unlinkat: 3, utimensat: 4,
};
export const SYSCALL_SIGNATURES = Object.freeze(Object.fromEntries(
  Object.entries(SYSCALL_ARITY).map(([name, n]) => [SYSCALL_PREFIX + name, 'i'.repeat(n)])));

// Every import a guest may declare that the kernel serves:
// module → name → parameter types.
export const IMPORT_SIGNATURES = Object.freeze({
  [WASI_MODULE]: WASI_SIGNATURES,
  ...EXTENSION_SIGNATURES,
  [SYSCALL_MODULE]: SYSCALL_SIGNATURES,
});

/** The kernel export that serves an import. */
export function kernelExport(module, name) {
  if (module === WASI_MODULE) return `wb_${name}`;
  if (module === SYSCALL_MODULE) return `wbs_${name.slice(SYSCALL_PREFIX.length)}`;
  return `wbx_${name}`;
}

// The WASI functions that return nothing.
export const NO_RESULT = new Set(['proc_exit']);

// Kernel-internal: the call cannot complete yet (shim/src/base/errno.h).
// WASI handlers return it as their errno, syscalls as -WOULD_BLOCK.
export const WOULD_BLOCK = 0xffff;

// The imports whose kernel handler may answer "would block", as
// "module.name" → the value that means it.
export const BLOCKING_IMPORTS = new Map([
  ...['fd_read', 'fd_write', 'poll_oneoff'].map((n) => [`${WASI_MODULE}.${n}`, WOULD_BLOCK]),
  ['wasmbox.proc_wait', WOULD_BLOCK],
  ...['poll', '_newselect'].map((n) => [`${SYSCALL_MODULE}.${SYSCALL_PREFIX}${n}`, -WOULD_BLOCK]),
]);

// WASI errno numbers the runtime itself produces.
export const Errno = Object.freeze({
  SUCCESS: 0, AGAIN: 6, BADF: 8, DEADLK: 16, INVAL: 28, IO: 29, NOSPC: 51, PIPE: 64,
});

export const CLOCK = Object.freeze({ REALTIME: 0, MONOTONIC: 1, CPUTIME: 2 });
