// The guest ABI the runtime binds: every WASI preview1 import, each served
// by the kernel export `wb_<name>` (shim/src/bind/exports.cpp). A test checks
// the two lists agree.

export const WASI_MODULE = 'wasi_snapshot_preview1';

// Each function's parameter types, as the kernel's handlers take them
// (shim/src/abi/wasi/wasi.h): i = i32, p = i32 guest address (GuestPtr),
// j = i64. The adapter types p as i32; traces show it in hex. All return an
// errno (i32) but proc_exit, which returns nothing. A test checks the
// kernel's exports agree.
export const WASI_SIGNATURES = Object.freeze({
  args_get: 'pp', args_sizes_get: 'pp', environ_get: 'pp', environ_sizes_get: 'pp',
  clock_res_get: 'ip', clock_time_get: 'ijp',
  fd_advise: 'ijji', fd_allocate: 'ijj', fd_close: 'i', fd_datasync: 'i',
  fd_fdstat_get: 'ip', fd_fdstat_set_flags: 'ii', fd_fdstat_set_rights: 'ijj',
  fd_filestat_get: 'ip', fd_filestat_set_size: 'ij', fd_filestat_set_times: 'ijji',
  fd_pread: 'ipijp', fd_prestat_get: 'ip', fd_prestat_dir_name: 'ipi', fd_pwrite: 'ipijp',
  fd_read: 'ipip', fd_readdir: 'ipijp', fd_renumber: 'ii', fd_seek: 'ijip', fd_sync: 'i',
  fd_tell: 'ip', fd_write: 'ipip',
  path_create_directory: 'ipi', path_filestat_get: 'iipip', path_filestat_set_times: 'iipijji',
  path_link: 'iipiipi', path_open: 'iipiijjip', path_readlink: 'ipipip',
  path_remove_directory: 'ipi', path_rename: 'ipiipi', path_symlink: 'piipi',
  path_unlink_file: 'ipi',
  poll_oneoff: 'ppip', proc_exit: 'i', proc_raise: 'i', sched_yield: '', random_get: 'pi',
  sock_accept: 'iip', sock_recv: 'ipiipp', sock_send: 'ipiip', sock_shutdown: 'ii',
});

export const WASI_FUNCTIONS = Object.freeze(Object.keys(WASI_SIGNATURES));

// Extension imports for what preview1 cannot express (shim/src/abi/wasix/wasix.h),
// served by the kernel exports `wbx_<name>`: WASIX's names and types where
// WASIX has the call, the module "wasmbox" where it has none.
export const WASMBOX_MODULE = 'wasmbox';
export const EXTENSION_SIGNATURES = Object.freeze({
  wasix_32v1: Object.freeze({
    fd_dup: 'ip', fd_dup2: 'iiip', fd_pipe: 'pp', fd_fdflags_get: 'ip', fd_fdflags_set: 'ii',
    proc_id: 'p', proc_parent: 'ip', tty_get: 'p', tty_set: 'p',
  }),
  [WASMBOX_MODULE]: Object.freeze({
    fd_dup3: 'iii', proc_exec: 'pipipi', proc_fork: 'pip', proc_getpgid: 'ip', proc_getsid: 'ip',
    proc_kill: 'ii', proc_setpgid: 'ii', proc_setsid: 'p', proc_sigaction: 'iii', proc_spawn: 'pipipipip',
    proc_wait: 'iipp',
  }),
});

// A module built for fork (wasmbox-cc, toolchain/fork-build.js) exports
// binaryen's asyncify functions and each of its mutable globals under this
// prefix, for the runtime to copy to a child.
export const FORK_GLOBAL_PREFIX = '__wasmbox_global_';

// Emscripten's Linux-style syscalls (shim/src/abi/linux/linux.h): every
// `env.__syscall_*` an `emcc -sSTANDALONE_WASM` module can import (those
// Emscripten 3.1.6 implements in JS), with its i32 arguments (p: a guest
// address). Each returns a value or a negative errno, served by `wbs_<name>`.
// The socket calls take six arguments the kernel ignores (ENOSYS).
export const SYSCALL_MODULE = 'env';
export const SYSCALL_PREFIX = '__syscall_';
const SYSCALL_PARAMS = {
  _newselect: 'ipppp', accept4: 'iiiiii', bind: 'iiiiii', chdir: 'p', chmod: 'pi', chown32: 'pii',
  connect: 'iiiiii', dup: 'i', dup3: 'iii', faccessat: 'ipii', fadvise64_64: 'iiiiii',
  fallocate: 'iiiiii', fchdir: 'i', fchmod: 'ii', fchmodat: 'ipip', fchown32: 'iii',
  fchownat: 'ipiii', fcntl64: 'iip', fdatasync: 'i', flock: 'ii', fstat64: 'ip', fstatat64: 'ippi',
  fstatfs64: 'iip', ftruncate64: 'iii', getcwd: 'pi', getdents64: 'ipi', getegid32: '',
  geteuid32: '', getgid32: '', getpeername: 'iiiiii', getsockname: 'iiiiii',
  getsockopt: 'iiiiii', getuid32: '', ioctl: 'iip', lchown32: 'pii', linkat: 'ipipi',
  listen: 'iiiiii', lstat64: 'pp', mkdir: 'pi', mkdirat: 'ipi', mknod: 'pii', mknodat: 'ipii',
  open: 'pip', openat: 'ipip', pipe: 'p', poll: 'pii', readlink: 'ppi', readlinkat: 'ippi',
  recvfrom: 'iiiiii', recvmsg: 'iiiiii', rename: 'pp', renameat: 'ipip', rmdir: 'p',
  sendmsg: 'iiiiii', sendto: 'iiiiii', shutdown: 'iiiiii', socket: 'iiiiii', stat64: 'pp',
  statfs64: 'pip', symlink: 'pp', symlinkat: 'pip', truncate64: 'pii', unlink: 'p',
  unlinkat: 'ipi', utimensat: 'ippi',
};
export const SYSCALL_SIGNATURES = Object.freeze(Object.fromEntries(
  Object.entries(SYSCALL_PARAMS).map(([name, params]) => [SYSCALL_PREFIX + name, params])));

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

// The kernel exports, besides each import whose handler may answer
// "would block", `<export>${MAY_BLOCK}` (shim/src/bind/wire.h): the list
// exists only in the handlers' types.
export const MAY_BLOCK = '__may_block';

/**
 * The imports whose kernel handler may answer "would block", as
 * "module.name" → the value that means it, read from the kernel's export
 * names.
 * @param {Iterable<string>} exportNames
 * @returns {Map<string, number>}
 */
export function blockingImports(exportNames) {
  const names = new Set(exportNames);
  const blocking = new Map();
  for (const [module, signatures] of Object.entries(IMPORT_SIGNATURES)) {
    for (const name of Object.keys(signatures)) {
      if (!names.has(kernelExport(module, name) + MAY_BLOCK)) continue;
      blocking.set(`${module}.${name}`, module === SYSCALL_MODULE ? -WOULD_BLOCK : WOULD_BLOCK);
    }
  }
  return blocking;
}

// Every WASI errno's name, indexed by its number (shim/src/base/errno.h;
// a test checks they agree): Emscripten's errno.h uses the same numbers.
export const ERRNO_NAMES = Object.freeze([
  'SUCCESS', 'E2BIG', 'EACCES', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EAGAIN', 'EALREADY',
  'EBADF', 'EBADMSG', 'EBUSY', 'ECANCELED', 'ECHILD', 'ECONNABORTED', 'ECONNREFUSED', 'ECONNRESET',
  'EDEADLK', 'EDESTADDRREQ', 'EDOM', 'EDQUOT', 'EEXIST', 'EFAULT', 'EFBIG', 'EHOSTUNREACH', 'EIDRM',
  'EILSEQ', 'EINPROGRESS', 'EINTR', 'EINVAL', 'EIO', 'EISCONN', 'EISDIR', 'ELOOP', 'EMFILE',
  'EMLINK', 'EMSGSIZE', 'EMULTIHOP', 'ENAMETOOLONG', 'ENETDOWN', 'ENETRESET', 'ENETUNREACH',
  'ENFILE', 'ENOBUFS', 'ENODEV', 'ENOENT', 'ENOEXEC', 'ENOLCK', 'ENOLINK', 'ENOMEM', 'ENOMSG',
  'ENOPROTOOPT', 'ENOSPC', 'ENOSYS', 'ENOTCONN', 'ENOTDIR', 'ENOTEMPTY', 'ENOTRECOVERABLE',
  'ENOTSOCK', 'ENOTSUP', 'ENOTTY', 'ENXIO', 'EOVERFLOW', 'EOWNERDEAD', 'EPERM', 'EPIPE', 'EPROTO',
  'EPROTONOSUPPORT', 'EPROTOTYPE', 'ERANGE', 'EROFS', 'ESPIPE', 'ESRCH', 'ESTALE', 'ETIMEDOUT',
  'ETXTBSY', 'EXDEV', 'ENOTCAPABLE',
]);

// WASI errno numbers the runtime itself produces.
export const Errno = Object.freeze({
  SUCCESS: 0, AGAIN: 6, BADF: 8, DEADLK: 16, INVAL: 28, IO: 29, NOSPC: 51, NOSYS: 52, PIPE: 64,
});

export const CLOCK = Object.freeze({ REALTIME: 0, MONOTONIC: 1, CPUTIME: 2 });
