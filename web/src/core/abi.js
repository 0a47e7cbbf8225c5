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
  }),
  wasmbox: Object.freeze({ fd_dup3: 'iii' }),
});

// Every import a guest may declare: module → name → parameter types.
export const IMPORT_SIGNATURES = Object.freeze({
  [WASI_MODULE]: WASI_SIGNATURES,
  ...EXTENSION_SIGNATURES,
});

// The WASI functions that return nothing.
export const NO_RESULT = new Set(['proc_exit']);

// The calls whose kernel handler may answer WOULD_BLOCK.
export const BLOCKING_FUNCTIONS = new Set(['fd_read', 'fd_write', 'poll_oneoff']);

// Kernel-internal: the call cannot complete yet (shim/src/base/errno.h).
export const WOULD_BLOCK = 0xffff;

// WASI errno numbers the runtime itself produces.
export const Errno = Object.freeze({ SUCCESS: 0, AGAIN: 6, BADF: 8, INVAL: 28, IO: 29, NOSPC: 51, PIPE: 64 });

export const CLOCK = Object.freeze({ REALTIME: 0, MONOTONIC: 1, CPUTIME: 2 });
