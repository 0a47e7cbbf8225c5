// Tests of the in-memory filesystem: readdir cookies, inodes, links, space.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

class MemoryFsTest : public BoxTest {
 protected:
  // Creates directory `d` holding files f0..f<n-1>, and opens it.
  uint32_t dir_with_files(int n) {
    EXPECT_EQ(mkdir("d"), Errno::Success);
    for (int i = 0; i < n; ++i) {
      const uint32_t m = mark();
      make_file("d/f" + std::to_string(i), "");
      release(m);
    }
    auto fd = open_dir("d");
    EXPECT_TRUE(fd.ok());
    return fd.ok() ? *fd : UINT32_MAX;
  }
  std::vector<Dirent> all(uint32_t fd, uint32_t buf_len = 256, uint64_t cookie = 0) {
    auto got = list(fd, buf_len, cookie);
    EXPECT_TRUE(got.ok()) << int(got.error());
    return got.ok() ? *got : std::vector<Dirent>{};
  }
  static std::vector<std::string> names(const std::vector<Dirent>& es) {
    std::vector<std::string> out;
    for (const auto& e : es) out.push_back(e.name);
    return out;
  }
};

TEST_F(MemoryFsTest, EmptyDirectoryListsDotAndDotDot) {
  const uint32_t fd = dir_with_files(0);
  const auto es = all(fd);
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].name, ".");
  EXPECT_EQ(es[1].name, "..");
  EXPECT_EQ(es[0].type, uint8_t(FileType::Directory));
  EXPECT_EQ(es[1].type, uint8_t(FileType::Directory));
}

TEST_F(MemoryFsTest, DNextIsOneTwoThenThreeUp) {
  const uint32_t fd = dir_with_files(3);
  const auto es = all(fd);
  ASSERT_EQ(es.size(), 5u);
  for (size_t i = 0; i < es.size(); ++i) EXPECT_EQ(es[i].next, i + 1) << es[i].name;
}

TEST_F(MemoryFsTest, DotReportsTheDirectorysOwnInode) {
  const uint32_t fd = dir_with_files(0);
  auto st = fstat(fd);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(all(fd)[0].ino, st->ino);
}

TEST_F(MemoryFsTest, DotDotReportsTheParentsInode) {
  ASSERT_EQ(mkdir("p"), Errno::Success);
  ASSERT_EQ(mkdir("p/c"), Errno::Success);
  auto fd = open_dir("p/c");
  ASSERT_TRUE(fd.ok());
  auto parent = stat_of("p");
  ASSERT_TRUE(parent.ok());
  EXPECT_EQ(all(*fd)[1].ino, parent->ino);
}

TEST_F(MemoryFsTest, DotDotOfTheRootIsTheRootItself) {
  auto root = fstat(kRoot);
  ASSERT_TRUE(root.ok());
  const auto es = all(kRoot);
  EXPECT_EQ(es[1].name, "..");
  EXPECT_EQ(es[1].ino, root->ino);
}

TEST_F(MemoryFsTest, DotDotFollowsARenamedDirectory) {
  ASSERT_EQ(mkdir("p"), Errno::Success);
  ASSERT_EQ(mkdir("q"), Errno::Success);
  ASSERT_EQ(mkdir("p/c"), Errno::Success);
  auto fd = open_dir("p/c");
  ASSERT_TRUE(fd.ok());
  ASSERT_EQ(rename("p/c", "q/c"), Errno::Success);
  auto q = stat_of("q");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(all(*fd)[1].ino, q->ino);
}

TEST_F(MemoryFsTest, EntryInodesAndTypesMatchPathFilestat) {
  ASSERT_EQ(mkdir("d"), Errno::Success);
  make_file("d/file", "x");
  ASSERT_EQ(mkdir("d/sub"), Errno::Success);
  ASSERT_EQ(symlink("file", "d/link"), Errno::Success);
  auto fd = open_dir("d");
  ASSERT_TRUE(fd.ok());
  for (const auto& e : all(*fd)) {
    if (e.name == "." || e.name == "..") continue;
    auto st = stat_of("d/" + e.name, 0);
    ASSERT_TRUE(st.ok()) << e.name;
    EXPECT_EQ(e.ino, st->ino) << e.name;
    EXPECT_EQ(e.type, st->type) << e.name;
  }
}

TEST_F(MemoryFsTest, DeviceEntriesAreCharacterDevices) {
  auto fd = open_dir("dev");
  ASSERT_TRUE(fd.ok());
  int seen = 0;
  for (const auto& e : all(*fd)) {
    if (e.name == "null" || e.name == "zero" || e.name == "urandom") {
      EXPECT_EQ(e.type, uint8_t(FileType::CharacterDevice)) << e.name;
      ++seen;
    }
  }
  EXPECT_EQ(seen, 3);
}

TEST_F(MemoryFsTest, ResumingFromAnEntrysDNextGivesTheNextEntry) {
  const uint32_t fd = dir_with_files(6);
  const auto es = all(fd);
  for (size_t k = 0; k + 1 < es.size(); ++k) {
    auto rest = readdir_once(fd, 4096, es[k].next);
    ASSERT_TRUE(rest.ok());
    ASSERT_FALSE(rest->empty()) << k;
    EXPECT_EQ((*rest)[0].name, es[k + 1].name) << k;
  }
}

TEST_F(MemoryFsTest, ResumingFromAnyCookieGivesTheWholeSuffix) {
  const uint32_t fd = dir_with_files(6);
  const auto es = all(fd);
  for (size_t k = 0; k < es.size(); ++k) {
    const auto rest = all(fd, 256, es[k].next);
    EXPECT_EQ(names(rest), names({es.begin() + k + 1, es.end()})) << k;
  }
}

TEST_F(MemoryFsTest, CookiePastTheEndReturnsNothing) {
  const uint32_t fd = dir_with_files(3);
  const auto es = all(fd);
  auto raw = readdir_raw(fd, 256, es.back().next);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 0u);
  raw = readdir_raw(fd, 256, es.back().next + 100);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 0u);
}

TEST_F(MemoryFsTest, InsertionsMidListingNeitherRepeatNorSkip) {
  const uint32_t fd = dir_with_files(8);
  const auto before = all(fd);
  const uint64_t cookie = before[4].next;
  for (int i = 0; i < 5; ++i) make_file("d/new" + std::to_string(i), "");
  auto rest = all(fd, 256, cookie);
  std::vector<std::string> got = names({before.begin(), before.begin() + 5});
  for (const auto& e : rest) got.push_back(e.name);
  std::multiset<std::string> counts(got.begin(), got.end());
  for (const auto& e : before) EXPECT_EQ(counts.count(e.name), 1u) << e.name;
  EXPECT_EQ(got.size(), before.size() + 5);
}

TEST_F(MemoryFsTest, RemovalsMidListingDoNotShiftLaterEntries) {
  const uint32_t fd = dir_with_files(8);
  const auto before = all(fd);
  ASSERT_EQ(unlink("d/" + before[6].name), Errno::Success);
  ASSERT_EQ(unlink("d/" + before[3].name), Errno::Success);  // already listed
  const auto rest = all(fd, 256, before[4].next);
  std::vector<std::string> want;
  for (size_t i = 5; i < before.size(); ++i)
    if (i != 6) want.push_back(before[i].name);
  EXPECT_EQ(names(rest), want);
}

TEST_F(MemoryFsTest, RemovingTheNextEntryResumesAfterIt) {
  const uint32_t fd = dir_with_files(5);
  const auto before = all(fd);
  ASSERT_EQ(unlink("d/" + before[3].name), Errno::Success);
  const auto rest = all(fd, 256, before[2].next);
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest[0].name, before[4].name);
}

TEST_F(MemoryFsTest, TruncatedLastEntryFillsTheBufferExactly) {
  const uint32_t fd = dir_with_files(1);
  const uint32_t len = 25 + 10;  // "." whole, then 10 bytes of ".."
  const P buf = alloc(64);
  fill(buf, 64, 0xEE);
  const P used = alloc(4);
  Call c = call();
  ASSERT_EQ(fd_readdir(c, fd, buf, len, 0, used), Errno::Success);
  EXPECT_EQ(u32(used), len);
  EXPECT_EQ(u64(P{buf.addr + 25}), 2u);  // d_next of ".." is in the prefix
  for (uint32_t i = len; i < 64; ++i) EXPECT_EQ(mem->bytes[buf.addr + i], 0xEE) << i;
  EXPECT_EQ(parse_dirents(mem->bytes.data() + buf.addr, len).size(), 1u);
}

TEST_F(MemoryFsTest, TruncatedNameFillsTheBufferExactly) {
  ASSERT_EQ(mkdir("d"), Errno::Success);
  make_file("d/longname", "");
  auto fd = open_dir("d");
  ASSERT_TRUE(fd.ok());
  const uint32_t len = 25 + 26 + 24 + 4;
  auto raw = readdir_raw(*fd, len, 0);
  ASSERT_TRUE(raw.ok());
  ASSERT_EQ(raw->size(), len);
  EXPECT_EQ(raw->substr(len - 4), "long");
}

TEST_F(MemoryFsTest, BufferSmallerThanOneHeaderIsFilled) {
  const uint32_t fd = dir_with_files(0);
  auto raw = readdir_raw(fd, 5, 0);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 5u);
  EXPECT_EQ(uint8_t((*raw)[0]), 1);
}

TEST_F(MemoryFsTest, ExactFitReturnsBufLen) {
  const uint32_t fd = dir_with_files(0);
  auto raw = readdir_raw(fd, 25 + 26, 0);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 51u);
}

TEST_F(MemoryFsTest, ZeroLengthBufferReturnsZero) {
  const uint32_t fd = dir_with_files(1);
  auto raw = readdir_raw(fd, 0, 0);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->size(), 0u);
}

TEST_F(MemoryFsTest, GrowingTheBufferByteByByteEventuallyShowsEveryEntry) {
  ASSERT_EQ(mkdir("d"), Errno::Success);
  make_file("d/\xD0\x94\xD0\xB5\xD0\xB9", "");
  auto fd = open_dir("d");
  ASSERT_TRUE(fd.ok());
  for (uint32_t len = 1; len < 100; ++len) {
    const uint32_t m = mark();
    auto es = readdir_once(*fd, len, 0);
    release(m);
    ASSERT_TRUE(es.ok());
    if (es->size() == 3) {
      EXPECT_EQ((*es)[2].name, "\xD0\x94\xD0\xB5\xD0\xB9");
      return;
    }
  }
  FAIL() << "entry never fit";
}

TEST_F(MemoryFsTest, ThousandEntriesListCompletely) {
  const uint32_t fd = dir_with_files(1000);
  const auto es = all(fd, 256);
  EXPECT_EQ(es.size(), 1002u);
  std::set<std::string> unique;
  for (const auto& e : es) unique.insert(e.name);
  EXPECT_EQ(unique.size(), 1002u);
  EXPECT_TRUE(unique.count("f999"));
}

TEST_F(MemoryFsTest, InodeNumbersAreUnique) {
  std::set<uint64_t> inos;
  ASSERT_EQ(mkdir("d"), Errno::Success);
  for (int i = 0; i < 20; ++i) {
    make_file("d/f" + std::to_string(i), "");
    ASSERT_EQ(mkdir("d/s" + std::to_string(i)), Errno::Success);
    ASSERT_EQ(symlink("x", "d/l" + std::to_string(i)), Errno::Success);
  }
  auto fd = open_dir("d");
  ASSERT_TRUE(fd.ok());
  const auto es = all(*fd);
  for (size_t i = 2; i < es.size(); ++i) inos.insert(es[i].ino);
  EXPECT_EQ(inos.size(), 60u);
}

TEST_F(MemoryFsTest, InodeIsStableAcrossRename) {
  make_file("f", "x");
  ASSERT_EQ(mkdir("d"), Errno::Success);
  ASSERT_EQ(mkdir("e"), Errno::Success);
  const uint64_t file = stat_of("f")->ino;
  const uint64_t dir = stat_of("d")->ino;
  ASSERT_EQ(rename("f", "e/g"), Errno::Success);
  ASSERT_EQ(rename("d", "e/dd"), Errno::Success);
  EXPECT_EQ(stat_of("e/g")->ino, file);
  EXPECT_EQ(stat_of("e/dd")->ino, dir);
}

TEST_F(MemoryFsTest, InodeNumbersAreNotReusedAfterUnlink) {
  make_file("f", "");
  const uint64_t old = stat_of("f")->ino;
  ASSERT_EQ(unlink("f"), Errno::Success);
  make_file("g", "");
  EXPECT_NE(stat_of("g")->ino, old);
}

TEST_F(MemoryFsTest, FilesLiveOnTheMemoryDevice) {
  make_file("f", "");
  EXPECT_EQ(stat_of("f")->dev, kMemoryDev);
  EXPECT_EQ(stat_of("dev/null")->dev, kDeviceDev);
}

TEST_F(MemoryFsTest, NlinkCountsHardLinks) {
  make_file("a", "shared");
  ASSERT_EQ(link("a", "b"), Errno::Success);
  ASSERT_EQ(link("b", "c"), Errno::Success);
  EXPECT_EQ(stat_of("a")->nlink, 3u);
  EXPECT_EQ(stat_of("c")->nlink, 3u);
  ASSERT_EQ(unlink("a"), Errno::Success);
  EXPECT_EQ(stat_of("b")->nlink, 2u);
  EXPECT_EQ(contents("c"), "shared");
}

TEST_F(MemoryFsTest, HardLinksShareData) {
  make_file("a", "one");
  ASSERT_EQ(link("a", "b"), Errno::Success);
  auto fd = open("b");
  ASSERT_TRUE(fd.ok());
  ASSERT_TRUE(pwrite(*fd, "two", 0).ok());
  EXPECT_EQ(contents("a"), "two");
}

TEST_F(MemoryFsTest, DirectoryNlinkCountsSubdirectories) {
  ASSERT_EQ(mkdir("d"), Errno::Success);
  EXPECT_EQ(stat_of("d")->nlink, 2u);
  ASSERT_EQ(mkdir("d/x"), Errno::Success);
  ASSERT_EQ(mkdir("d/y"), Errno::Success);
  make_file("d/f", "");
  EXPECT_EQ(stat_of("d")->nlink, 4u);
  ASSERT_EQ(rmdir("d/x"), Errno::Success);
  EXPECT_EQ(stat_of("d")->nlink, 3u);
}

TEST_F(MemoryFsTest, RenamingADirectoryMovesItsParentLink) {
  ASSERT_EQ(mkdir("p"), Errno::Success);
  ASSERT_EQ(mkdir("q"), Errno::Success);
  ASSERT_EQ(mkdir("p/c"), Errno::Success);
  ASSERT_EQ(rename("p/c", "q/c"), Errno::Success);
  EXPECT_EQ(stat_of("p")->nlink, 2u);
  EXPECT_EQ(stat_of("q")->nlink, 3u);
}

TEST_F(MemoryFsTest, UnlinkedOpenFileStaysReadableWithNlinkZero) {
  make_file("f", "still here");
  auto fd = open("f");
  ASSERT_TRUE(fd.ok());
  ASSERT_EQ(unlink("f"), Errno::Success);
  auto st = fstat(*fd);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->nlink, 0u);
  auto got = read(*fd, 100);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "still here");
}

TEST_F(MemoryFsTest, WritesUpdateModificationTime) {
  make_file("f", "");
  Call c = call();
  ASSERT_EQ(path_filestat_set_times(c, kRoot, 0, put("f"), 1, 5, 5, fstflag::Atim | fstflag::Mtim),
            Errno::Success);
  auto fd = open("f");
  ASSERT_TRUE(fd.ok());
  ASSERT_TRUE(write(*fd, "x").ok());
  auto st = stat_of("f");
  EXPECT_GT(st->mtim, 5u);
  EXPECT_EQ(st->atim, 5u);
}

TEST_F(MemoryFsTest, AppendingManySmallWritesBuildsTheWholeFile) {
  auto fd = open("big", oflag::Creat, right::FdWrite, fdflag::Append);
  ASSERT_TRUE(fd.ok());
  const P buf = alloc(8);
  const P iov = alloc(8);
  const P n = alloc(4);
  put_iov(iov, buf, 5);
  Call c = call();
  constexpr int kWrites = 200000;
  for (int i = 0; i < kWrites; ++i) {
    put_bytes(buf, std::string(1, char('a' + i % 26)) + "1234");
    ASSERT_EQ(fd_write(c, *fd, iov, 1, n), Errno::Success) << i;
  }
  EXPECT_EQ(stat_of("big")->size, 5u * kWrites);
  const std::string all = contents("big");
  ASSERT_EQ(all.size(), 5u * kWrites);
  for (int i = 0; i < kWrites; i += 9973) EXPECT_EQ(all[5 * i], char('a' + i % 26)) << i;
  EXPECT_EQ(all.substr(all.size() - 5), std::string(1, char('a' + (kWrites - 1) % 26)) + "1234");
}

class SmallFsTest : public BoxTest {
 protected:
  static KernelConfig config() {
    KernelConfig c = small_config();
    c.memfs_capacity = 4096;
    return c;
  }
  SmallFsTest() : BoxTest(config()) {}
  uint32_t full_file(const char* name) {
    auto fd = open(name, oflag::Creat);
    EXPECT_TRUE(fd.ok());
    EXPECT_EQ(set_size(*fd, 4096), Errno::Success);
    return *fd;
  }
};

TEST_F(SmallFsTest, WritingPastCapacityIsNoSpc) {
  auto fd = open("f", oflag::Creat);
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(write(*fd, std::string(4096, 'x')).value(), 4096u);
  EXPECT_EQ(write(*fd, "y").error(), Errno::NoSpc);
  EXPECT_EQ(fstat(*fd)->size, 4096u);
}

TEST_F(SmallFsTest, CapacityIsSharedBetweenFiles) {
  auto a = open("a", oflag::Creat);
  auto b = open("b", oflag::Creat);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(write(*a, std::string(3000, 'x')).ok());
  EXPECT_EQ(set_size(*b, 1097), Errno::NoSpc);
  EXPECT_EQ(set_size(*b, 1096), Errno::Success);
}

TEST_F(SmallFsTest, SetSizePastCapacityIsNoSpcAndLeavesTheSize) {
  auto fd = open("f", oflag::Creat);
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(set_size(*fd, 4097), Errno::NoSpc);
  EXPECT_EQ(fstat(*fd)->size, 0u);
}

TEST_F(SmallFsTest, AllocatePastCapacityIsNoSpc) {
  auto fd = open("f", oflag::Creat);
  ASSERT_TRUE(fd.ok());
  Call c = call();
  EXPECT_EQ(fd_allocate(c, *fd, 4000, 100), Errno::NoSpc);
  EXPECT_EQ(fd_allocate(c, *fd, 0, 4096), Errno::Success);
}

TEST_F(SmallFsTest, PwriteFarPastTheEndIsNoSpc) {
  auto fd = open("f", oflag::Creat);
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(pwrite(*fd, "x", 1ull << 40).error(), Errno::NoSpc);
  EXPECT_EQ(fstat(*fd)->size, 0u);
}

TEST_F(SmallFsTest, SpaceIsReturnedAfterUnlink) {
  const uint32_t fd = full_file("a");
  ASSERT_EQ(close(fd), Errno::Success);
  ASSERT_EQ(unlink("a"), Errno::Success);
  const uint32_t again = full_file("b");
  EXPECT_EQ(fstat(again)->size, 4096u);
}

TEST_F(SmallFsTest, SpaceIsHeldWhileAnUnlinkedFileIsOpen) {
  const uint32_t fd = full_file("a");
  ASSERT_EQ(unlink("a"), Errno::Success);
  auto b = open("b", oflag::Creat);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(write(*b, "x").error(), Errno::NoSpc);
  ASSERT_EQ(close(fd), Errno::Success);
  EXPECT_TRUE(write(*b, "x").ok());
}

TEST_F(SmallFsTest, SpaceIsReturnedAfterTruncate) {
  const uint32_t fd = full_file("a");
  ASSERT_EQ(set_size(fd, 1000), Errno::Success);
  auto b = open("b", oflag::Creat);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(set_size(*b, 3096), Errno::Success);
  EXPECT_EQ(set_size(*b, 3097), Errno::NoSpc);
}

TEST_F(SmallFsTest, SpaceIsReturnedAfterOpenWithTrunc) {
  ASSERT_EQ(close(full_file("a")), Errno::Success);
  auto fd = open("a", oflag::Trunc);
  ASSERT_TRUE(fd.ok());
  auto b = open("b", oflag::Creat);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(set_size(*b, 4096), Errno::Success);
}

TEST_F(SmallFsTest, SpaceOfAHardLinkedFileReturnsWithItsLastName) {
  ASSERT_EQ(close(full_file("a")), Errno::Success);
  ASSERT_EQ(link("a", "b"), Errno::Success);
  ASSERT_EQ(unlink("a"), Errno::Success);
  auto c = open("c", oflag::Creat);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(write(*c, "x").error(), Errno::NoSpc);
  ASSERT_EQ(unlink("b"), Errno::Success);
  EXPECT_TRUE(write(*c, "x").ok());
}

TEST_F(SmallFsTest, OverwritingInPlaceNeedsNoSpace) {
  const uint32_t fd = full_file("a");
  EXPECT_EQ(pwrite(fd, "hello", 0).value(), 5u);
  EXPECT_EQ(pwrite(fd, "end", 4093).value(), 3u);
}

TEST_F(SmallFsTest, RenamingOverAFileReturnsItsSpace) {
  ASSERT_EQ(close(full_file("a")), Errno::Success);
  make_file("b", "");
  ASSERT_EQ(rename("b", "a"), Errno::Success);
  auto c = open("c", oflag::Creat);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(set_size(*c, 4096), Errno::Success);
}

TEST_F(SmallFsTest, DirectoriesAndSymlinksUseNoFileSpace) {
  const uint32_t fd = full_file("a");
  EXPECT_EQ(mkdir("d"), Errno::Success);
  EXPECT_EQ(symlink(std::string(200, 'x'), "l"), Errno::Success);
  EXPECT_EQ(fstat(fd)->size, 4096u);
}

}  // namespace
}  // namespace wb::test
