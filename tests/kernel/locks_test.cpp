// Tests the box's advisory locks against Linux's fcntl(2) and flock(2):
// the lock table alone (fd/file_locks.h), then the Linux-style ABI's calls
// between two processes of one kernel.
#include "abi/linux/layout.h"
#include "abi/linux/linux.h"
#include "box_fixture.h"
#include "fd/file_locks.h"
#include "sys_check.h"

namespace wb::test {
namespace {

using sys::i32;
using sys::SysResult;
namespace lo = sys::oflag;
namespace sl = sys::layout;

constexpr FileKey kFile{1, 7};
constexpr FileKey kOther{1, 8};
const LockOwner kA = LockOwner::process(1);
const LockOwner kB = LockOwner::process(2);

RecordLock lock_of(LockOwner o, LockKind k, uint64_t start, uint64_t end) {
  return {o, k, {start, end}};
}

TEST(FileLocksTest, ReadLocksShareAndWriteLocksExclude) {
  FileLocks t;
  EXPECT_EQ(t.lock(kFile, lock_of(kA, LockKind::Read, 0, 10), false), Errno::Success);
  EXPECT_EQ(t.lock(kFile, lock_of(kB, LockKind::Read, 5, 15), false), Errno::Success);
  EXPECT_EQ(t.lock(kFile, lock_of(kB, LockKind::Write, 0, 5), false), Errno::Again);
  EXPECT_EQ(t.lock(kFile, lock_of(kB, LockKind::Write, 10, 15), false), Errno::Success);
  EXPECT_EQ(t.lock(kOther, lock_of(kB, LockKind::Write, 0, 5), false), Errno::Success);
  const auto held = t.conflict(kFile, lock_of(kB, LockKind::Write, 0, 1));
  ASSERT_TRUE(held);
  EXPECT_EQ(held->owner, kA);
  EXPECT_EQ(held->range.start, 0u);
  EXPECT_EQ(held->range.end, 10u);
}

TEST(FileLocksTest, AnOwnersNewLockReplacesAndSplitsItsOld) {
  FileLocks t;
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 0, 100), false), Errno::Success);
  t.unlock(kFile, kA, {40, 60});
  EXPECT_FALSE(t.conflict(kFile, lock_of(kB, LockKind::Write, 45, 50)));
  EXPECT_EQ(t.conflict(kFile, lock_of(kB, LockKind::Read, 30, 35))->range.end, 40u);
  EXPECT_EQ(t.conflict(kFile, lock_of(kB, LockKind::Read, 70, 80))->range.start, 60u);
  // Downgraded in the middle: readers may share [10, 20) alone.
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Read, 10, 20), false), Errno::Success);
  EXPECT_FALSE(t.conflict(kFile, lock_of(kB, LockKind::Read, 12, 18)));
  EXPECT_TRUE(t.conflict(kFile, lock_of(kB, LockKind::Read, 5, 12)));
}

TEST(FileLocksTest, NeighboursOfOneKindMerge) {
  FileLocks t;
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Read, 0, 10), false), Errno::Success);
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Read, 10, 20), false), Errno::Success);
  const auto held = t.conflict(kFile, lock_of(kB, LockKind::Write, 15, 16));
  ASSERT_TRUE(held);
  EXPECT_EQ(held->range.start, 0u);
  EXPECT_EQ(held->range.end, 20u);
}

TEST(FileLocksTest, ALockToTheEndCoversAnyOffset) {
  FileLocks t;
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 100, ByteRange::kToEnd), false),
            Errno::Success);
  EXPECT_EQ(t.lock(kFile, lock_of(kB, LockKind::Read, 1ull << 40, (1ull << 40) + 1), false),
            Errno::Again);
  EXPECT_EQ(t.lock(kFile, lock_of(kB, LockKind::Write, 0, 100), false), Errno::Success);
}

TEST(FileLocksTest, AWaitThatWouldCloseACycleIsEdeadlk) {
  FileLocks t;
  const LockOwner c = LockOwner::process(3);
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 0, 1), false), Errno::Success);
  ASSERT_EQ(t.lock(kFile, lock_of(kB, LockKind::Write, 1, 2), false), Errno::Success);
  ASSERT_EQ(t.lock(kFile, lock_of(c, LockKind::Write, 2, 3), false), Errno::Success);
  // B waits for A, C for B: A asking for C's byte would wait for itself.
  EXPECT_EQ(t.lock(kFile, lock_of(kB, LockKind::Write, 0, 1), true), Errno::Again);
  EXPECT_EQ(t.lock(kFile, lock_of(c, LockKind::Write, 1, 2), true), Errno::Again);
  EXPECT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 2, 3), true), Errno::Deadlk);
  // Once B stops waiting (it ended), the chain is broken.
  t.release_all(kB);
  EXPECT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 2, 3), true), Errno::Again);
}

TEST(FileLocksTest, ReleaseDropsOneFileReleaseAllEverything) {
  FileLocks t;
  ASSERT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 0, 10), false), Errno::Success);
  ASSERT_EQ(t.lock(kOther, lock_of(kA, LockKind::Write, 0, 10), false), Errno::Success);
  t.release(kFile, kA);
  EXPECT_FALSE(t.conflict(kFile, lock_of(kB, LockKind::Write, 0, 10)));
  EXPECT_TRUE(t.conflict(kOther, lock_of(kB, LockKind::Write, 0, 10)));
  t.release_all(kA);
  EXPECT_FALSE(t.conflict(kOther, lock_of(kB, LockKind::Write, 0, 10)));
}

TEST(FileLocksTest, DescriptionLocksConflictWithProcessLocks) {
  FileLocks t;
  int d = 0;
  const auto* of = reinterpret_cast<const OpenFile*>(&d);
  const LockOwner desc = LockOwner::description(of);
  ASSERT_EQ(t.lock(kFile, lock_of(desc, LockKind::Write, 0, 10), false), Errno::Success);
  EXPECT_EQ(t.lock(kFile, lock_of(kA, LockKind::Read, 5, 6), false), Errno::Again);
  t.release_all(desc);
  EXPECT_EQ(t.lock(kFile, lock_of(kA, LockKind::Read, 5, 6), false), Errno::Success);
}

TEST(FileLocksTest, FlockSharesExcludesConvertsAndIsApartFromRecordLocks) {
  FileLocks t;
  int d1 = 0, d2 = 0;
  const auto* one = reinterpret_cast<const OpenFile*>(&d1);
  const auto* two = reinterpret_cast<const OpenFile*>(&d2);
  EXPECT_EQ(t.flock(kFile, one, LockKind::Read), Errno::Success);
  EXPECT_EQ(t.flock(kFile, two, LockKind::Read), Errno::Success);
  EXPECT_EQ(t.flock(kFile, two, LockKind::Write), Errno::Again);  // one shares it
  EXPECT_EQ(t.flock(kFile, one, std::nullopt), Errno::Success);
  EXPECT_EQ(t.flock(kFile, two, LockKind::Write), Errno::Success);
  EXPECT_EQ(t.flock(kFile, one, LockKind::Read), Errno::Again);
  // Record locks live in a space of their own.
  EXPECT_EQ(t.lock(kFile, lock_of(kA, LockKind::Write, 0, 10), false), Errno::Success);
  t.release_all(LockOwner::description(two));
  EXPECT_EQ(t.flock(kFile, one, LockKind::Write), Errno::Success);
}

// What F_GETLK reported.
struct Reported {
  uint16_t type = 0;
  int64_t start = 0;
  int64_t len = 0;
  int32_t pid = 0;
};

// Two processes, A and B, of one box with "f" (ten bytes), calling the
// Linux-style ABI; `use` picks which one the fixture's helpers act for.
class LockCallsTest : public BoxTest {
 protected:
  struct Side {
    Process* proc;
    ByteArrayMemory* mem;
  };
  void SetUp() override {
    make_file("f", "0123456789");
    a = {proc, mem};
    SpawnOptions opts;
    opts.args = {"b"};
    opts.preopens = {{"/", kernel.root()}};
    respawn(std::move(opts));
    b = {proc, mem};
    use(a);
  }
  void use(Side s) {
    proc = s.proc;
    mem = s.mem;
  }
  i32 open_ok(std::string_view path, uint32_t flags = lo::RdWr) {
    Call c = call();
    const SysResult r = sys::openat(c, sys::kAtFdcwd, put(path), flags, P{0});
    EXPECT_TRUE(r.ok()) << show(r);
    return r.ok() ? r.value() : -1;
  }
  P flock_at(uint16_t type, uint16_t whence, int64_t start, int64_t len, int32_t pid) {
    Record<sl::kFlockSize> r;
    r.u16(sl::kFlockType, type);
    r.u16(sl::kFlockWhence, whence);
    r.u64(sl::kFlockStart, uint64_t(start));
    r.u64(sl::kFlockLen, uint64_t(len));
    r.u32(sl::kFlockPid, uint32_t(pid));
    const P at = alloc(sl::kFlockSize);
    std::copy(r.data(), r.data() + r.size(), mem->bytes.begin() + at.addr);
    return at;
  }
  SysResult fcntl_at(i32 fd, uint32_t cmd, P at) {
    Call c = call();
    const P va = alloc(4);
    Record<4> w;
    w.u32(0, at.addr);
    std::copy(w.data(), w.data() + 4, mem->bytes.begin() + va.addr);
    return settled(sys::fcntl64(c, fd, cmd, va));
  }
  SysResult lock(i32 fd, uint32_t cmd, uint16_t type, int64_t start, int64_t len,
                 uint16_t whence = 0, int32_t pid = 0) {
    return fcntl_at(fd, cmd, flock_at(type, whence, start, len, pid));
  }
  Reported test(i32 fd, uint16_t type, int64_t start, int64_t len,
                uint32_t cmd = sys::kFGetlkEmscripten) {
    const P at = flock_at(type, 0, start, len, 0);
    EXPECT_SYS_OK(fcntl_at(fd, cmd, at));
    return {uint16_t(load(at, 2)), int64_t(load(P{at.addr + sl::kFlockStart}, 8)),
            int64_t(load(P{at.addr + sl::kFlockLen}, 8)),
            int32_t(load(P{at.addr + sl::kFlockPid}, 4))};
  }
  SysResult flock(i32 fd, uint32_t op) {
    Call c = call();
    return settled(sys::flock(c, fd, op));
  }
  Side a{}, b{};
};

constexpr uint32_t kSetlk = sys::kFSetlkEmscripten, kSetlkw = sys::kFSetlkwEmscripten;
constexpr uint16_t kRd = sys::kFRdlck, kWr = sys::kFWrlck, kUn = sys::kFUnlck;

TEST_F(LockCallsTest, AnotherProcessConflictsWaitsAndSeesTheHolder) {
  const i32 fa = open_ok("f");
  EXPECT_SYS_OK(lock(fa, kSetlk, kWr, 0, 10));
  use(b);
  const i32 fb = open_ok("f");
  EXPECT_SYS_ERR(lock(fb, kSetlk, kWr, 5, 1), Errno::Again);
  EXPECT_SYS_ERR(lock(fb, kSetlkw, kWr, 5, 1), kBlocked);
  EXPECT_SYS_ERR(lock(fb, sys::kFSetlkw, kRd, 9, 0), kBlocked);  // the 32-bit Linux number
  const Reported r = test(fb, kRd, 3, 1);
  EXPECT_EQ(r.type, kWr);
  EXPECT_EQ(r.start, 0);
  EXPECT_EQ(r.len, 10);
  EXPECT_EQ(r.pid, i32(a.proc->pid()));
  EXPECT_SYS_OK(lock(fb, kSetlk, kWr, 10, 0));  // past A's range
  use(a);
  EXPECT_SYS_OK(lock(fa, kSetlk, kUn, 0, 0));
  use(b);
  EXPECT_SYS_OK(lock(fb, kSetlkw, kWr, 5, 1));
  EXPECT_EQ(test(fb, kWr, 0, 0).type, kUn);  // only its own locks: none conflict
}

TEST_F(LockCallsTest, ClosingAnyDescriptorOfTheFileReleasesTheProcesssLocks) {
  const i32 one = open_ok("f");
  const i32 two = open_ok("f", lo::RdOnly);
  EXPECT_SYS_OK(lock(one, kSetlk, kWr, 0, 0));
  EXPECT_EQ(close(uint32_t(two)), Errno::Success);  // POSIX: any of them
  use(b);
  EXPECT_SYS_OK(lock(open_ok("f"), kSetlk, kWr, 0, 0));
}

TEST_F(LockCallsTest, ADup2OntoADescriptorOfTheFileReleasesThem) {
  const i32 one = open_ok("f");
  const i32 other = open_ok("f", lo::RdOnly);
  EXPECT_SYS_OK(lock(one, kSetlk, kRd, 0, 0));
  Call c = call();
  EXPECT_SYS_VAL(sys::dup3(c, 0, other, 0), other);
  use(b);
  EXPECT_SYS_OK(lock(open_ok("f"), kSetlk, kWr, 0, 0));
}

TEST_F(LockCallsTest, AProcessThatEndsReleasesItsLocks) {
  EXPECT_SYS_OK(lock(open_ok("f"), kSetlk, kWr, 0, 0));
  kernel.reap(a.proc->pid());
  use(b);
  EXPECT_SYS_OK(lock(open_ok("f"), kSetlk, kWr, 0, 0));
}

TEST_F(LockCallsTest, RangesAreFromTheStartTheOffsetOrTheEnd) {
  const i32 fa = open_ok("f");
  ASSERT_TRUE(seek(uint32_t(fa), 4, wasi::Whence::Set).ok());
  EXPECT_SYS_OK(lock(fa, kSetlk, kWr, 2, 3, /*whence=*/1));   // [6, 9)
  EXPECT_SYS_OK(lock(fa, kSetlk, kRd, -2, 0, /*whence=*/2));  // [8, end)
  EXPECT_SYS_OK(lock(fa, kSetlk, kRd, 3, -3));                // [0, 3)
  use(b);
  const i32 fb = open_ok("f");
  Reported r = test(fb, kWr, 6, 1);
  EXPECT_EQ(r.type, kWr);
  EXPECT_EQ(r.start, 6);
  EXPECT_EQ(r.len, 2);
  r = test(fb, kWr, 100, 1);
  EXPECT_EQ(r.type, kRd);
  EXPECT_EQ(r.start, 8);
  EXPECT_EQ(r.len, 0);  // to the end
  EXPECT_EQ(test(fb, kWr, 0, 1).len, 3);
  EXPECT_EQ(test(fb, kRd, 3, 3).type, kUn);
}

TEST_F(LockCallsTest, BadRequestsAreLinuxsErrors) {
  const i32 ro = open_ok("f", lo::RdOnly);
  const i32 wo = open_ok("f", lo::WrOnly);
  EXPECT_SYS_ERR(lock(ro, kSetlk, kWr, 0, 0), Errno::Badf);
  EXPECT_SYS_ERR(lock(wo, kSetlk, kRd, 0, 0), Errno::Badf);
  EXPECT_SYS_OK(lock(ro, kSetlk, kUn, 0, 0));  // unlocking needs no access
  EXPECT_SYS_ERR(lock(ro, kSetlk, 7, 0, 0), Errno::Inval);
  EXPECT_SYS_ERR(lock(ro, kSetlk, kRd, 0, 0, /*whence=*/3), Errno::Inval);
  EXPECT_SYS_ERR(lock(ro, kSetlk, kRd, -1, 0), Errno::Inval);
  EXPECT_SYS_ERR(lock(ro, kSetlk, kRd, 2, -3), Errno::Inval);
  EXPECT_SYS_ERR(lock(ro, kSetlk, kRd, INT64_MAX, 2), Errno::Overflow);
  EXPECT_SYS_ERR(fcntl_at(ro, sys::kFGetlk, flock_at(kUn, 0, 0, 0, 0)), Errno::Inval);
  EXPECT_SYS_ERR(fcntl_at(ro, kSetlk, P{kMemorySize - 8}), Errno::Fault);
  EXPECT_SYS_ERR(lock(ro, sys::kFOfdSetlk, kRd, 0, 0, 0, /*pid=*/5), Errno::Inval);
}

TEST_F(LockCallsTest, OfdLocksBelongToTheDescriptionAndItsDuplicates) {
  const i32 one = open_ok("f");
  EXPECT_SYS_OK(lock(one, sys::kFOfdSetlk, kWr, 0, 4));
  const i32 other = open_ok("f");  // another description, same process
  EXPECT_SYS_ERR(lock(other, sys::kFOfdSetlk, kRd, 0, 1), Errno::Again);
  const Reported r = test(other, kRd, 0, 1, sys::kFOfdGetlk);
  EXPECT_EQ(r.type, kWr);
  EXPECT_EQ(r.pid, -1);
  Call c = call();
  const SysResult copy = sys::dup(c, one);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(close(uint32_t(one)), Errno::Success);  // the copy holds it still
  EXPECT_SYS_ERR(lock(other, sys::kFOfdSetlk, kRd, 0, 1), Errno::Again);
  EXPECT_EQ(close(uint32_t(copy.value())), Errno::Success);
  EXPECT_SYS_OK(lock(other, sys::kFOfdSetlk, kRd, 0, 1));
}

TEST_F(LockCallsTest, FlockIsPerDescriptionAndWaitsUnlessNonblocking) {
  const i32 one = open_ok("f", lo::RdOnly);
  const i32 two = open_ok("f", lo::RdOnly);
  EXPECT_SYS_OK(flock(one, sys::kLockEx));
  EXPECT_SYS_ERR(flock(two, sys::kLockSh | sys::kLockNb), Errno::Again);
  EXPECT_SYS_ERR(flock(two, sys::kLockSh), kBlocked);
  EXPECT_SYS_OK(lock(two, kSetlk, kRd, 0, 0));  // record locks are apart
  EXPECT_EQ(close(uint32_t(one)), Errno::Success);
  EXPECT_SYS_OK(flock(two, sys::kLockSh));
  use(b);
  const i32 fb = open_ok("f", lo::RdOnly);
  EXPECT_SYS_OK(flock(fb, sys::kLockSh | sys::kLockNb));
  EXPECT_SYS_ERR(flock(fb, sys::kLockEx | sys::kLockNb), Errno::Again);
  EXPECT_SYS_OK(flock(fb, sys::kLockUn));
  EXPECT_SYS_ERR(flock(fb, 0), Errno::Inval);
  EXPECT_SYS_ERR(flock(fb, sys::kLockSh | sys::kLockEx), Errno::Inval);
  EXPECT_SYS_ERR(flock(99, sys::kLockSh), Errno::Badf);
}

TEST_F(LockCallsTest, AForkedChildSharesFlocksButNotRecordLocks) {
  const i32 fd = open_ok("f");
  EXPECT_SYS_OK(flock(fd, sys::kLockEx));
  EXPECT_SYS_OK(lock(fd, kSetlk, kWr, 0, 0));
  auto forked = kernel.fork_child(*a.proc);
  ASSERT_TRUE(forked.ok());
  // Its memory is the runtime's to copy: the helpers write to it afresh.
  Process* child = kernel.process(forked.value());
  use({child, static_cast<ByteArrayMemory*>(&child->memory())});
  EXPECT_SYS_OK(flock(fd, sys::kLockEx));  // its parent's description: its own lock
  EXPECT_SYS_ERR(lock(fd, kSetlk, kWr, 0, 1), Errno::Again);
  EXPECT_EQ(test(fd, kWr, 0, 1).pid, i32(a.proc->pid()));
}

}  // namespace
}  // namespace wb::test
