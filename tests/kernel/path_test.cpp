// Tests of path resolution (vfs/path.cpp) through the WASI path calls.
#include <string>

#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

constexpr uint32_t kNoFollow = 0;

class PathTest : public BoxTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(mkdir("a"), Errno::Success);
    ASSERT_EQ(mkdir("a/b"), Errno::Success);
    make_file("a/b/f", "data");
    make_file("top", "top");
  }
  uint64_t ino(std::string_view path, uint32_t follow = 1) {
    auto st = stat_of(path, follow);
    EXPECT_TRUE(st.ok()) << path << ": " << int(st.error());
    return st.ok() ? st->ino : 0;
  }
  Errno stat_errno(std::string_view path, uint32_t follow = 1) {
    return stat_of(path, follow).error();
  }
};

TEST_F(PathTest, DotDotAtTheBaseIsPerm) {
  EXPECT_EQ(stat_errno(".."), Errno::Perm);
  EXPECT_EQ(stat_errno("../top"), Errno::Perm);
}

TEST_F(PathTest, DotDotClimbingPastTheBaseAfterDescendingIsPerm) {
  EXPECT_EQ(stat_errno("a/../.."), Errno::Perm);
  EXPECT_EQ(stat_errno("a/b/../../../a"), Errno::Perm);
}

TEST_F(PathTest, DotDotThatStaysInsideResolves) {
  EXPECT_EQ(ino("a/b/../b/f"), ino("a/b/f"));
  EXPECT_EQ(ino("a/.."), ino("."));
  EXPECT_EQ(ino("a/.//b/../../a/b/../b///./f"), ino("a/b/f"));
}

TEST_F(PathTest, DotDotIsRelativeToTheDirfdNotTheRoot) {
  auto a = open_dir("a");
  ASSERT_TRUE(a.ok());
  Call c = call();
  const P out = alloc(64);
  EXPECT_EQ(path_filestat_get(c, *a, 1, put(".."), 2, out), Errno::Perm);
  EXPECT_EQ(path_filestat_get(c, *a, 1, put("b/../../a"), 9, out), Errno::Perm);
  EXPECT_EQ(path_filestat_get(c, *a, 1, put("b/.."), 4, out), Errno::Success);
}

TEST_F(PathTest, AbsolutePathIsPerm) {
  EXPECT_EQ(stat_errno("/top"), Errno::Perm);
  EXPECT_EQ(stat_errno("/"), Errno::Perm);
  EXPECT_EQ(stat_errno("//a"), Errno::Perm);
}

TEST_F(PathTest, AbsoluteSymlinkIsPermWhenFollowed) {
  ASSERT_EQ(kernel.root()->make_symlink("abs", "/top"), Errno::Success);
  EXPECT_EQ(stat_errno("abs"), Errno::Perm);
  EXPECT_EQ(stat_errno("abs/x", kNoFollow), Errno::Perm);
}

TEST_F(PathTest, AbsoluteSymlinkItselfCanBeStatted) {
  ASSERT_EQ(kernel.root()->make_symlink("abs", "/top"), Errno::Success);
  auto st = stat_of("abs", kNoFollow);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->type, uint8_t(FileType::SymbolicLink));
}

TEST_F(PathTest, RelativeSymlinkEscapingTheBaseIsPerm) {
  ASSERT_EQ(symlink("../outside", "esc"), Errno::Success);
  EXPECT_EQ(stat_errno("esc"), Errno::Perm);
  ASSERT_EQ(symlink("../..", "a/up2"), Errno::Success);
  EXPECT_EQ(stat_errno("a/up2"), Errno::Perm);
  EXPECT_EQ(stat_errno("a/up2/top"), Errno::Perm);
}

TEST_F(PathTest, SymlinkEscapeInTheMiddleOfAPathIsPerm) {
  ASSERT_EQ(symlink("..", "up"), Errno::Success);
  EXPECT_EQ(stat_errno("up/top", kNoFollow), Errno::Perm);
}

TEST_F(PathTest, SymlinkEscapingOnlyTheDirfdIsPerm) {
  ASSERT_EQ(symlink("../top", "a/totop"), Errno::Success);
  EXPECT_EQ(ino("a/totop"), ino("top"));
  auto a = open_dir("a");
  ASSERT_TRUE(a.ok());
  Call c = call();
  const P out = alloc(64);
  EXPECT_EQ(path_filestat_get(c, *a, 1, put("totop"), 5, out), Errno::Perm);
}

TEST_F(PathTest, RelativeSymlinkResolvesFromItsOwnDirectory) {
  ASSERT_EQ(symlink("b/f", "a/lf"), Errno::Success);
  EXPECT_EQ(ino("a/lf"), ino("a/b/f"));
  ASSERT_EQ(symlink("../../top", "a/b/ltop"), Errno::Success);
  EXPECT_EQ(ino("a/b/ltop"), ino("top"));
}

TEST_F(PathTest, DotDotAfterASymlinkIsTheTargetsParent) {
  ASSERT_EQ(symlink("a/b", "lb"), Errno::Success);
  EXPECT_EQ(ino("lb/.."), ino("a"));
}

TEST_F(PathTest, SelfLoopSymlinkIsLoop) {
  ASSERT_EQ(symlink("loop", "loop"), Errno::Success);
  EXPECT_EQ(stat_errno("loop"), Errno::Loop);
  EXPECT_EQ(stat_errno("loop/x", kNoFollow), Errno::Loop);
}

TEST_F(PathTest, TwoSymlinkCycleIsLoop) {
  ASSERT_EQ(symlink("y", "x"), Errno::Success);
  ASSERT_EQ(symlink("x", "y"), Errno::Success);
  EXPECT_EQ(stat_errno("x"), Errno::Loop);
}

TEST_F(PathTest, LoopSymlinkItselfCanBeStattedWithoutFollowing) {
  ASSERT_EQ(symlink("loop", "loop"), Errno::Success);
  EXPECT_TRUE(stat_of("loop", kNoFollow).ok());
}

class SymlinkChainTest : public PathTest {
 protected:
  // l1 -> l2 -> ... -> l<n> -> top: following l1 takes n hops.
  void chain(int n) {
    for (int i = 1; i <= n; ++i) {
      const std::string next = i == n ? "top" : "l" + std::to_string(i + 1);
      ASSERT_EQ(symlink(next, "l" + std::to_string(i)), Errno::Success);
    }
  }
};

TEST_F(SymlinkChainTest, FortyHopsResolve) {
  chain(40);
  EXPECT_EQ(ino("l1"), ino("top"));
}

TEST_F(SymlinkChainTest, FortyOneHopsAreLoop) {
  chain(41);
  EXPECT_EQ(stat_errno("l1"), Errno::Loop);
  EXPECT_EQ(ino("l2"), ino("top"));
}

TEST_F(SymlinkChainTest, HopsCountAcrossIntermediateComponents) {
  chain(40);
  ASSERT_EQ(symlink("a", "la"), Errno::Success);
  ASSERT_EQ(symlink("../l1", "a/lx"), Errno::Success);
  // la (1) then a/lx (2) then l1..l40 (42): past the limit.
  EXPECT_EQ(stat_errno("la/lx"), Errno::Loop);
}

TEST_F(PathTest, TrailingSlashOnADirectoryResolves) {
  EXPECT_EQ(ino("a/"), ino("a"));
  EXPECT_EQ(ino("a///"), ino("a"));
  EXPECT_EQ(ino("a/./"), ino("a"));
}

TEST_F(PathTest, TrailingSlashOnAFileIsNotDir) {
  EXPECT_EQ(stat_errno("top/"), Errno::NotDir);
  EXPECT_EQ(stat_errno("a/b/f//"), Errno::NotDir);
}

TEST_F(PathTest, TrailingSlashFollowsAFinalSymlinkToADirectory) {
  ASSERT_EQ(symlink("a", "la"), Errno::Success);
  auto st = stat_of("la/", kNoFollow);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->type, uint8_t(FileType::Directory));
}

TEST_F(PathTest, TrailingSlashOnASymlinkToAFileIsNotDir) {
  ASSERT_EQ(symlink("top", "lt"), Errno::Success);
  EXPECT_EQ(stat_errno("lt/", kNoFollow), Errno::NotDir);
}

TEST_F(PathTest, IntermediateSymlinksAreFollowedWithoutTheFollowFlag) {
  ASSERT_EQ(symlink("a/b", "lb"), Errno::Success);
  EXPECT_EQ(ino("lb/f", kNoFollow), ino("a/b/f"));
}

TEST_F(PathTest, FinalSymlinkIsNotFollowedWithoutTheFlag) {
  ASSERT_EQ(symlink("top", "lt"), Errno::Success);
  EXPECT_NE(ino("lt", kNoFollow), ino("top"));
  EXPECT_EQ(ino("lt"), ino("top"));
}

TEST_F(PathTest, ComponentOf255BytesIsAccepted) {
  const std::string name(255, 'n');
  EXPECT_EQ(mkdir(name), Errno::Success);
  EXPECT_TRUE(stat_of(name).ok());
}

TEST_F(PathTest, ComponentOf256BytesIsNameTooLong) {
  const std::string name(256, 'n');
  EXPECT_EQ(mkdir(name), Errno::NameTooLong);
  EXPECT_EQ(stat_errno("a/" + name), Errno::NameTooLong);
  EXPECT_EQ(open(name, oflag::Creat).error(), Errno::NameTooLong);
}

TEST_F(PathTest, LongComponentInTheMiddleIsNameTooLong) {
  EXPECT_EQ(stat_errno(std::string(256, 'n') + "/x"), Errno::NameTooLong);
}

TEST_F(PathTest, PathOf4096BytesIsAcceptedAndLongerIsNameTooLong) {
  std::string ok;
  for (int i = 0; i < 2047; ++i) ok += "./";
  ok += "a/";
  ASSERT_EQ(ok.size(), 4096u);
  EXPECT_EQ(ino(ok), ino("a"));
  EXPECT_EQ(stat_errno(ok + "."), Errno::NameTooLong);
}

TEST_F(PathTest, SymlinkExpansionPast4096BytesIsNameTooLong) {
  ASSERT_EQ(symlink(std::string(3000, '/').insert(0, "a"), "long"), Errno::Success);
  EXPECT_EQ(ino("long"), ino("a"));
  std::string rest;
  for (int i = 0; i < 600; ++i) rest += "./";
  EXPECT_EQ(stat_errno("long/" + rest + "b", kNoFollow), Errno::NameTooLong);
}

TEST_F(PathTest, DotIsTheDirfdItself) {
  auto root = fstat(kRoot);
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(ino("."), root->ino);
  EXPECT_EQ(ino("./"), root->ino);
  EXPECT_EQ(ino("./."), root->ino);
}

TEST_F(PathTest, DotComponentsAndRepeatedSlashesAreSkipped) {
  EXPECT_EQ(ino("./a/./b/./f"), ino("a/b/f"));
  EXPECT_EQ(ino("a//b///f"), ino("a/b/f"));
}

TEST_F(PathTest, EmptyPathIsNoEnt) { EXPECT_EQ(stat_errno(""), Errno::NoEnt); }

TEST_F(PathTest, MissingIntermediateIsNoEnt) {
  EXPECT_EQ(stat_errno("nope/x"), Errno::NoEnt);
  EXPECT_EQ(stat_errno("a/nope/f"), Errno::NoEnt);
}

TEST_F(PathTest, FileAsIntermediateIsNotDir) {
  EXPECT_EQ(stat_errno("top/x"), Errno::NotDir);
  EXPECT_EQ(stat_errno("top/.."), Errno::NotDir);
}

TEST_F(PathTest, DanglingSymlinkFollowedIsNoEnt) {
  ASSERT_EQ(symlink("missing", "dang"), Errno::Success);
  EXPECT_EQ(stat_errno("dang"), Errno::NoEnt);
  EXPECT_TRUE(stat_of("dang", kNoFollow).ok());
}

TEST_F(PathTest, EmptySymlinkTargetIsNoEntWhenFollowed) {
  ASSERT_EQ(kernel.root()->make_symlink("empty", ""), Errno::Success);
  EXPECT_EQ(stat_errno("empty"), Errno::NoEnt);
}

TEST_F(PathTest, SymlinkTargetWithTrailingSlashResolves) {
  ASSERT_EQ(symlink("a/", "la"), Errno::Success);
  EXPECT_EQ(ino("la/b"), ino("a/b"));
}

TEST_F(PathTest, SymlinkToDotDotStaysInsideWhenBelowTheBase) {
  ASSERT_EQ(symlink("..", "a/b/up"), Errno::Success);
  EXPECT_EQ(ino("a/b/up"), ino("a"));
}

TEST_F(PathTest, DirfdThatIsAFileIsNotDirForOpen) {
  auto f = open("top");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(open("x", 0, right::FdRead, 0, 1, *f).error(), Errno::NotDir);
}

TEST_F(PathTest, DirfdThatIsAFileIsBadfForOtherPathCalls) {
  auto f = open("top");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(on_path(path_create_directory, "x", *f), Errno::Badf);
  EXPECT_EQ(on_path(path_unlink_file, "x", *f), Errno::Badf);
  Call c = call();
  EXPECT_EQ(path_filestat_get(c, *f, 0, put("x"), 1, alloc(64)), Errno::Badf);
}

TEST_F(PathTest, NulInsideAPathIsInval) {
  EXPECT_EQ(stat_errno(std::string("top\0", 4)), Errno::Inval);
}

TEST_F(PathTest, InvalidUtf8PathIsIlseq) { EXPECT_EQ(stat_errno("a/\xC3("), Errno::Ilseq); }

TEST_F(PathTest, ValidMultibyteNamesWork) {
  EXPECT_EQ(mkdir("\xD0\x94\xF0\x9F\x98\x80"), Errno::Success);
  EXPECT_TRUE(stat_of("\xD0\x94\xF0\x9F\x98\x80/").ok());
}

}  // namespace
}  // namespace wb::test
