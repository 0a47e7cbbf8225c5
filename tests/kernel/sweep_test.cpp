// Sweeps over all 46 WASI handlers: bad fds, bad pointers, random arguments.
#include <random>
#include <string>
#include <vector>

#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

constexpr uint32_t kBadFd = 999;
constexpr uint64_t kRW = right::FdRead | right::FdWrite;

// What every sweep case can use: a regular file open read-write, valid
// buffers and paths ("ff" a file, "dd" an empty directory, "ll" a
// symlink, "nw" a free name), all two bytes long.
struct Env {
  Kernel* kernel;
  Process* proc;
  ByteArrayMemory* mem;
  uint32_t file = 0;
  P buf, out, out2, iov, iov2, subs, ff, dd, ll, nw;

  Call call() const { return Call(*kernel, *proc); }
  void set_iov(P at, P to, uint32_t len) {
    Record<8> r;
    r.u32(0, to.addr);
    r.u32(4, len);
    std::copy(r.data(), r.data() + 8, mem->bytes.begin() + at.addr);
  }
  // A subscription (at subs) for reading `fd`.
  P fd_sub(uint32_t fd) {
    Record<layout::kSubscriptionSize> r;
    r.u8(layout::kSubTag, uint8_t(EventType::FdRead));
    r.u32(layout::kSubFd, fd);
    std::copy(r.data(), r.data() + r.size(), mem->bytes.begin() + subs.addr);
    return subs;
  }
};

class SweepBase : public BoxTest {
 protected:
  void SetUp() override { prepare(); }
  void prepare() {
    make_file("ff", "0123456789");
    ASSERT_EQ(mkdir("dd"), Errno::Success);
    ASSERT_EQ(symlink("a-longer-target", "ll"), Errno::Success);
    auto fd = open("ff");
    ASSERT_TRUE(fd.ok());
    bind();
    env.file = *fd;
    env.buf = alloc(256);
    env.out = alloc(64);
    env.out2 = alloc(64);
    env.iov = alloc(8);
    env.iov2 = alloc(8);
    env.subs = alloc(layout::kSubscriptionSize);
    env.set_iov(env.iov, env.buf, 16);
    Record<layout::kSubscriptionSize> clock;
    clock.u8(layout::kSubTag, uint8_t(EventType::Clock));
    clock.u32(layout::kSubClockId, uint32_t(ClockId::Monotonic));
    std::copy(clock.data(), clock.data() + clock.size(), mem->bytes.begin() + env.subs.addr);
    env.ff = put("ff");
    env.dd = put("dd");
    env.ll = put("ll");
    env.nw = put("nw");
  }
  void bind() {
    env.kernel = &kernel;
    env.proc = proc;
    env.mem = mem;
  }
  Env env;
};

// (a) every handler that takes a descriptor, given one that is not open.

struct FdCase {
  const char* name;
  Errno (*fn)(Env&, uint32_t);
};

class SweepBadFd : public SweepBase, public ::testing::WithParamInterface<FdCase> {};

TEST_P(SweepBadFd, IsBadf) {
  EXPECT_EQ(GetParam().fn(env, kBadFd), Errno::Badf);
  EXPECT_EQ(GetParam().fn(env, UINT32_MAX), Errno::Badf);
}

#define FD_CASE(name, body)                                                                   \
  FdCase {                                                                                    \
#name, [](Env& e, uint32_t fd) -> Errno { Call c = e.call(); (void)e; return outcome(body); } \
  }

const FdCase kFdCases[] = {
    FD_CASE(fd_advise, fd_advise(c, fd, 0, 0, 0)),
    FD_CASE(fd_allocate, fd_allocate(c, fd, 0, 1)),
    FD_CASE(fd_close, fd_close(c, fd)),
    FD_CASE(fd_datasync, fd_datasync(c, fd)),
    FD_CASE(fd_fdstat_get, fd_fdstat_get(c, fd, e.out)),
    FD_CASE(fd_fdstat_set_flags, fd_fdstat_set_flags(c, fd, 0)),
    FD_CASE(fd_fdstat_set_rights, fd_fdstat_set_rights(c, fd, 0, 0)),
    FD_CASE(fd_filestat_get, fd_filestat_get(c, fd, e.out)),
    FD_CASE(fd_filestat_set_size, fd_filestat_set_size(c, fd, 0)),
    FD_CASE(fd_filestat_set_times, fd_filestat_set_times(c, fd, 0, 0, fstflag::Mtim)),
    FD_CASE(fd_pread, fd_pread(c, fd, e.iov, 1, 0, e.out)),
    FD_CASE(fd_prestat_get, fd_prestat_get(c, fd, e.out)),
    FD_CASE(fd_prestat_dir_name, fd_prestat_dir_name(c, fd, e.buf, 64)),
    FD_CASE(fd_pwrite, fd_pwrite(c, fd, e.iov, 1, 0, e.out)),
    FD_CASE(fd_read, fd_read(c, fd, e.iov, 1, e.out)),
    FD_CASE(fd_readdir, fd_readdir(c, fd, e.buf, 64, 0, e.out)),
    FD_CASE(fd_renumber_from, fd_renumber(c, fd, e.file)),
    FD_CASE(fd_renumber_to, fd_renumber(c, e.file, fd)),
    FD_CASE(fd_seek, fd_seek(c, fd, 0, 0, e.out)),
    FD_CASE(fd_sync, fd_sync(c, fd)),
    FD_CASE(fd_tell, fd_tell(c, fd, e.out)),
    FD_CASE(fd_write, fd_write(c, fd, e.iov, 1, e.out)),
    FD_CASE(path_create_directory, path_create_directory(c, fd, e.nw, 2)),
    FD_CASE(path_filestat_get, path_filestat_get(c, fd, 0, e.ff, 2, e.out)),
    FD_CASE(path_filestat_set_times,
            path_filestat_set_times(c, fd, 0, e.ff, 2, 0, 0, fstflag::Mtim)),
    FD_CASE(path_link_old, path_link(c, fd, 0, e.ff, 2, 3, e.nw, 2)),
    FD_CASE(path_link_new, path_link(c, 3, 0, e.ff, 2, fd, e.nw, 2)),
    FD_CASE(path_open, path_open(c, fd, 0, e.ff, 2, 0, kRW, kRW, 0, e.out)),
    FD_CASE(path_readlink, path_readlink(c, fd, e.ll, 2, e.buf, 64, e.out)),
    FD_CASE(path_remove_directory, path_remove_directory(c, fd, e.dd, 2)),
    FD_CASE(path_rename_old, path_rename(c, fd, e.ff, 2, 3, e.nw, 2)),
    FD_CASE(path_rename_new, path_rename(c, 3, e.ff, 2, fd, e.nw, 2)),
    FD_CASE(path_symlink, path_symlink(c, e.ff, 2, fd, e.nw, 2)),
    FD_CASE(path_unlink_file, path_unlink_file(c, fd, e.ff, 2)),
    FD_CASE(poll_oneoff, poll_oneoff(c, e.fd_sub(fd), e.out, 1, e.out2)),
    FD_CASE(sock_accept, sock_accept(c, fd, 0, e.out)),
    FD_CASE(sock_recv, sock_recv(c, fd, e.iov, 1, 0, e.out, e.out2)),
    FD_CASE(sock_send, sock_send(c, fd, e.iov, 1, 0, e.out)),
    FD_CASE(sock_shutdown, sock_shutdown(c, fd, 3)),
};

INSTANTIATE_TEST_SUITE_P(All, SweepBadFd, ::testing::ValuesIn(kFdCases),
                         [](const auto& info) { return std::string(info.param.name); });

// (b) every pointer argument of every handler, out of range one at a time.
// `valid` names an Env field that makes the same call succeed (`ok`).

struct PtrCase {
  const char* name;
  Errno (*fn)(Env&, P);
  P Env::*valid;
  Errno ok = Errno::Success;
  Errno bad = Errno::Fault;
};

class SweepBadPointer : public SweepBase, public ::testing::WithParamInterface<PtrCase> {};

TEST_P(SweepBadPointer, WithValidPointersSucceeds) {
  EXPECT_EQ(GetParam().fn(env, env.*GetParam().valid), GetParam().ok);
}

TEST_P(SweepBadPointer, WithAnOutOfRangePointerFaults) {
  for (uint32_t bad : {kBadPtr, kMemorySize, 0xFFFFFFFFu})
    EXPECT_EQ(GetParam().fn(env, P{bad}), GetParam().bad) << std::hex << bad;
}

#define PTR_CASE(name, valid, body)                                                                \
  PtrCase {                                                                                        \
#name, [](Env& e, P p) -> Errno { Call c = e.call(); (void)e; return outcome(body); }, &Env::valid \
  }
#define PTR_CASE_NOTSOCK(name, valid, body)                                                   \
  PtrCase {                                                                                   \
#name, [](Env& e, P p) -> Errno { Call c = e.call(); (void)e; return outcome(body); },      \
        &Env::valid, Errno::NotSock, Errno::NotSock \
  }

const PtrCase kPtrCases[] = {
    PTR_CASE(args_get_argv, out, args_get(c, p, e.buf)),
    PTR_CASE(args_get_buf, buf, args_get(c, e.out, p)),
    PTR_CASE(args_sizes_get_argc, out, args_sizes_get(c, p, e.out2)),
    PTR_CASE(args_sizes_get_size, out, args_sizes_get(c, e.out2, p)),
    PTR_CASE(environ_get_environ, out, environ_get(c, p, e.buf)),
    PTR_CASE(environ_get_buf, buf, environ_get(c, e.out, p)),
    PTR_CASE(environ_sizes_get_count, out, environ_sizes_get(c, p, e.out2)),
    PTR_CASE(environ_sizes_get_size, out, environ_sizes_get(c, e.out2, p)),
    PTR_CASE(clock_res_get, out, clock_res_get(c, 1, p)),
    PTR_CASE(clock_time_get, out, clock_time_get(c, 1, 0, p)),
    PTR_CASE(random_get, buf, random_get(c, p, 16)),
    PTR_CASE(fd_fdstat_get, out, fd_fdstat_get(c, e.file, p)),
    PTR_CASE(fd_filestat_get, out, fd_filestat_get(c, e.file, p)),
    PTR_CASE(fd_pread_iovs, iov, fd_pread(c, e.file, p, 1, 0, e.out)),
    PTR_CASE(fd_pread_buffer, buf,
             (e.set_iov(e.iov2, p, 16), fd_pread(c, e.file, e.iov2, 1, 0, e.out))),
    PTR_CASE(fd_pread_nread, out, fd_pread(c, e.file, e.iov, 1, 0, p)),
    PTR_CASE(fd_prestat_get, out, fd_prestat_get(c, 3, p)),
    PTR_CASE(fd_prestat_dir_name, buf, fd_prestat_dir_name(c, 3, p, 1)),
    PTR_CASE(fd_pwrite_iovs, iov, fd_pwrite(c, e.file, p, 1, 0, e.out)),
    PTR_CASE(fd_pwrite_buffer, buf,
             (e.set_iov(e.iov2, p, 16), fd_pwrite(c, e.file, e.iov2, 1, 0, e.out))),
    PTR_CASE(fd_pwrite_nwritten, out, fd_pwrite(c, e.file, e.iov, 1, 0, p)),
    PTR_CASE(fd_read_iovs, iov, fd_read(c, e.file, p, 1, e.out)),
    PTR_CASE(fd_read_buffer, buf, (e.set_iov(e.iov2, p, 16), fd_read(c, e.file, e.iov2, 1, e.out))),
    PTR_CASE(fd_read_nread, out, fd_read(c, e.file, e.iov, 1, p)),
    PTR_CASE(fd_readdir_buf, buf, fd_readdir(c, 3, p, 64, 0, e.out)),
    PTR_CASE(fd_readdir_bufused, out, fd_readdir(c, 3, e.buf, 64, 0, p)),
    PTR_CASE(fd_seek, out, fd_seek(c, e.file, 0, 0, p)),
    PTR_CASE(fd_tell, out, fd_tell(c, e.file, p)),
    PTR_CASE(fd_write_iovs, iov, fd_write(c, e.file, p, 1, e.out)),
    PTR_CASE(fd_write_buffer, buf,
             (e.set_iov(e.iov2, p, 16), fd_write(c, e.file, e.iov2, 1, e.out))),
    PTR_CASE(fd_write_nwritten, out, fd_write(c, e.file, e.iov, 1, p)),
    PTR_CASE(path_create_directory, nw, path_create_directory(c, 3, p, 2)),
    PTR_CASE(path_filestat_get_path, ff, path_filestat_get(c, 3, 0, p, 2, e.out)),
    PTR_CASE(path_filestat_get_stat, out, path_filestat_get(c, 3, 0, e.ff, 2, p)),
    PTR_CASE(path_filestat_set_times, ff,
             path_filestat_set_times(c, 3, 0, p, 2, 0, 0, fstflag::Mtim)),
    PTR_CASE(path_link_old, ff, path_link(c, 3, 0, p, 2, 3, e.nw, 2)),
    PTR_CASE(path_link_new, nw, path_link(c, 3, 0, e.ff, 2, 3, p, 2)),
    PTR_CASE(path_open_path, ff, path_open(c, 3, 0, p, 2, 0, kRW, kRW, 0, e.out)),
    PTR_CASE(path_open_fd, out, path_open(c, 3, 0, e.ff, 2, 0, kRW, kRW, 0, p)),
    PTR_CASE(path_readlink_path, ll, path_readlink(c, 3, p, 2, e.buf, 64, e.out)),
    PTR_CASE(path_readlink_buf, buf, path_readlink(c, 3, e.ll, 2, p, 64, e.out)),
    PTR_CASE(path_readlink_bufused, out, path_readlink(c, 3, e.ll, 2, e.buf, 64, p)),
    PTR_CASE(path_remove_directory, dd, path_remove_directory(c, 3, p, 2)),
    PTR_CASE(path_rename_old, ff, path_rename(c, 3, p, 2, 3, e.nw, 2)),
    PTR_CASE(path_rename_new, nw, path_rename(c, 3, e.ff, 2, 3, p, 2)),
    PTR_CASE(path_symlink_old, ff, path_symlink(c, p, 2, 3, e.nw, 2)),
    PTR_CASE(path_symlink_new, nw, path_symlink(c, e.ff, 2, 3, p, 2)),
    PTR_CASE(path_unlink_file, ff, path_unlink_file(c, 3, p, 2)),
    PTR_CASE(poll_oneoff_in, subs, poll_oneoff(c, p, e.out, 1, e.out2)),
    PTR_CASE(poll_oneoff_out, out, poll_oneoff(c, e.subs, p, 1, e.out2)),
    PTR_CASE(poll_oneoff_nevents, out2, poll_oneoff(c, e.subs, e.out, 1, p)),
    PTR_CASE_NOTSOCK(sock_accept_fd, out, sock_accept(c, 1, 0, p)),
    PTR_CASE_NOTSOCK(sock_recv_data, iov, sock_recv(c, 1, p, 1, 0, e.out, e.out2)),
    PTR_CASE_NOTSOCK(sock_recv_datalen, out, sock_recv(c, 1, e.iov, 1, 0, p, e.out2)),
    PTR_CASE_NOTSOCK(sock_recv_flags, out2, sock_recv(c, 1, e.iov, 1, 0, e.out, p)),
    PTR_CASE_NOTSOCK(sock_send_data, iov, sock_send(c, 1, p, 1, 0, e.out)),
    PTR_CASE_NOTSOCK(sock_send_datalen, out, sock_send(c, 1, e.iov, 1, 0, p)),
};

INSTANTIATE_TEST_SUITE_P(All, SweepBadPointer, ::testing::ValuesIn(kPtrCases),
                         [](const auto& info) { return std::string(info.param.name); });

// Handlers with no pointer and no descriptor have nothing to sweep above.
TEST_F(SweepBase, HandlersWithoutPointersOrFdsSucceed) {
  Call c = call();
  EXPECT_EQ(sched_yield(c), Errno::Success);
  EXPECT_EQ(proc_raise(c, 0), Errno::Success);
  EXPECT_EQ(proc_exit(c, 3), Errno::Success);
}

// (c) random arguments: the kernel must answer every call with an errno
// and keep working.

class SweepGarbage : public SweepBase {
 protected:
  static constexpr int kHandlers = 46;

  uint32_t r32() { return uint32_t(rng()); }
  uint64_t r64() { return rng(); }
  uint32_t pick(std::initializer_list<uint32_t> v) { return v.begin()[r32() % v.size()]; }

  // Mostly live descriptors (the preopen, what setup_arena opened).
  uint32_t fd() {
    switch (r32() % 8) {
      case 0:
      case 1:
      case 2:
        return 3;
      case 3:
      case 4:
        return 4 + r32() % 4;
      case 5:
        return r32() % 3;
      case 6:
        return r32() % 16;
      default:
        return pick({63, 64, kBadFd, UINT32_MAX, r32()});
    }
  }
  P ptr() {
    switch (r32() % 8) {
      case 0:
        return P{0};
      case 1:
        return P{kMemorySize - r32() % 64};
      case 2:
        return P{pick({kBadPtr, 0xFFFFFFFF, r32()})};
      case 3:
        return chaos;
      default:
        return P{arena.addr + r32() % (kArena - 512)};
    }
  }
  uint32_t len() {
    return r32() % 3 ? r32() % 300
                     : pick({0, 4096, 4097, kMemorySize, r32() % kMemorySize, UINT32_MAX, r32()});
  }
  // iovec counts stay below 2^12: read_iovecs sizes an allocation by the
  // count before checking it (see GuestMemoryTest.ReadIovecsPastTheEnd...).
  uint32_t iov_count() { return r32() % 4 ? r32() % 4 : r32() % 4096; }
  P iovs() { return r32() % 2 ? iov_pool : ptr(); }
  uint64_t big() {
    return pick({0, 1, 2}) + (r32() % 3 ? r64() % 65536 : pick({0, 1u << 20})) +
           (r32() % 8 ? 0 : pick({0, 1}) * (r32() % 2 ? UINT64_MAX : uint64_t(INT64_MAX)));
  }
  // Flag words: mostly valid bits, sometimes anything.
  uint32_t flags() { return r32() % 4 ? r32() % 32 : r32(); }
  uint32_t oflags() {
    return r32() % 4 ? pick({0, oflag::Creat, oflag::Creat | oflag::Excl, oflag::Trunc,
                             oflag::Creat | oflag::Trunc, oflag::Directory})
                     : flags();
  }
  uint32_t fdflags() { return r32() % 4 ? pick({0, fdflag::Append, fdflag::Nonblock}) : flags(); }
  uint32_t lookup() { return r32() % 8 ? r32() % 2 : r32(); }
  uint64_t rights() { return r32() % 4 ? right::All : r64(); }
  struct Path {
    P p;
    uint32_t len;
  };
  Path path() {
    if (r32() % 8 == 0) return {ptr(), len()};
    const auto& s = names[r32() % names.size()];
    return {name_ptrs[&s - names.data()], uint32_t(s.size())};
  }

  // Lays out what random calls point at: names, iovecs into the arena,
  // subscriptions, and random bytes.
  void setup_arena() {
    arena = alloc(kArena);
    chaos = P{arena.addr + kArena - 512};
    iov_pool = arena;
    for (uint32_t i = 0; i < 16; ++i)
      env.set_iov(P{arena.addr + 8 * i}, P{arena.addr + 1024 + 256 * i}, r32() % 300);
    name_ptrs.clear();
    for (const auto& s : names) name_ptrs.push_back(put(s));
    preopen = *proc->fds().get(kRoot).value();
    refresh_fds();
    scramble();
  }
  // Descriptors 4 to 7: a file, a directory, a device and another
  // directory (when those names still are what they were).
  void refresh_fds() {
    const uint32_t m = mark();
    for (uint32_t fd = 4; fd < 64; ++fd) (void)close(fd);
    (void)open("ff", oflag::Creat);
    (void)open_dir("dd");
    (void)open("dev/zero");
    (void)open_dir("tmp");
    release(m);
  }
  // Refreshes the random bytes and subscriptions, and rewrites the names
  // (random reads may have landed on them).
  void scramble() {
    for (uint32_t i = 0; i < 512; ++i) mem->bytes[chaos.addr + i] = uint8_t(r32());
    for (size_t i = 0; i < names.size(); ++i) {
      put_bytes(name_ptrs[i], names[i]);
      mem->bytes[name_ptrs[i].addr + names[i].size()] = 0;
    }
    for (uint32_t i = 0; i < 4; ++i) {
      const P s{arena.addr + 8192 + i * layout::kSubscriptionSize};
      Record<layout::kSubscriptionSize> r;
      r.u64(0, r64());
      r.u8(layout::kSubTag, uint8_t(r32() % 4));
      r.u32(layout::kSubClockId, r32() % 5);
      r.u64(layout::kSubClockTimeout, r32() % 2 ? 0 : r64());
      r.u16(layout::kSubClockFlags, uint16_t(r32() % 3));
      if (r32() % 2) r.u32(layout::kSubFd, fd());
      std::copy(r.data(), r.data() + r.size(), mem->bytes.begin() + s.addr);
    }
  }
  P subs() { return r32() % 2 ? P{arena.addr + 8192} : ptr(); }

  Errno call_one(int h) {
    Call c = call();
    switch (h) {
      case 0:
        return args_get(c, ptr(), ptr());
      case 1:
        return args_sizes_get(c, ptr(), ptr());
      case 2:
        return environ_get(c, ptr(), ptr());
      case 3:
        return environ_sizes_get(c, ptr(), ptr());
      case 4:
        return clock_res_get(c, r32() % 6, ptr());
      case 5:
        return clock_time_get(c, r32() % 6, r64(), ptr());
      case 6:
        return random_get(c, ptr(), len());
      case 7:
        return sched_yield(c);
      case 8:
        return proc_exit(c, r32());
      case 9:
        return proc_raise(c, r32());
      case 10:
        return fd_advise(c, fd(), big(), big(), r32() % 8);
      case 11:
        return fd_allocate(c, fd(), big(), big());
      case 12:
        return fd_close(c, fd());
      case 13:
        return fd_datasync(c, fd());
      case 14:
        return fd_fdstat_get(c, fd(), ptr());
      case 15:
        return fd_fdstat_set_flags(c, fd(), fdflags());
      case 16:
        return fd_fdstat_set_rights(c, fd(), rights(), rights());
      case 17:
        return fd_filestat_get(c, fd(), ptr());
      case 18:
        return fd_filestat_set_size(c, fd(), big());
      case 19:
        return fd_filestat_set_times(c, fd(), r64(), r64(), flags());
      case 20:
        return outcome(fd_pread(c, fd(), iovs(), iov_count(), big(), ptr()));
      case 21:
        return fd_prestat_get(c, fd(), ptr());
      case 22:
        return fd_prestat_dir_name(c, fd(), ptr(), len());
      case 23:
        return outcome(fd_pwrite(c, fd(), iovs(), iov_count(), big(), ptr()));
      case 24:
        return outcome(fd_read(c, fd(), iovs(), iov_count(), ptr()));
      case 25:
        return fd_readdir(c, fd(), ptr(), len(), big(), ptr());
      case 26:
        return fd_renumber(c, fd(), fd());
      case 27:
        return fd_seek(c, fd(), big(), r32() % 4, ptr());
      case 28:
        return fd_sync(c, fd());
      case 29:
        return fd_tell(c, fd(), ptr());
      case 30:
        return outcome(fd_write(c, fd(), iovs(), iov_count(), ptr()));
      case 31: {
        const Path p = path();
        return path_create_directory(c, fd(), p.p, p.len);
      }
      case 32: {
        const Path p = path();
        return path_filestat_get(c, fd(), lookup(), p.p, p.len, ptr());
      }
      case 33: {
        const Path p = path();
        return path_filestat_set_times(c, fd(), lookup(), p.p, p.len, r64(), r64(), flags());
      }
      case 34: {
        const Path a = path(), b = path();
        return path_link(c, fd(), lookup(), a.p, a.len, fd(), b.p, b.len);
      }
      case 35: {
        const Path p = path();
        return path_open(c, fd(), lookup(), p.p, p.len, oflags(), rights(), rights(), fdflags(),
                         ptr());
      }
      case 36: {
        const Path p = path();
        return path_readlink(c, fd(), p.p, p.len, ptr(), len(), ptr());
      }
      case 37: {
        const Path p = path();
        return path_remove_directory(c, fd(), p.p, p.len);
      }
      case 38: {
        const Path a = path(), b = path();
        return path_rename(c, fd(), a.p, a.len, fd(), b.p, b.len);
      }
      case 39: {
        const Path a = path(), b = path();
        return path_symlink(c, a.p, a.len, fd(), b.p, b.len);
      }
      case 40: {
        const Path p = path();
        return path_unlink_file(c, fd(), p.p, p.len);
      }
      case 41:
        return outcome(poll_oneoff(c, subs(), ptr(), r32() % 3 ? r32() % 5 : len(), ptr()));
      case 42:
        return sock_accept(c, fd(), flags(), ptr());
      case 43:
        return sock_recv(c, fd(), ptr(), len(), flags(), ptr(), ptr());
      case 44:
        return sock_send(c, fd(), ptr(), len(), flags(), ptr());
      case 45:
        return sock_shutdown(c, fd(), r32() % 4);
    }
    return Errno::Success;
  }

  static constexpr uint32_t kArena = 16384;
  std::mt19937_64 rng{0x5eed2024};
  P arena, chaos, iov_pool;
  std::vector<std::string> names = {"ff",   "dd",   "ll",       "nw",      "dd/x",     "dd/x/y",
                                    "..",   ".",    "/abs",     "a/../..", "dev/null", "dev/zero",
                                    "tmp",  "tmp/", "ll/",      "ff/",     "x",        "y",
                                    "\xFF", "loop", "dd/../ff", ""};
  std::vector<P> name_ptrs;
  FdEntry preopen;
};

TEST_F(SweepGarbage, RandomArgumentsAlwaysGetAnErrnoAndTheKernelKeepsWorking) {
  setup_arena();
  std::vector<Process*> procs{proc};
  std::vector<int> calls(kHandlers);
  int successes = 0;
  for (int i = 0; i < 30000; ++i) {
    if (i % 2000 == 1999) {
      SpawnOptions opts;
      opts.args = {"again"};
      opts.preopens = {{"/", kernel.root()}};
      respawn(std::move(opts));
      bind();
      setup_arena();
      procs.push_back(proc);
    }
    if (i % 23 == 0) scramble();
    if (i % 151 == 0) refresh_fds();
    if (i % 501 == 0) feed_stdin("in");
    const int h = int(r32() % kHandlers);
    ++calls[h];
    const Errno e = call_one(h);
    successes += e == Errno::Success;
    // Random closes, renumbers and narrowing would otherwise soon leave
    // every path call failing with EBADF.
    ASSERT_EQ(proc->fds().insert_at(kRoot, preopen), Errno::Success);
    ASSERT_TRUE(to_wire(e) <= to_wire(Errno::NotCapable) || e == kBlocked)
        << "handler " << h << " returned " << to_wire(e) << " at iteration " << i;
  }
  for (int h = 0; h < kHandlers; ++h) EXPECT_GT(calls[h], 300) << h;
  EXPECT_GT(successes, 30000 / 5);

  for (Process* p : procs) {
    Call c(kernel, *p);
    for (uint32_t fd = 0; fd < 70; ++fd) {
      const Errno e = fd_fdstat_get(c, fd, P{0});
      EXPECT_TRUE(e == Errno::Success || e == Errno::Badf) << fd;
    }
  }
  SpawnOptions opts;
  opts.preopens = {{"/", kernel.root()}};
  respawn(std::move(opts));
  ASSERT_EQ(mkdir("after"), Errno::Success);
  make_file("after/check", "still works");
  EXPECT_EQ(contents("after/check"), "still works");
  auto fd = open_dir("after");
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(list(*fd).value().size(), 3u);
  EXPECT_LE(kernel.memfs().used(), small_config().memfs_capacity);
}

}  // namespace
}  // namespace wb::test
