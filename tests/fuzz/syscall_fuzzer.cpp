// libFuzzer target: fuzzed guest memory and a fuzzed sequence of WASI and
// Linux-style (abi/linux/linux.h) calls with fuzzed arguments, against an in-memory box (its stdin
// a terminal or not; keystrokes, terminal settings and tar images are fuzzed too). Checks that the
// kernel never crashes (ASan/UBSan), answers only real errnos, and stays within its limits.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <memory>

#include "abi/linux/layout.h"
#include "abi/linux/linux.h"
#include "abi/wasi/wasi.h"
#include "abi/wasix/wasix.h"
#include "byte_array_memory.h"
#include "kernel.h"
#include "native_host.h"
#include "outcome.h"

namespace wb {
namespace {

constexpr uint32_t kMemory = 64 * 1024;
constexpr uint64_t kCapacity = 4ull << 20;

using P = GuestPtr;

// Pointers mostly land in memory (so calls get past the first check),
// sometimes anywhere.
P ptr(FuzzedDataProvider& in) {
  return P{in.ConsumeBool() ? in.ConsumeIntegralInRange<uint32_t>(0, kMemory + 16)
                            : in.ConsumeIntegral<uint32_t>()};
}
uint32_t fd(FuzzedDataProvider& in) { return in.ConsumeIntegralInRange<uint32_t>(0, 12); }
uint32_t len(FuzzedDataProvider& in) {
  return in.ConsumeBool() ? in.ConsumeIntegralInRange<uint32_t>(0, 300)
                          : in.ConsumeIntegral<uint32_t>();
}
uint32_t small(FuzzedDataProvider& in) { return in.ConsumeIntegralInRange<uint32_t>(0, 70); }
uint64_t u64(FuzzedDataProvider& in) { return in.ConsumeIntegral<uint64_t>(); }
uint32_t u32(FuzzedDataProvider& in) { return in.ConsumeIntegral<uint32_t>(); }

// Descriptors for the Linux-style calls: AT_FDCWD and negative ones too.
int32_t sfd(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 5)) {
    case 0:
      return sys::kAtFdcwd;
    case 1:
      return in.ConsumeIntegral<int32_t>();
    default:
      return int32_t(fd(in));
  }
}

// One fuzzed Linux-style call; abort()s on a negative value, else its errno
// (Success for a value).
Errno sys_call_one(Call& c, FuzzedDataProvider& in, bool& may_block) {
  using namespace sys;
  const auto run = [&]() -> SysResult {
    switch (in.ConsumeIntegralInRange<int>(0, 36)) {
      case 0:
        return openat(c, sfd(in), ptr(in), u32(in), ptr(in));
      case 1:
        return mkdirat(c, sfd(in), ptr(in), u32(in));
      case 2:
        return mknodat(c, sfd(in), ptr(in), u32(in), u32(in));
      case 3:
        return unlinkat(c, sfd(in), ptr(in), in.ConsumeBool() ? kAtRemovedir : u32(in));
      case 4:
        return renameat(c, sfd(in), ptr(in), sfd(in), ptr(in));
      case 5:
        return linkat(c, sfd(in), ptr(in), sfd(in), ptr(in), u32(in));
      case 6:
        return symlinkat(c, ptr(in), sfd(in), ptr(in));
      case 7:
        return readlinkat(c, sfd(in), ptr(in), ptr(in), len(in));
      case 8:
        return fstatat64(c, sfd(in), ptr(in), ptr(in), u32(in));
      case 9:
        return faccessat(c, sfd(in), ptr(in), small(in), u32(in));
      case 10:
        return fchmodat(c, sfd(in), ptr(in), u32(in), ptr(in));
      case 11:
        return fchownat(c, sfd(in), ptr(in), u32(in), u32(in), u32(in));
      case 12:
        return utimensat(c, sfd(in), ptr(in), ptr(in), u32(in));
      case 13:
        return truncate64(c, ptr(in), in.ConsumeIntegralInRange<uint32_t>(0, 1 << 20), u32(in));
      case 14:
        return statfs64(c, ptr(in), in.ConsumeBool() ? 64 : len(in), ptr(in));
      case 15:
        return chdir(c, ptr(in));
      case 16:
        return fchdir(c, sfd(in));
      case 17:
        return getcwd(c, ptr(in), len(in));
      case 18:
        return fstat64(c, sfd(in), ptr(in));
      case 19:
        return fstatfs64(c, sfd(in), in.ConsumeBool() ? 64 : len(in), ptr(in));
      case 20:
        return ftruncate64(c, sfd(in), in.ConsumeIntegralInRange<uint32_t>(0, 1 << 20), u32(in));
      case 21:
        return fchmod(c, sfd(in), u32(in));
      case 22:
        return fchown32(c, sfd(in), u32(in), u32(in));
      case 23:
        return fdatasync(c, sfd(in));
      case 24:
        return fallocate(c, sfd(in), small(in) % 4 ? 0 : u32(in), u32(in), u32(in),
                         in.ConsumeIntegralInRange<uint32_t>(0, 1 << 20), u32(in));
      case 25:
        return fadvise64_64(c, sfd(in), u32(in), u32(in), u32(in), u32(in), small(in));
      case 26:
        return getdents64(c, sfd(in), ptr(in), len(in));
      case 27:
        may_block = true;  // F_SETLKW
        return settled(fcntl64(c, sfd(in), in.ConsumeBool() ? small(in) : u32(in), ptr(in)));
      case 28:
        return dup(c, sfd(in));
      case 29:
        return dup3(c, sfd(in), sfd(in), in.ConsumeBool() ? oflag::Cloexec : u32(in));
      case 30:
        return pipe(c, ptr(in));
      case 31:
        return ioctl(c, sfd(in), in.ConsumeBool() ? 0x5401 + small(in) : u32(in), ptr(in));
      case 32:
        may_block = true;
        return settled(poll(c, ptr(in), in.ConsumeIntegralInRange<uint32_t>(0, 16),
                            in.ConsumeBool() ? 0 : in.ConsumeIntegral<int32_t>()));
      case 33:
        may_block = true;
        return settled(newselect(c, in.ConsumeIntegralInRange<int32_t>(-1, 40), ptr(in), ptr(in),
                                 ptr(in), ptr(in)));
      case 34:
        return getuid32(c);
      case 35:
        may_block = true;
        return settled(flock(c, sfd(in), small(in) % 16));
      default:
        return no_sockets(c);
    }
  };
  const SysResult r = run();
  // An error of Success is a kernel bug: an errno the caller rejects.
  if (!r.ok()) return r.error() == Errno::Success ? Errno(0xfffe) : r.error();
  if (r.value() < 0) std::abort();
  return Errno::Success;
}

// One fuzzed call; true if it may legitimately answer "would block".
Errno call_one(Call& c, FuzzedDataProvider& in, bool& may_block) {
  using namespace wasi;
  may_block = false;
  switch (in.ConsumeIntegralInRange<int>(0, 59)) {
    case 0:
      return args_get(c, ptr(in), ptr(in));
    case 1:
      return args_sizes_get(c, ptr(in), ptr(in));
    case 2:
      return environ_get(c, ptr(in), ptr(in));
    case 3:
      return environ_sizes_get(c, ptr(in), ptr(in));
    case 4:
      return clock_res_get(c, small(in), ptr(in));
    case 5:
      return clock_time_get(c, small(in), u64(in), ptr(in));
    case 6:
      return fd_advise(c, fd(in), u64(in), u64(in), small(in));
    case 7:
      return fd_allocate(c, fd(in), in.ConsumeIntegralInRange<uint64_t>(0, 1 << 16), len(in));
    case 8:
      return fd_close(c, fd(in));
    case 9:
      return fd_datasync(c, fd(in));
    case 10:
      return fd_fdstat_get(c, fd(in), ptr(in));
    case 11:
      return fd_fdstat_set_flags(c, fd(in), small(in));
    case 12:
      return fd_fdstat_set_rights(c, fd(in), u64(in), u64(in));
    case 13:
      return fd_filestat_get(c, fd(in), ptr(in));
    case 14:
      return fd_filestat_set_size(c, fd(in), in.ConsumeIntegralInRange<uint64_t>(0, 1 << 20));
    case 15:
      return fd_filestat_set_times(c, fd(in), u64(in), u64(in), small(in));
    case 16:
      return outcome(fd_pread(c, fd(in), ptr(in), small(in), u64(in), ptr(in)));
    case 17:
      return fd_prestat_get(c, fd(in), ptr(in));
    case 18:
      return fd_prestat_dir_name(c, fd(in), ptr(in), len(in));
    case 19:
      return outcome(fd_pwrite(c, fd(in), ptr(in), small(in),
                               in.ConsumeIntegralInRange<uint64_t>(0, 1 << 20), ptr(in)));
    case 20:
      may_block = true;
      return outcome(fd_read(c, fd(in), ptr(in), small(in), ptr(in)));
    case 21:
      return fd_readdir(c, fd(in), ptr(in), len(in), u64(in), ptr(in));
    case 22:
      return fd_renumber(c, fd(in), fd(in));
    case 23:
      return fd_seek(c, fd(in), u64(in), small(in), ptr(in));
    case 24:
      return fd_sync(c, fd(in));
    case 25:
      return fd_tell(c, fd(in), ptr(in));
    case 26:
      may_block = true;
      return outcome(fd_write(c, fd(in), ptr(in), small(in), ptr(in)));
    case 27:
      return path_create_directory(c, fd(in), ptr(in), len(in));
    case 28:
      return path_filestat_get(c, fd(in), small(in), ptr(in), len(in), ptr(in));
    case 29:
      return path_filestat_set_times(c, fd(in), small(in), ptr(in), len(in), u64(in), u64(in),
                                     small(in));
    case 30:
      return path_link(c, fd(in), small(in), ptr(in), len(in), fd(in), ptr(in), len(in));
    case 31:
      return path_open(c, fd(in), small(in), ptr(in), len(in), small(in), u64(in), u64(in),
                       small(in), ptr(in));
    case 32:
      return path_readlink(c, fd(in), ptr(in), len(in), ptr(in), len(in), ptr(in));
    case 33:
      return path_remove_directory(c, fd(in), ptr(in), len(in));
    case 34:
      return path_rename(c, fd(in), ptr(in), len(in), fd(in), ptr(in), len(in));
    case 35:
      return path_symlink(c, ptr(in), len(in), fd(in), ptr(in), len(in));
    case 36:
      return path_unlink_file(c, fd(in), ptr(in), len(in));
    case 37:
      may_block = true;
      return outcome(
          poll_oneoff(c, ptr(in), ptr(in), in.ConsumeIntegralInRange<uint32_t>(0, 8), ptr(in)));
    case 38:
      return proc_exit(c, u32(in));
    case 39:
      return proc_raise(c, small(in));
    case 40:
      return sched_yield(c);
    case 41:
      return random_get(c, ptr(in), in.ConsumeIntegralInRange<uint32_t>(0, 1 << 17));
    case 42:
      return sock_accept(c, fd(in), small(in), ptr(in));
    case 43:
      return sock_recv(c, fd(in), ptr(in), small(in), small(in), ptr(in), ptr(in));
    case 44:
      return sock_send(c, fd(in), ptr(in), small(in), small(in), ptr(in));
    case 45:
      return sock_shutdown(c, fd(in), small(in));
    case 47:
      return wasix::fd_dup2(c, fd(in), small(in), small(in), ptr(in));
    case 48:
      return wasix::fd_dup3(c, fd(in), fd(in), small(in));
    case 49:
      return wasix::fd_pipe(c, ptr(in), ptr(in));
    case 50:
      return wasix::fd_fdflags_get(c, fd(in), ptr(in));
    case 51:
      return wasix::fd_fdflags_set(c, fd(in), small(in));
    case 52:
      return wasix::fd_dup(c, fd(in), ptr(in));
    case 53:
      return wasix::tty_get(c, ptr(in));
    case 54:
      return wasix::tty_set(c, ptr(in));
    case 55: {
      // Any terminal settings at all, as TCSETS could make them.
      Termios t;
      t.iflag = u32(in);
      t.oflag = u32(in);
      t.lflag = u32(in);
      for (uint8_t& cc : t.cc) cc = in.ConsumeIntegral<uint8_t>();
      c.kernel.tty().set_termios(t, in.ConsumeBool());
      return Errno::Success;
    }
    case 56: {
      // A filesystem image: mostly zero blocks and headers' worth of bytes.
      const auto tar = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 4096));
      return c.kernel.load_image(in.ConsumeBool() ? "/" : "/img", tar);
    }
    case 57:
      return wasix::proc_sigaction(c, small(in) % 40, small(in) % 4, u32(in));
    case 58:
    case 59:
      return sys_call_one(c, in, may_block);
    default: {
      const auto bytes = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 64));
      if (in.ConsumeBool())
        c.kernel.feed_input(0, bytes);
      else
        c.kernel.close_input(0);
      return Errno::Success;
    }
  }
}

}  // namespace
}  // namespace wb

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wb;
  FuzzedDataProvider in(data, size);
  NativeHost host;
  KernelConfig config;
  config.max_fds = 12;
  config.memfs_capacity = kCapacity;
  config.stdin_tty = in.ConsumeBool();
  host.tty = config.stdin_tty;
  Kernel kernel(host, config);
  auto memory = std::make_unique<ByteArrayMemory>(kMemory);
  ByteArrayMemory& mem = *memory;
  // The guest's memory starts as fuzz input: paths, iovecs, subscriptions.
  const auto seed = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange<size_t>(0, 4096));
  std::copy(seed.begin(), seed.end(), mem.bytes.begin());
  SpawnOptions opts;
  opts.args = {"fuzz"};
  opts.preopens = {{"/", kernel.root()}, {"/tmp", kernel.root()}};
  auto pid = kernel.spawn(std::move(opts), std::move(memory));
  if (!pid.ok()) std::abort();
  Process& proc = *kernel.process(*pid);

  while (in.remaining_bytes() > 0) {
    Call c(kernel, proc);
    bool may_block = false;
    const Errno e = call_one(c, in, may_block);
    const bool valid = uint16_t(e) <= uint16_t(Errno::NotCapable) || (e == kBlocked && may_block);
    if (!valid) std::abort();
    if (kernel.memfs().used() > kCapacity) std::abort();
  }
  return 0;
}
