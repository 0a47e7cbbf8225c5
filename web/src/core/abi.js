// The guest ABI the runtime binds: every WASI preview1 import, each served
// by the kernel export `wb_<name>` (shim/src/bind/exports.cpp). A test checks
// the two lists agree.

export const WASI_MODULE = 'wasi_snapshot_preview1';

export const WASI_FUNCTIONS = Object.freeze([
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get',
  'clock_res_get', 'clock_time_get',
  'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get',
  'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get',
  'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get',
  'fd_prestat_dir_name', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber',
  'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times',
  'path_link', 'path_open', 'path_readlink', 'path_remove_directory',
  'path_rename', 'path_symlink', 'path_unlink_file',
  'poll_oneoff', 'proc_exit', 'proc_raise', 'sched_yield', 'random_get',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
]);

// The calls whose kernel handler may answer WOULD_BLOCK.
export const BLOCKING_FUNCTIONS = new Set(['fd_read', 'fd_write', 'poll_oneoff']);

// Kernel-internal: the call cannot complete yet (shim/src/base/errno.h).
export const WOULD_BLOCK = 0xffff;

// WASI errno numbers the runtime itself produces.
export const Errno = Object.freeze({ SUCCESS: 0, AGAIN: 6, BADF: 8, INVAL: 28, IO: 29, NOSPC: 51, PIPE: 64 });

export const CLOCK = Object.freeze({ REALTIME: 0, MONOTONIC: 1, CPUTIME: 2 });
