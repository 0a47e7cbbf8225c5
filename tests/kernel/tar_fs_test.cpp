// Tests of tar archives mounted read-only in place (vfs/tar_fs.h).
#include "vfs/tar_fs.h"

#include <string>
#include <vector>

#include "box_fixture.h"
#include "counting_data.h"
#include "tar_writer.h"

namespace wb::test {
namespace {

using wasi::oflag::Creat;
using wasi::oflag::Trunc;

class TarFsTest : public BoxTest {
 protected:
  Status mount(std::string_view at, const std::string& tar) {
    return kernel.mount_tar(at, std::vector<uint8_t>(tar.begin(), tar.end()));
  }
  // The names a directory lists, "." and ".." included.
  std::vector<std::string> names(std::string_view dir, uint32_t buf_len = 256) {
    auto fd = open_dir(dir);
    if (!fd.ok()) return {"<open failed>"};
    auto entries = list(*fd, buf_len);
    (void)close(*fd);
    std::vector<std::string> out;
    if (entries.ok())
      for (const auto& e : *entries) out.push_back(e.name);
    return out;
  }
};

const std::string kSample = TarWriter()
                                .add("share/", '5', "", "", 1600000000, 0750)
                                .add("share/words", '0', "apple\npear\n", "", 1700000000, 0640)
                                .add("deep/er/file", '0', "made its parents")
                                .add("share/link", '2', "", "words")
                                .add("share/hard", '1', "", "share/words")
                                .add("bin/tool", '0', "#!/bin/sh\n", "", 1700000000, 0755)
                                .add("empty/", '5')
                                .finish();

TEST_F(TarFsTest, FilesDirectoriesAndLinksReadAsInTheArchive) {
  ASSERT_EQ(mount("/img", kSample), Errno::Success);
  EXPECT_EQ(contents("img/share/words"), "apple\npear\n");
  EXPECT_EQ(contents("img/deep/er/file"), "made its parents");
  EXPECT_EQ(contents("img/share/link"), "apple\npear\n");
  EXPECT_EQ(*readlink("img/share/link"), "words");
  EXPECT_EQ(contents("img/share/hard"), "apple\npear\n");
  auto words = stat_of("img/share/words");
  auto hard = stat_of("img/share/hard");
  ASSERT_TRUE(words.ok() && hard.ok());
  EXPECT_EQ(words->ino, hard->ino);
  EXPECT_EQ(words->nlink, 2u);
  EXPECT_EQ(words->size, 11u);
  EXPECT_EQ(words->mtim, 1700000000'000'000'000u);
  EXPECT_NE(words->dev, stat_of(".")->dev);  // a filesystem of its own
}

TEST_F(TarFsTest, PermissionBitsAreTheArchives) {
  ASSERT_EQ(mount("/img", kSample), Errno::Success);
  const auto perm = [&](std::string_view path) {
    auto t = resolve(kernel.root_chain(), path, Follow::No);
    return t.ok() && t->inode ? t->inode->stat(nullptr)->perm : std::nullopt;
  };
  EXPECT_EQ(perm("/img/share"), 0750u);
  EXPECT_EQ(perm("/img/share/words"), 0640u);
  EXPECT_EQ(perm("/img/bin/tool"), 0755u);
  EXPECT_EQ(perm("/img/deep"), std::nullopt);  // made for a deeper entry: the type's default
}

TEST_F(TarFsTest, DirectoriesListSortedAndResumeAtACookie) {
  ASSERT_EQ(mount("/img", kSample), Errno::Success);
  EXPECT_EQ(names("img/share"), (std::vector<std::string>{".", "..", "hard", "link", "words"}));
  EXPECT_EQ(names("img"), (std::vector<std::string>{".", "..", "bin", "deep", "empty", "share"}));
  // A buffer that holds about one entry: every entry once, in order.
  EXPECT_EQ(names("img/share", 40), (std::vector<std::string>{".", "..", "hard", "link", "words"}));
}

TEST_F(TarFsTest, EveryChangeIsReadOnly) {
  ASSERT_EQ(mount("/img", kSample), Errno::Success);
  EXPECT_EQ(open("img/share/words").error(), Errno::Rofs);  // for writing
  EXPECT_EQ(open("img/share/new", Creat).error(), Errno::Rofs);
  EXPECT_EQ(open("img/share/words", Trunc, wasi::right::FdRead).error(), Errno::Rofs);
  EXPECT_EQ(mkdir("img/dir"), Errno::Rofs);
  EXPECT_EQ(unlink("img/share/words"), Errno::Rofs);
  EXPECT_EQ(rmdir("img/empty"), Errno::Rofs);
  // As on Linux, before anything about the entry itself.
  EXPECT_EQ(rmdir("img/deep"), Errno::Rofs);
  EXPECT_EQ(unlink("img/share/missing"), Errno::Rofs);
  EXPECT_EQ(rename("img/share/missing", "img/share/w2"), Errno::Rofs);
  EXPECT_EQ(rename("img/share/words", "img/share/w2"), Errno::Rofs);
  EXPECT_EQ(symlink("x", "img/share/s"), Errno::Rofs);
  EXPECT_EQ(link("img/share/words", "img/share/l2"), Errno::Rofs);
  auto fd = open("img/share/words", 0, wasi::right::FdRead | wasi::right::FdFilestatSetTimes);
  ASSERT_TRUE(fd.ok()) << int(fd.error());
  {
    Call c = call();
    EXPECT_EQ(wasi::fd_filestat_set_times(c, *fd, 1, 1, wasi::fstflag::Mtim), Errno::Rofs);
  }
  EXPECT_EQ(contents("img/share/words"), "apple\npear\n");
  // Out of the mount, a file of the memory tree cannot come in either.
  make_file("outside", "x");
  EXPECT_NE(rename("outside", "img/share/outside"), Errno::Success);
}

TEST_F(TarFsTest, ALaterEntryReplacesAnEarlierOne) {
  const std::string tar = TarWriter().add("f", '0', "first").add("f", '0', "second").finish();
  ASSERT_EQ(mount("/img", tar), Errno::Success);
  EXPECT_EQ(contents("img/f"), "second");
  EXPECT_EQ(names("img"), (std::vector<std::string>{".", "..", "f"}));
}

TEST_F(TarFsTest, PaxAndGnuLongNamesNameTheNextEntry) {
  const std::string long_name = std::string(150, 'n');
  const std::string tar = long_names_archive();
  ASSERT_EQ(mount("/img", tar), Errno::Success);
  EXPECT_EQ(contents("img/" + long_name), "pax");
  EXPECT_EQ(contents("img/gnu-long-name"), "gnu");
}

TEST_F(TarFsTest, ADamagedArchiveMountsNothing) {
  std::string bad_sum = TarWriter().add("good", '0', "ok").add("bad", '0', "no").finish();
  bad_sum[1024 + 10] ^= 1;  // the second header's checksum no longer matches
  const std::string full = TarWriter().add("f", '0', std::string(2000, 'x')).finish();
  for (const std::string& tar :
       {bad_sum, full.substr(0, 1024), bad_sum.substr(0, 1024 + 100),
        TarWriter().add("../escape", '0', "x").finish(),
        TarWriter().add("a/../../escape", '0', "x").finish(),
        TarWriter().add("hard", '1', "", "missing").finish(),
        TarWriter().add("file", '0', "x").add("file/under", '0', "y").finish()}) {
    EXPECT_EQ(mount("/img", tar), Errno::Inval);
    EXPECT_EQ(stat_of("img").error(), Errno::NoEnt);
  }
}

TEST_F(TarFsTest, ItGoesWhereAMountCan) {
  EXPECT_EQ(mount("/", kSample), Errno::Busy);
  EXPECT_EQ(mount("relative", kSample), Errno::Inval);
  make_file("file", "");
  EXPECT_EQ(mount("/file", kSample), Errno::Exist);
  ASSERT_EQ(mkdir("full"), Errno::Success);
  make_file("full/x", "");
  EXPECT_EQ(mount("/full", kSample), Errno::NotEmpty);
  ASSERT_EQ(mkdir("empty"), Errno::Success);
  EXPECT_EQ(mount("/empty", kSample), Errno::Success);
  EXPECT_EQ(contents("empty/bin/tool"), "#!/bin/sh\n");
  // A second archive: a filesystem of its own, beside the first.
  ASSERT_EQ(mount("/a/b/second", TarWriter().add("only", '0', "2").finish()), Errno::Success);
  EXPECT_EQ(contents("a/b/second/only"), "2");
  EXPECT_NE(stat_of("a/b/second/only")->dev, stat_of("empty/bin/tool")->dev);
}

TEST_F(TarFsTest, AnEmptyArchiveIsAnEmptyDirectory) {
  ASSERT_EQ(mount("/img", std::string(1024, '\0')), Errno::Success);
  EXPECT_EQ(names("img"), (std::vector<std::string>{".", ".."}));
}

// Lazily: the same tree, read where the archive is.
TEST_F(TarFsTest, ALazyArchiveReadsAsTheArchiveAndFetchesWhatIsRead) {
  std::string big(300000, 'b');
  for (size_t i = 0; i < big.size(); ++i) big[i] = char('a' + i % 23);
  const std::string tar = TarWriter()
                              .add("big/one", '0', big)
                              .add("big/two", '0', big)
                              .add("small/note", '0', "a note\n")
                              .add("small/link", '2', "", "note")
                              .finish();
  uint64_t fetched = 0;
  ASSERT_EQ(kernel.mount_tar("/lazy", std::make_unique<CountingData>(
                                          std::vector<uint8_t>(tar.begin(), tar.end()), &fetched)),
            Errno::Success);
  // The headers only, 64 KiB at a time: the big files are skipped.
  EXPECT_LT(fetched, 5 * 65536u);
  const uint64_t at_mount = fetched;
  EXPECT_EQ(contents("lazy/small/note"), "a note\n");
  EXPECT_EQ(contents("lazy/small/link"), "a note\n");
  EXPECT_EQ(fetched, at_mount);  // in a chunk the headers brought
  EXPECT_EQ(contents("lazy/big/two"), big);
  EXPECT_EQ(contents("lazy/big/one"), big);
  EXPECT_EQ(open("lazy/new", Creat).error(), Errno::Rofs);
  // Cut short: the mount fails, or a file past the end reads as EIO.
  const std::string cut = tar.substr(0, 400000);
  uint64_t ignored = 0;
  ASSERT_EQ(kernel.mount_tar("/cut", std::make_unique<CountingData>(
                                         std::vector<uint8_t>(cut.begin(), cut.end()), &ignored)),
            Errno::Inval);
  const std::string junk(5000, 'x');
  EXPECT_EQ(
      kernel.mount_tar("/junk", std::make_unique<CountingData>(
                                    std::vector<uint8_t>(junk.begin(), junk.end()), &ignored)),
      Errno::Inval);
}

}  // namespace
}  // namespace wb::test
