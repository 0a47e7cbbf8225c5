// Tests of the extension calls: pipes (capacity, EOF, EPIPE, blocking,
// readiness) and descriptor duplication (dup, F_DUPFD, dup3, FD_CLOEXEC).
#include <string>

#include "abi/wasix/wasix.h"
#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

class PipeTest : public BoxTest {
 protected:
  // Opens a pipe: {read end, write end}.
  std::pair<uint32_t, uint32_t> pipe() {
    Call c = call();
    P r = alloc(4), w = alloc(4);
    EXPECT_EQ(wasix::fd_pipe(c, r, w), Errno::Success);
    return {u32(r), u32(w)};
  }
  Errno nonblock(uint32_t fd) { return set_flags(fd, fdflag::Nonblock); }
  Readiness ready(uint32_t fd, bool read) {
    FdEntry* e = proc->fds().get(fd).value();
    return read ? e->file->inode->poll_read(*e->file) : e->file->inode->poll_write(*e->file);
  }
};

TEST_F(PipeTest, BytesWrittenAreReadInOrder) {
  auto [r, w] = pipe();
  EXPECT_NE(r, w);
  EXPECT_EQ(write(w, "hello ").value(), 6u);
  EXPECT_EQ(write(w, "pipe").value(), 4u);
  EXPECT_EQ(read(r, 3).value(), "hel");
  EXPECT_EQ(read(r, 100).value(), "lo pipe");
}

TEST_F(PipeTest, EndsAreOneWay) {
  auto [r, w] = pipe();
  EXPECT_EQ(write(r, "x").error(), Errno::Badf);
  EXPECT_EQ(read(w, 1).error(), Errno::Badf);
  EXPECT_EQ(fdstat(r)->base & right::FdWrite, 0u);
  EXPECT_EQ(fdstat(w)->base & right::FdRead, 0u);
}

TEST_F(PipeTest, IsAStreamOfUnknownType) {
  auto [r, w] = pipe();
  EXPECT_EQ(fdstat(r)->filetype, uint8_t(FileType::Unknown));
  EXPECT_EQ(seek(r, 0, Whence::Set).error(), Errno::Spipe);
  EXPECT_EQ(tell(w).error(), Errno::Spipe);
  EXPECT_EQ(write(w, "abc").value(), 3u);
  EXPECT_EQ(fstat(r)->size, 3u);
}

TEST_F(PipeTest, EmptyPipeWithAWriterBlocksOrIsAgain) {
  auto [r, w] = pipe();
  EXPECT_EQ(read(r, 10).error(), kBlocked);
  ASSERT_EQ(nonblock(r), Errno::Success);
  EXPECT_EQ(read(r, 10).error(), Errno::Again);
  EXPECT_FALSE(ready(r, true).ready);
}

TEST_F(PipeTest, EmptyPipeWithoutWritersIsEof) {
  auto [r, w] = pipe();
  EXPECT_EQ(write(w, "last").value(), 4u);
  ASSERT_EQ(close(w), Errno::Success);
  EXPECT_EQ(read(r, 10).value(), "last");
  EXPECT_EQ(read(r, 10).value(), "");
  EXPECT_TRUE(ready(r, true).ready);
  EXPECT_TRUE(ready(r, true).hangup);
}

// A plain WASI command gets EPIPE, as under wasmtime.
TEST_F(PipeTest, WriteWithoutReadersIsEpipe) {
  auto [r, w] = pipe();
  ASSERT_EQ(close(r), Errno::Success);
  EXPECT_EQ(write(w, "x").error(), Errno::Pipe);
  EXPECT_FALSE(proc->has_ended());
}

// A Linux-ABI program, as on Linux: SIGPIPE, whose default action ends the
// writer (the call never returns: it answers "would block" and the runtime
// unwinds the process it finds ended); ignored or caught, the write fails
// with EPIPE.
TEST_F(PipeTest, WriteWithoutReadersEndsALinuxProgramBySigpipe) {
  proc->linux_signals = true;
  auto [r, w] = pipe();
  ASSERT_EQ(close(r), Errno::Success);
  EXPECT_EQ(write(w, "x").error(), kBlocked);
  EXPECT_EQ(proc->term_signal, 13u);
  EXPECT_EQ(proc->exit_code, 128u + 13);
}

TEST_F(PipeTest, WriteWithoutReadersIsEpipeWhenSigpipeIsIgnoredOrCaught) {
  proc->linux_signals = true;
  auto [r, w] = pipe();
  ASSERT_EQ(close(r), Errno::Success);
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, 13, 1, 0), Errno::Success);  // ignored
  EXPECT_EQ(write(w, "x").error(), Errno::Pipe);
  EXPECT_TRUE(ready(w, false).hangup);
  ASSERT_EQ(wasix::proc_sigaction(c, 13, 2, 7), Errno::Success);  // caught
  EXPECT_EQ(write(w, "x").error(), Errno::Pipe);
  EXPECT_EQ(proc->signals.take_pending(), 1u << 13);
  EXPECT_FALSE(proc->has_ended());
}

TEST_F(PipeTest, AFullPipeBlocksASmallWriteWhole) {
  auto [r, w] = pipe();
  const std::string block(kPipeCapacity - 2, 'a');
  static_assert(kPipeAtomicWrite >= 3);
  EXPECT_EQ(write(w, block).value(), block.size());
  EXPECT_EQ(write(w, "xyz").error(), kBlocked);  // atomic: all or nothing
  EXPECT_EQ(write(w, "xy").value(), 2u);
  EXPECT_FALSE(ready(w, false).ready);
  ASSERT_EQ(nonblock(w), Errno::Success);
  EXPECT_EQ(write(w, "z").error(), Errno::Again);
  EXPECT_EQ(read(r, 10).value(), std::string(10, 'a'));
  EXPECT_TRUE(ready(w, false).ready);
  EXPECT_EQ(write(w, "z").value(), 1u);
}

TEST_F(PipeTest, AWriteLargerThanThePipeGoesInAsFarAsThereIsRoom) {
  auto [r, w] = pipe();
  const std::string big(kPipeCapacity + 100, 'b');
  EXPECT_EQ(write(w, big).value(), kPipeCapacity);
  EXPECT_EQ(read(r, 100).value(), std::string(100, 'b'));
  EXPECT_EQ(write(w, big).value(), 100u);
  EXPECT_EQ(write(w, big).error(), kBlocked);  // full
}

TEST_F(PipeTest, DataWrapsAroundTheRing) {
  auto [r, w] = pipe();
  std::string expect;
  for (int round = 0; round < 5; ++round) {
    const std::string chunk(kPipeCapacity / 3, char('a' + round));
    ASSERT_EQ(write(w, chunk).value(), chunk.size());
    const std::string got = read(r, uint32_t(chunk.size())).value();
    ASSERT_EQ(got, chunk) << round;
  }
}

TEST_F(PipeTest, ReadinessFollowsTheData) {
  auto [r, w] = pipe();
  EXPECT_FALSE(ready(r, true).ready);
  EXPECT_TRUE(ready(w, false).ready);
  EXPECT_EQ(ready(w, false).nbytes, kPipeCapacity);
  EXPECT_EQ(write(w, "12345").value(), 5u);
  EXPECT_TRUE(ready(r, true).ready);
  EXPECT_EQ(ready(r, true).nbytes, 5u);
  EXPECT_FALSE(ready(r, true).hangup);
}

// As on Linux, both ends of a pipe are one inode; every pipe has its own.
TEST_F(PipeTest, EveryNewPipeHasItsOwnInode) {
  auto [r1, w1] = pipe();
  auto [r2, w2] = pipe();
  EXPECT_EQ(fstat(r1)->ino, fstat(w1)->ino);
  EXPECT_EQ(fstat(r2)->ino, fstat(w2)->ino);
  EXPECT_NE(fstat(r1)->ino, fstat(r2)->ino);
}

TEST_F(PipeTest, BadPointersFaultBeforeAnythingIsOpened) {
  Call c = call();
  EXPECT_EQ(wasix::fd_pipe(c, P{kMemorySize}, alloc(4)), Errno::Fault);
  EXPECT_EQ(wasix::fd_pipe(c, alloc(4), P{kMemorySize - 2}), Errno::Fault);
  EXPECT_EQ(proc->fds().get(4).error(), Errno::Badf);
}

TEST_F(PipeTest, TheTableLimitIsMfileAndLeavesNoHalfPipe) {
  for (uint32_t fd = 4; fd < small_config().max_fds - 1; ++fd)
    ASSERT_TRUE(open("dev/null", 0, right::FdRead).ok());
  Call c = call();
  EXPECT_EQ(wasix::fd_pipe(c, alloc(4), alloc(4)), Errno::Mfile);
  EXPECT_TRUE(open("dev/null", 0, right::FdRead).ok());  // the last slot is free again
}

class DupTest : public PipeTest {
 protected:
  Res<uint32_t> dup(uint32_t fd, uint32_t min = 0, uint32_t cloexec = 0) {
    Call c = call();
    P out = alloc(4);
    const Errno e =
        min || cloexec ? wasix::fd_dup2(c, fd, min, cloexec, out) : wasix::fd_dup(c, fd, out);
    if (e != Errno::Success) return e;
    return u32(out);
  }
  Errno dup3(uint32_t from, uint32_t to, uint32_t flags = 0) {
    Call c = call();
    return wasix::fd_dup3(c, from, to, flags);
  }
  Res<uint16_t> fdflags(uint32_t fd) {
    Call c = call();
    P out = alloc(2);
    const Errno e = wasix::fd_fdflags_get(c, fd, out);
    if (e != Errno::Success) return e;
    return uint16_t(load(out, 2));
  }
};

TEST_F(DupTest, DupTakesTheLowestFreeNumberAndSharesTheOffset) {
  make_file("f", "abcdef");
  const uint32_t fd = open("f").value();
  const uint32_t copy = dup(fd).value();
  EXPECT_EQ(copy, fd + 1);
  EXPECT_EQ(read(fd, 2).value(), "ab");
  EXPECT_EQ(read(copy, 2).value(), "cd");
  ASSERT_EQ(close(fd), Errno::Success);
  EXPECT_EQ(read(copy, 2).value(), "ef");
  EXPECT_EQ(dup(copy).value(), fd);  // the lowest free number again
}

TEST_F(DupTest, DupKeepsTheRightsButNotThePreopen) {
  const uint32_t copy = dup(kRoot).value();
  EXPECT_EQ(fdstat(copy)->base, fdstat(kRoot)->base);
  Call c = call();
  EXPECT_EQ(fd_prestat_get(c, copy, alloc(8)), Errno::Badf);
  EXPECT_EQ(fd_prestat_get(c, kRoot, alloc(8)), Errno::Success);
}

TEST_F(DupTest, DupOfAClosedFdIsBadf) {
  EXPECT_EQ(dup(40).error(), Errno::Badf);
  EXPECT_EQ(dup3(40, 5), Errno::Badf);
}

TEST_F(DupTest, MinimumNumberAndCloexec) {
  const uint32_t fd = dup(kRoot, 10, 1).value();
  EXPECT_EQ(fd, 10u);
  EXPECT_EQ(fdflags(fd).value(), wasix::kCloexec);
  EXPECT_EQ(dup(kRoot, 10).value(), 11u);
  EXPECT_EQ(fdflags(11).value(), 0);
  EXPECT_EQ(dup(kRoot, small_config().max_fds).error(), Errno::Inval);
}

TEST_F(DupTest, DupAtTheLimitIsMfile) {
  EXPECT_EQ(dup(kRoot, small_config().max_fds - 1).value(), small_config().max_fds - 1);
  EXPECT_EQ(dup(kRoot, small_config().max_fds - 1).error(), Errno::Mfile);
}

TEST_F(DupTest, Dup3ReplacesTheTargetAndClosesWhatItHeld) {
  auto [r, w] = pipe();
  make_file("f", "data");
  const uint32_t f = open("f").value();
  ASSERT_EQ(dup3(f, w), Errno::Success);  // the pipe's only writer is gone
  EXPECT_EQ(read(r, 10).value(), "");
  EXPECT_EQ(read(w, 10).value(), "data");
}

TEST_F(DupTest, Dup3OntoAFreeNumberAndItsFlags) {
  ASSERT_EQ(dup3(kRoot, 20, wasix::kCloexec), Errno::Success);
  EXPECT_EQ(fdflags(20).value(), wasix::kCloexec);
  EXPECT_EQ(dup3(kRoot, kRoot), Errno::Inval);
  EXPECT_EQ(dup3(kRoot, 21, 2), Errno::Inval);
  EXPECT_EQ(dup3(kRoot, small_config().max_fds), Errno::Badf);
}

TEST_F(DupTest, ClosingOneCopyKeepsThePipeEndOpen) {
  auto [r, w] = pipe();
  const uint32_t w2 = dup(w).value();
  ASSERT_EQ(close(w), Errno::Success);
  EXPECT_EQ(read(r, 1).error(), kBlocked);  // a writer is left
  ASSERT_EQ(close(w2), Errno::Success);
  EXPECT_EQ(read(r, 1).value(), "");
}

TEST_F(DupTest, FdflagsSetAndGet) {
  Call c = call();
  EXPECT_EQ(wasix::fd_fdflags_set(c, kRoot, wasix::kCloexec), Errno::Success);
  EXPECT_EQ(fdflags(kRoot).value(), wasix::kCloexec);
  EXPECT_EQ(wasix::fd_fdflags_set(c, kRoot, 0), Errno::Success);
  EXPECT_EQ(fdflags(kRoot).value(), 0);
  EXPECT_EQ(wasix::fd_fdflags_set(c, kRoot, 4), Errno::Inval);
  EXPECT_EQ(wasix::fd_fdflags_set(c, 40, 0), Errno::Badf);
  EXPECT_EQ(fdflags(40).error(), Errno::Badf);
  EXPECT_EQ(wasix::fd_fdflags_get(c, kRoot, P{kMemorySize}), Errno::Fault);
}

}  // namespace
}  // namespace wb::test
