// This file declares the handlers of all 46 WASI preview1 imports. Each
// returns the errno the guest sees; those that may wait return a
// BlockingStatus, whose "would block" stays in the runtime. Pointers are
// GuestPtr; i64 arguments are uint64_t.
#pragma once

#include <cstdint>

#include "abi/call.h"
#include "abi/wasi/layout.h"
#include "base/blocking.h"

namespace wb::wasi {

using P = GuestPtr;
using u32 = uint32_t;
using u64 = uint64_t;

// args.cpp
Errno args_get(Call& c, P argv, P buf);
Errno args_sizes_get(Call& c, P argc, P buf_size);
Errno environ_get(Call& c, P environ, P buf);
Errno environ_sizes_get(Call& c, P count, P buf_size);

// clock.cpp
Errno clock_res_get(Call& c, u32 id, P resolution);
Errno clock_time_get(Call& c, u32 id, u64 precision, P time);
Errno random_get(Call& c, P buf, u32 len);
Errno sched_yield(Call& c);

// proc.cpp
Errno proc_exit(Call& c, u32 code);
Errno proc_raise(Call& c, u32 sig);

// fd.cpp
Errno fd_advise(Call& c, u32 fd, u64 offset, u64 len, u32 advice);
Errno fd_allocate(Call& c, u32 fd, u64 offset, u64 len);
Errno fd_close(Call& c, u32 fd);
Errno fd_datasync(Call& c, u32 fd);
Errno fd_fdstat_get(Call& c, u32 fd, P stat);
Errno fd_fdstat_set_flags(Call& c, u32 fd, u32 flags);
Errno fd_fdstat_set_rights(Call& c, u32 fd, u64 base, u64 inheriting);
Errno fd_filestat_get(Call& c, u32 fd, P stat);
Errno fd_filestat_set_size(Call& c, u32 fd, u64 size);
Errno fd_filestat_set_times(Call& c, u32 fd, u64 atim, u64 mtim, u32 flags);
BlockingStatus fd_pread(Call& c, u32 fd, P iovs, u32 iovs_len, u64 offset, P nread);
Errno fd_prestat_get(Call& c, u32 fd, P prestat);
Errno fd_prestat_dir_name(Call& c, u32 fd, P path, u32 path_len);
BlockingStatus fd_pwrite(Call& c, u32 fd, P iovs, u32 iovs_len, u64 offset, P nwritten);
BlockingStatus fd_read(Call& c, u32 fd, P iovs, u32 iovs_len, P nread);
Errno fd_readdir(Call& c, u32 fd, P buf, u32 buf_len, u64 cookie, P bufused);
Errno fd_renumber(Call& c, u32 fd, u32 to);
Errno fd_seek(Call& c, u32 fd, u64 offset, u32 whence, P newoffset);
Errno fd_sync(Call& c, u32 fd);
Errno fd_tell(Call& c, u32 fd, P offset);
BlockingStatus fd_write(Call& c, u32 fd, P iovs, u32 iovs_len, P nwritten);

// path.cpp
Errno path_create_directory(Call& c, u32 fd, P path, u32 path_len);
Errno path_filestat_get(Call& c, u32 fd, u32 flags, P path, u32 path_len, P stat);
Errno path_filestat_set_times(Call& c, u32 fd, u32 flags, P path, u32 path_len, u64 atim, u64 mtim,
                              u32 fst_flags);
Errno path_link(Call& c, u32 old_fd, u32 old_flags, P old_path, u32 old_len, u32 new_fd, P new_path,
                u32 new_len);
Errno path_open(Call& c, u32 fd, u32 dirflags, P path, u32 path_len, u32 oflags, u64 rights_base,
                u64 rights_inheriting, u32 fdflags, P opened_fd);
Errno path_readlink(Call& c, u32 fd, P path, u32 path_len, P buf, u32 buf_len, P bufused);
Errno path_remove_directory(Call& c, u32 fd, P path, u32 path_len);
Errno path_rename(Call& c, u32 fd, P old_path, u32 old_len, u32 new_fd, P new_path, u32 new_len);
Errno path_symlink(Call& c, P old_path, u32 old_len, u32 fd, P new_path, u32 new_len);
Errno path_unlink_file(Call& c, u32 fd, P path, u32 path_len);

// poll.cpp
BlockingStatus poll_oneoff(Call& c, P in, P out, u32 nsubscriptions, P nevents);

// sock.cpp
Errno sock_accept(Call& c, u32 fd, u32 flags, P result_fd);
Errno sock_recv(Call& c, u32 fd, P ri_data, u32 ri_data_len, u32 ri_flags, P ro_datalen,
                P ro_flags);
Errno sock_send(Call& c, u32 fd, P si_data, u32 si_data_len, u32 si_flags, P so_datalen);
Errno sock_shutdown(Call& c, u32 fd, u32 how);

}  // namespace wb::wasi
