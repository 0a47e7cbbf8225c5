// Tests of overlays (vfs/overlay_fs.h): a writable upper folder over a
// read-only image; copy-up, whiteouts, opaque folders and renames across
// layers, and an upper layer kept in a store.
#include "vfs/overlay_fs.h"

#include <map>
#include <string>
#include <vector>

#include "box_fixture.h"
#include "tar_writer.h"

namespace wb::test {
namespace {

using wasi::oflag::Creat;
using wasi::oflag::Trunc;

const std::string kLower = TarWriter()
                               .add("etc/", '5', "", "", 1600000000, 0755)
                               .add("etc/config", '0', "lower config\n", "", 1600000000, 0644)
                               .add("etc/hosts", '0', "127.0.0.1\n")
                               .add("share/doc/readme", '0', "read me\n")
                               .add("share/empty/", '5')
                               .add("bin/tool", '0', "#!/bin/sh\n", "", 1700000000, 0755)
                               .add("link", '2', "", "etc/config")
                               .finish();

class OverlayTest : public BoxTest {
 protected:
  OverlayTest() {
    EXPECT_EQ(kernel.mount_tar("/lower", std::vector<uint8_t>(kLower.begin(), kLower.end())),
              Errno::Success);
    EXPECT_EQ(mkdir("upper"), Errno::Success);
    EXPECT_EQ(kernel.mount_overlay("/o", "/upper", {"/lower"}), Errno::Success);
  }

  // The names of a folder, "." and ".." left out, in listing order.
  std::vector<std::string> names(std::string_view dir) {
    std::vector<std::string> out;
    auto fd = open_dir(dir);
    if (!fd.ok()) return {"<open failed>"};
    auto entries = list(*fd);
    (void)close(*fd);
    for (const auto& e : *entries)
      if (e.name != "." && e.name != "..") out.push_back(e.name);
    std::sort(out.begin(), out.end());
    return out;
  }
  void overwrite(std::string_view path, std::string_view data) {
    auto fd = open(path, Creat | Trunc);
    ASSERT_TRUE(fd.ok()) << int(fd.error());
    ASSERT_TRUE(write(*fd, data).ok());
    ASSERT_EQ(close(*fd), Errno::Success);
  }
};

TEST_F(OverlayTest, ReadsShowTheLowerLayerUntilTheUpperHasTheName) {
  EXPECT_EQ(contents("o/etc/config"), "lower config\n");
  EXPECT_EQ(contents("o/link"), "lower config\n");
  EXPECT_EQ(names("o"), (std::vector<std::string>{"bin", "etc", "link", "share"}));
  make_file("upper/mine", "upper only");
  ASSERT_EQ(mkdir("upper/etc"), Errno::Success);
  make_file("upper/etc/config", "upper config\n");
  EXPECT_EQ(contents("o/etc/config"), "upper config\n");
  EXPECT_EQ(contents("o/etc/hosts"), "127.0.0.1\n");  // the folders merge
  EXPECT_EQ(names("o"), (std::vector<std::string>{"bin", "etc", "link", "mine", "share"}));
  EXPECT_EQ(names("o/etc"), (std::vector<std::string>{"config", "hosts"}));
  EXPECT_NE(stat_of("o/etc")->dev, stat_of("lower/etc")->dev);
}

TEST_F(OverlayTest, AWriteCopiesUpWithTheParentsAndLeavesTheLowerLayerAlone) {
  auto fd = open("o/share/doc/readme", 0);
  ASSERT_TRUE(fd.ok());
  ASSERT_TRUE(write(*fd, "READ").ok());
  ASSERT_EQ(close(*fd), Errno::Success);
  EXPECT_EQ(contents("o/share/doc/readme"), "READ me\n");
  EXPECT_EQ(contents("upper/share/doc/readme"), "READ me\n");
  EXPECT_EQ(contents("lower/share/doc/readme"), "read me\n");
  // Metadata changes copy up too, keeping the rest.
  Call c = call();
  const std::string tool = "o/bin/tool";
  ASSERT_EQ(wasi::path_filestat_set_times(c, kRoot, 0, put(tool), uint32_t(tool.size()), 0, 42,
                                          wasi::fstflag::Mtim),
            Errno::Success);
  EXPECT_EQ(stat_of("upper/bin/tool")->mtim, 42u);
  EXPECT_EQ(contents("upper/bin/tool"), "#!/bin/sh\n");
  // A new file goes up; the lower layer is read-only as ever.
  overwrite("o/etc/new", "new");
  EXPECT_EQ(contents("upper/etc/new"), "new");
  EXPECT_EQ(open("lower/etc/new", Creat).error(), Errno::Rofs);
}

TEST_F(OverlayTest, RemovedLowerNamesAreWhitedOutAndAFolderMadeAgainIsOpaque) {
  ASSERT_EQ(unlink("o/etc/hosts"), Errno::Success);
  EXPECT_EQ(stat_of("o/etc/hosts").error(), Errno::NoEnt);
  EXPECT_TRUE(stat_of("upper/etc/.wh.hosts").ok());
  EXPECT_EQ(contents("lower/etc/hosts"), "127.0.0.1\n");
  EXPECT_EQ(names("o/etc"), (std::vector<std::string>{"config"}));
  // Made again, it is the new one.
  overwrite("o/etc/hosts", "::1\n");
  EXPECT_EQ(contents("o/etc/hosts"), "::1\n");
  EXPECT_FALSE(stat_of("upper/etc/.wh.hosts").ok());

  ASSERT_EQ(unlink("o/share/doc/readme"), Errno::Success);
  ASSERT_EQ(rmdir("o/share/doc"), Errno::Success);
  EXPECT_EQ(names("o/share"), (std::vector<std::string>{"empty"}));
  ASSERT_EQ(mkdir("o/share/doc"), Errno::Success);
  EXPECT_TRUE(names("o/share/doc").empty());  // readme does not come back
  EXPECT_TRUE(stat_of("upper/share/doc/.wh..wh..opq").ok());
  // A folder with lower entries is not empty.
  EXPECT_EQ(rmdir("o/etc"), Errno::NotEmpty);
}

TEST_F(OverlayTest, RenamesCopyUpFilesAndRefuseFoldersWithLowerContents) {
  ASSERT_EQ(rename("o/etc/config", "o/config.old"), Errno::Success);
  EXPECT_EQ(contents("o/config.old"), "lower config\n");
  EXPECT_EQ(stat_of("o/etc/config").error(), Errno::NoEnt);
  EXPECT_EQ(names("o/etc"), (std::vector<std::string>{"hosts"}));
  EXPECT_EQ(rename("o/share", "o/share2"), Errno::Xdev);
  ASSERT_EQ(mkdir("o/mine"), Errno::Success);
  overwrite("o/mine/f", "f");
  ASSERT_EQ(rename("o/mine", "o/yours"), Errno::Success);
  EXPECT_EQ(contents("o/yours/f"), "f");
  // Over a lower file, a renamed file replaces it.
  overwrite("o/replacement", "replaced");
  ASSERT_EQ(rename("o/replacement", "o/etc/hosts"), Errno::Success);
  EXPECT_EQ(contents("o/etc/hosts"), "replaced");
  // A hard link copies its target up first.
  ASSERT_EQ(link("o/bin/tool", "o/tool2"), Errno::Success);
  EXPECT_EQ(stat_of("o/tool2")->nlink, 2u);
  EXPECT_EQ(contents("o/tool2"), "#!/bin/sh\n");
}

TEST_F(OverlayTest, WhiteoutNamesAreNeitherShownNorMade) {
  ASSERT_EQ(unlink("o/etc/hosts"), Errno::Success);
  EXPECT_EQ(stat_of("o/etc/.wh.hosts").error(), Errno::NoEnt);
  EXPECT_EQ(open("o/.wh.x", Creat).error(), Errno::Inval);
  EXPECT_EQ(mkdir("o/.wh.d"), Errno::Inval);
}

TEST_F(OverlayTest, AnUpperLayerInAStoreKeepsTheChangesOnTheirOwn) {
  std::vector<uint8_t> file[2];
  host.store_writer = [&](uint32_t, uint32_t f, uint64_t offset, std::span<const uint8_t> b) {
    file[f].resize(offset);
    file[f].insert(file[f].end(), b.begin(), b.end());
    return Errno::Success;
  };
  ASSERT_EQ(kernel.mount_store("/changes", 1, {}, {}, 1 << 20), Errno::Success);
  ASSERT_EQ(kernel.mount_overlay("/app", "/changes", {"/lower"}), Errno::Success);
  overwrite("app/etc/config", "edited\n");
  ASSERT_EQ(unlink("app/etc/hosts"), Errno::Success);
  ASSERT_EQ(kernel.commit_stores(), Errno::Success);

  // A new session: the same image, the store read again.
  ASSERT_EQ(kernel.mount_store("/changes2", 2, file[0], file[1], 1 << 20), Errno::Success);
  ASSERT_EQ(kernel.mount_overlay("/app2", "/changes2", {"/lower"}), Errno::Success);
  EXPECT_EQ(contents("app2/etc/config"), "edited\n");
  EXPECT_EQ(stat_of("app2/etc/hosts").error(), Errno::NoEnt);
  EXPECT_EQ(contents("app2/share/doc/readme"), "read me\n");
}

TEST_F(OverlayTest, MountingNeedsFolders) {
  EXPECT_EQ(kernel.mount_overlay("/x", "/missing", {"/lower"}), Errno::NoEnt);
  make_file("file", "f");
  EXPECT_EQ(kernel.mount_overlay("/x", "/upper", {"/file"}), Errno::NotDir);
}

TEST_F(OverlayTest, ACopyUpCutShortLeavesNoFileBehind) {
  host.store_writer = [](uint32_t, uint32_t, uint64_t, std::span<const uint8_t>) {
    return Errno::Success;
  };
  const std::string big(1500000, 'b');
  const std::string tar = TarWriter().add("big", '0', big).finish();
  ASSERT_EQ(kernel.mount_tar("/biglower", std::vector<uint8_t>(tar.begin(), tar.end())),
            Errno::Success);
  ASSERT_EQ(kernel.mount_store("/small", 1, {}, {}, 1 << 20), Errno::Success);
  ASSERT_EQ(kernel.mount_overlay("/ob", "/small", {"/biglower"}), Errno::Success);
  EXPECT_EQ(open("ob/big", 0).error(), Errno::NoSpc);
  EXPECT_EQ(stat_of("small/big").error(), Errno::NoEnt);
  EXPECT_EQ(open("ob/big", 0).error(), Errno::NoSpc);
  EXPECT_EQ(contents("ob/big").size(), big.size());
}

TEST_F(OverlayTest, RemovingWhileListingRemovesEveryName) {
  TarWriter many;
  for (int i = 0; i < 300; ++i) many.add("d/file-" + std::to_string(i), '0', "x");
  const std::string tar = many.finish();
  ASSERT_EQ(kernel.mount_tar("/many", std::vector<uint8_t>(tar.begin(), tar.end())),
            Errno::Success);
  ASSERT_EQ(mkdir("up2"), Errno::Success);
  ASSERT_EQ(kernel.mount_overlay("/om", "/up2", {"/many"}), Errno::Success);
  auto fd = open_dir("om/d");
  ASSERT_TRUE(fd.ok());
  for (uint64_t cookie = 0;;) {
    const uint32_t m = mark();
    auto got = readdir_once(*fd, 1024, cookie);
    ASSERT_TRUE(got.ok());
    release(m);
    if (got->empty()) break;
    for (const auto& e : *got) {
      if (e.name == "." || e.name == "..") continue;
      ASSERT_EQ(unlink("om/d/" + e.name), Errno::Success);
    }
    cookie = got->back().next;
  }
  (void)close(*fd);
  EXPECT_TRUE(names("om/d").empty());
  EXPECT_EQ(rmdir("om/d"), Errno::Success);
}

TEST_F(OverlayTest, AnOpaqueFolderRenamedOverALowerOneIsRenamed) {
  ASSERT_EQ(rmdir("o/share/empty"), Errno::Success);
  ASSERT_EQ(mkdir("o/share/empty"), Errno::Success);  // opaque now
  ASSERT_EQ(unlink("o/share/doc/readme"), Errno::Success);
  ASSERT_EQ(rename("o/share/empty", "o/share/doc"), Errno::Success);
  EXPECT_EQ(stat_of("o/share/empty").error(), Errno::NoEnt);
  EXPECT_TRUE(names("o/share/doc").empty());
}

}  // namespace
}  // namespace wb::test
