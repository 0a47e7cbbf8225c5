// Tests of filesystem images: tar archives unpacked into the box's tree.
#include "vfs/tar_unpack.h"

#include <string>

#include "box_fixture.h"
#include "tar_writer.h"

namespace wb::test {
namespace {

class TarUnpackTest : public BoxTest {
 protected:
  Status load(std::string_view at, const std::string& tar) {
    return kernel.load_image(at, {reinterpret_cast<const uint8_t*>(tar.data()), tar.size()});
  }
};

TEST_F(TarUnpackTest, FilesDirectoriesAndLinksAreUnpacked) {
  const std::string tar = TarWriter()
                              .add("share/", '5')
                              .add("share/words", '0', "apple\npear\n")
                              .add("deep/er/file", '0', "made its parents")
                              .add("share/link", '2', "", "words")
                              .add("share/hard", '1', "", "share/words")
                              .finish();
  ASSERT_EQ(load("/", tar), Errno::Success);
  EXPECT_EQ(contents("share/words"), "apple\npear\n");
  EXPECT_EQ(contents("deep/er/file"), "made its parents");
  EXPECT_EQ(contents("share/link"), "apple\npear\n");
  EXPECT_EQ(contents("share/hard"), "apple\npear\n");
  EXPECT_EQ(stat_of("share/hard")->nlink, 2u);
}

TEST_F(TarUnpackTest, PermissionBitsAreKept) {
  const std::string tar = TarWriter()
                              .add("bin/", '5', "", "", 1700000000, 0700)
                              .add("bin/tool", '0', "#!/bin/sh\n", "", 1700000000, 04755)
                              .add("bin/data", '0', "x")
                              .add("bin/link", '2', "", "tool", 1700000000, 0777)
                              .finish();
  ASSERT_EQ(load("/", tar), Errno::Success);
  const auto perm = [&](std::string_view path) {
    auto t = resolve(kernel.root_chain(), path, Follow::No);
    return t.ok() && t->inode ? t->inode->stat(nullptr)->perm : std::nullopt;
  };
  EXPECT_EQ(perm("/bin"), 0700u);
  EXPECT_EQ(perm("/bin/tool"), 04755u);
  EXPECT_EQ(perm("/bin/data"), 0644u);
  EXPECT_EQ(perm("/bin/link"), std::nullopt);  // a symlink's mode is always 0777
}

TEST_F(TarUnpackTest, ModificationTimesAreKept) {
  ASSERT_EQ(load("/", TarWriter().add("f", '0', "x", "", 1234).finish()), Errno::Success);
  EXPECT_EQ(stat_of("f")->mtim, 1234'000'000'000u);
}

TEST_F(TarUnpackTest, AnImageCanGoBelowADirectoryItCreates) {
  ASSERT_EQ(load("/opt/app", TarWriter().add("./data/x", '0', "1").finish()), Errno::Success);
  EXPECT_EQ(contents("opt/app/data/x"), "1");
}

TEST_F(TarUnpackTest, EntriesCannotLeaveTheirDirectory) {
  make_file("secret", "keep");
  EXPECT_EQ(load("/img", TarWriter().add("../secret", '0', "overwritten").finish()), Errno::Perm);
  EXPECT_EQ(contents("secret"), "keep");
  ASSERT_EQ(load("/img", TarWriter().add("/abs", '0', "inside").finish()), Errno::Success);
  EXPECT_EQ(contents("img/abs"), "inside");
}

TEST_F(TarUnpackTest, PaxAndGnuLongNamesNameTheNextEntry) {
  const std::string long_name = std::string(150, 'n');
  const std::string tar = long_names_archive();
  ASSERT_EQ(load("/", tar), Errno::Success);
  EXPECT_EQ(contents(long_name), "pax");
  EXPECT_EQ(contents("gnu-long-name"), "gnu");
}

TEST_F(TarUnpackTest, ADamagedArchiveIsInvalidAndKeepsWhatCameBefore) {
  std::string tar = TarWriter().add("good", '0', "ok").add("bad", '0', "no").finish();
  tar[1024 + 10] ^= 1;  // the second header's checksum no longer matches
  EXPECT_EQ(load("/", tar), Errno::Inval);
  EXPECT_EQ(contents("good"), "ok");
  EXPECT_EQ(stat_of("bad").error(), Errno::NoEnt);
}

TEST_F(TarUnpackTest, ATruncatedArchiveIsInvalid) {
  const std::string tar = TarWriter().add("f", '0', std::string(2000, 'x')).finish();
  EXPECT_EQ(load("/", tar.substr(0, 1024)), Errno::Inval);
  // Cut inside the next header, or only in the end mark.
  const std::string two = TarWriter().add("a", '0', "1").add("b", '0', "2").finish();
  EXPECT_EQ(load("/", two.substr(0, 1024 + 100)), Errno::Inval);
  EXPECT_EQ(load("/", two.substr(0, 2048 + 700)), Errno::Success);
}

TEST_F(TarUnpackTest, AnEmptyArchiveUnpacksNothing) {
  EXPECT_EQ(load("/", std::string(1024, '\0')), Errno::Success);
  EXPECT_EQ(load("/", ""), Errno::Success);
}

TEST_F(TarUnpackTest, TheTargetMustBeAnAbsoluteDirectory) {
  make_file("file", "");
  EXPECT_EQ(load("rel", TarWriter().finish()), Errno::Inval);
  EXPECT_EQ(load("/file", TarWriter().finish()), Errno::NotDir);
}

}  // namespace
}  // namespace wb::test
