// Tests of the descriptor table: numbering, limits, close and renumber.
#include <string>
#include <vector>

#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

class FdTableTest : public BoxTest {
 protected:
  uint32_t open_new(const std::string& name) {
    auto fd = open(name, oflag::Creat);
    EXPECT_TRUE(fd.ok()) << name << ": " << int(fd.error());
    return fd.ok() ? *fd : UINT32_MAX;
  }
  Errno renumber(uint32_t from, uint32_t to) {
    Call c = call();
    return fd_renumber(c, from, to);
  }
  // Opens files until the table is full; returns their fds.
  std::vector<uint32_t> fill_table() {
    std::vector<uint32_t> fds;
    for (int i = 0;; ++i) {
      const uint32_t m = mark();
      auto fd = open("fill" + std::to_string(i), oflag::Creat);
      release(m);
      if (!fd.ok()) {
        EXPECT_EQ(fd.error(), Errno::Mfile);
        break;
      }
      fds.push_back(*fd);
      if (i > 1000) break;
    }
    return fds;
  }
};

TEST_F(FdTableTest, StdioAndThePreopenOccupyZeroToThree) {
  for (uint32_t fd = 0; fd <= 3; ++fd) EXPECT_TRUE(fdstat(fd).ok()) << fd;
  EXPECT_EQ(fdstat(4).error(), Errno::Badf);
}

TEST_F(FdTableTest, FirstOpenGetsFour) { EXPECT_EQ(open_new("x"), 4u); }

TEST_F(FdTableTest, SuccessiveOpensCountUp) {
  EXPECT_EQ(open_new("x"), 4u);
  EXPECT_EQ(open_new("y"), 5u);
  EXPECT_EQ(open_new("z"), 6u);
}

TEST_F(FdTableTest, LowestFreedNumberIsReusedFirst) {
  open_new("a"), open_new("b"), open_new("c"), open_new("d");
  ASSERT_EQ(close(6), Errno::Success);
  ASSERT_EQ(close(5), Errno::Success);
  EXPECT_EQ(open_new("e"), 5u);
  EXPECT_EQ(open_new("f"), 6u);
  EXPECT_EQ(open_new("g"), 8u);
}

TEST_F(FdTableTest, ClosingStdinFreesNumberZero) {
  ASSERT_EQ(close(0), Errno::Success);
  EXPECT_EQ(open_new("x"), 0u);
}

TEST_F(FdTableTest, ClosingTheHighestFdLetsItBeReused) {
  const uint32_t a = open_new("a");
  ASSERT_EQ(close(a), Errno::Success);
  EXPECT_EQ(open_new("b"), a);
}

TEST_F(FdTableTest, OpensStopAtMaxFdsWithEmfile) {
  const auto fds = fill_table();
  EXPECT_EQ(fds.size(), 64u - 4u);
  EXPECT_EQ(fds.back(), 63u);
}

TEST_F(FdTableTest, ClosingOneAtTheLimitAllowsOneMoreOpen) {
  fill_table();
  ASSERT_EQ(close(17), Errno::Success);
  EXPECT_EQ(open_new("again"), 17u);
  EXPECT_EQ(open("another", oflag::Creat).error(), Errno::Mfile);
}

// KERNEL BUG: path_open creates (and truncates) the file before
// FdTable::insert fails with EMFILE, so a failed open leaves a new file
// behind. POSIX allocates the descriptor first; the file must not exist.
TEST_F(FdTableTest, EmfileOpenCreatesNoFile) {
  fill_table();
  EXPECT_EQ(open("ghost", oflag::Creat).error(), Errno::Mfile);
  EXPECT_EQ(stat_of("ghost").error(), Errno::NoEnt);
}

// KERNEL BUG: same cause as EmfileOpenCreatesNoFile: O_TRUNC has already
// emptied the file when the open fails with EMFILE.
TEST_F(FdTableTest, EmfileOpenDoesNotTruncate) {
  make_file("keep", "contents");
  fill_table();
  EXPECT_EQ(open("keep", oflag::Trunc).error(), Errno::Mfile);
  auto st = stat_of("keep");
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->size, 8u);
}

TEST_F(FdTableTest, CloseTwiceIsBadf) {
  const uint32_t fd = open_new("x");
  EXPECT_EQ(close(fd), Errno::Success);
  EXPECT_EQ(close(fd), Errno::Badf);
}

TEST_F(FdTableTest, CloseOfNumbersNeverOpenedIsBadf) {
  EXPECT_EQ(close(4), Errno::Badf);
  EXPECT_EQ(close(63), Errno::Badf);
  EXPECT_EQ(close(64), Errno::Badf);
  EXPECT_EQ(close(999), Errno::Badf);
  EXPECT_EQ(close(UINT32_MAX), Errno::Badf);
}

TEST_F(FdTableTest, ClosedFdIsBadfForEveryUse) {
  const uint32_t fd = open_new("x");
  ASSERT_EQ(close(fd), Errno::Success);
  EXPECT_EQ(write(fd, "a").error(), Errno::Badf);
  EXPECT_EQ(read(fd, 1).error(), Errno::Badf);
  EXPECT_EQ(fdstat(fd).error(), Errno::Badf);
}

TEST_F(FdTableTest, ClosingThePreopenIsAllowed) {
  EXPECT_EQ(close(kRoot), Errno::Success);
  EXPECT_EQ(fdstat(kRoot).error(), Errno::Badf);
  EXPECT_EQ(mkdir("x"), Errno::Badf);
}

TEST_F(FdTableTest, OtherDescriptorsOfAClosedPreopenStayValid) {
  auto tmp = open_dir("tmp");
  ASSERT_TRUE(tmp.ok());
  ASSERT_EQ(close(kRoot), Errno::Success);
  Call c = call();
  EXPECT_EQ(path_create_directory(c, *tmp, put("sub"), 3), Errno::Success);
}

TEST_F(FdTableTest, RenumberToAnUnopenedFdIsBadf) {
  const uint32_t fd = open_new("x");
  EXPECT_EQ(renumber(fd, 10), Errno::Badf);
  EXPECT_EQ(renumber(fd, UINT32_MAX), Errno::Badf);
  EXPECT_TRUE(fdstat(fd).ok());
  EXPECT_EQ(fdstat(10).error(), Errno::Badf);
}

TEST_F(FdTableTest, RenumberFromAnUnopenedFdIsBadf) {
  const uint32_t fd = open_new("x");
  EXPECT_EQ(renumber(10, fd), Errno::Badf);
  EXPECT_TRUE(fdstat(fd).ok());
}

TEST_F(FdTableTest, RenumberOntoItselfIsANoop) {
  const uint32_t fd = open_new("x");
  EXPECT_EQ(renumber(fd, fd), Errno::Success);
  EXPECT_TRUE(fdstat(fd).ok());
  EXPECT_EQ(renumber(0, 0), Errno::Success);
}

TEST_F(FdTableTest, RenumberOfTwoUnopenedFdsIsBadf) { EXPECT_EQ(renumber(20, 20), Errno::Badf); }

TEST_F(FdTableTest, RenumberReplacesTheTargetAndFreesTheSource) {
  make_file("a", "from a");
  make_file("b", "from b");
  auto a = open("a");
  auto b = open("b");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(renumber(*a, *b), Errno::Success);
  EXPECT_EQ(close(*a), Errno::Badf);
  auto got = read(*b, 100);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "from a");
}

TEST_F(FdTableTest, RenumberKeepsTheOffsetAndFlags) {
  make_file("a", "0123456789");
  auto a = open("a", 0, right::FdRead | right::FdWrite, fdflag::Append);
  auto b = open_new("b");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(seek(*a, 4, Whence::Set).ok());
  ASSERT_EQ(renumber(*a, b), Errno::Success);
  auto pos = tell(b);
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(*pos, 4u);
  auto st = fdstat(b);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->flags, fdflag::Append);
  EXPECT_EQ(st->filetype, uint8_t(FileType::RegularFile));
}

TEST_F(FdTableTest, RenumberedSourceNumberIsReusedLowestFirst) {
  const uint32_t a = open_new("a");
  const uint32_t b = open_new("b");
  ASSERT_EQ(renumber(a, b), Errno::Success);
  EXPECT_EQ(open_new("c"), a);
}

TEST_F(FdTableTest, RenumberOntoThePreopenReplacesIt) {
  const uint32_t a = open_new("a");
  ASSERT_EQ(renumber(a, kRoot), Errno::Success);
  auto st = fdstat(kRoot);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->filetype, uint8_t(FileType::RegularFile));
  Call c = call();
  EXPECT_EQ(fd_prestat_get(c, kRoot, alloc(8)), Errno::Badf);
}

TEST_F(FdTableTest, RenumberOntoStdoutRedirectsWrites) {
  const uint32_t a = open_new("out");
  ASSERT_EQ(renumber(a, 1), Errno::Success);
  ASSERT_TRUE(write(1, "redirected").ok());
  EXPECT_EQ(host.out[1], "");
  EXPECT_EQ(contents("out"), "redirected");
}

TEST_F(FdTableTest, RenumberLoopDoesNotLeakSlots) {
  for (int i = 0; i < 2000; ++i) {
    const uint32_t m = mark();
    auto a = open("x", oflag::Creat);
    auto b = open("y", oflag::Creat);
    release(m);
    ASSERT_TRUE(a.ok() && b.ok()) << i;
    ASSERT_EQ(renumber(*a, *b), Errno::Success);
    ASSERT_EQ(close(*b), Errno::Success);
  }
  EXPECT_EQ(open_new("z"), 4u);
}

TEST_F(FdTableTest, NumbersAtAndAboveTheLimitAreBadf) {
  EXPECT_EQ(fdstat(64).error(), Errno::Badf);
  EXPECT_EQ(fdstat(UINT32_MAX).error(), Errno::Badf);
}

TEST_F(FdTableTest, DuplicatedDescriptionsShareTheOffset) {
  make_file("a", "abcdef");
  auto a = open("a");
  auto b = open_new("b");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(read(*a, 2).ok());
  ASSERT_EQ(renumber(*a, b), Errno::Success);
  auto rest = read(b, 100);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, "cdef");
}

TEST(FdTableUnit, InsertAtTheLimitIsEmfile) {
  FdTable t(2);
  EXPECT_EQ(t.insert({}).value(), 0u);
  EXPECT_EQ(t.insert({}).value(), 1u);
  EXPECT_EQ(t.insert({}).error(), Errno::Mfile);
  EXPECT_EQ(t.insert_at(2, {}), Errno::Mfile);
}

TEST(FdTableUnit, GetChecksRights) {
  FdTable t(4);
  ASSERT_EQ(t.insert_at(1, {nullptr, right::FdRead, 0, {}}), Errno::Success);
  EXPECT_TRUE(t.get(1, right::FdRead).ok());
  EXPECT_EQ(t.get(1, right::FdRead | right::FdWrite).error(), Errno::NotCapable);
  EXPECT_EQ(t.get(0).error(), Errno::Badf);
  EXPECT_EQ(t.get(3).error(), Errno::Badf);
}

TEST(FdTableUnit, InsertFillsGapsLeftByInsertAt) {
  FdTable t(8);
  ASSERT_EQ(t.insert_at(3, {}), Errno::Success);
  EXPECT_EQ(t.insert({}).value(), 0u);
  EXPECT_EQ(t.insert({}).value(), 1u);
  EXPECT_EQ(t.insert({}).value(), 2u);
  EXPECT_EQ(t.insert({}).value(), 4u);
}

}  // namespace
}  // namespace wb::test

namespace wb::test {
namespace {

// The drop hook hears of every description a descriptor stops referring
// to, and of nothing else.
class FdTableDropTest : public BoxTest {
 protected:
  void SetUp() override {
    make_file("a", "");
    make_file("b", "");
    table.on_drop([this](const OpenFile& of) { dropped.push_back(of.inode->ino()); });
  }
  FdEntry entry(std::string_view path, bool cloexec = false) {
    auto f = wasi_open(path);
    return {f, 0, 0, {}, cloexec};
  }
  std::shared_ptr<OpenFile> wasi_open(std::string_view path) {
    auto t = resolve(kernel.root_chain(), path, Follow::Yes);
    EXPECT_TRUE(t.ok() && t->inode);
    auto of = OpenFile::open(t->inode, OpenFile::Access::Read, 0);
    EXPECT_TRUE(of.ok());
    return *of;
  }
  FdTable table{16};
  std::vector<uint64_t> dropped;
};

TEST_F(FdTableDropTest, CloseDupOntoRenumberOntoAndCloseOnExecTellTheHook) {
  ASSERT_TRUE(table.insert(entry("a")).ok());        // 0
  ASSERT_TRUE(table.insert(entry("b")).ok());        // 1
  ASSERT_TRUE(table.insert(entry("a", true)).ok());  // 2, close-on-exec
  const uint64_t a = table.get(0).value()->file->inode->ino();
  const uint64_t b = table.get(1).value()->file->inode->ino();
  ASSERT_TRUE(table.dup(1).ok());  // 3: b
  EXPECT_TRUE(dropped.empty());
  const FdTable child = table.inherited();  // copies drop nothing
  EXPECT_TRUE(dropped.empty());
  EXPECT_EQ(table.dup_to(1, 0), Errno::Success);    // 0 held a
  EXPECT_EQ(table.renumber(3, 1), Errno::Success);  // 1 held b
  EXPECT_EQ(table.close(1), Errno::Success);
  table.close_on_exec();  // 2
  EXPECT_EQ(dropped, (std::vector<uint64_t>{a, b, b, a}));
  EXPECT_EQ(table.get(2).error(), Errno::Badf);
  EXPECT_TRUE(child.drop_hook() == nullptr);
}

}  // namespace
}  // namespace wb::test
