// Tests of filesystem images: tar archives unpacked into the box's tree.
#include "vfs/image.h"

#include <string>

#include "box_fixture.h"

namespace wb::test {
namespace {

// Builds tar archives entry by entry, as tar(1) writes them.
class TarWriter {
 public:
  TarWriter& add(std::string_view name, char type, std::string_view data = "",
                 std::string_view link = "", uint64_t mtime = 1700000000, uint32_t mode = 0644) {
    std::string h(512, '\0');
    put(h, 0, name.substr(0, 100));
    put(h, 100, octal(mode, 7));
    put(h, 124, octal(data.size(), 11));
    put(h, 136, octal(mtime, 11));
    h[156] = type;
    put(h, 157, link);
    put(h, 257, "ustar");
    put(h, 263, "00");
    if (name.size() > 100) put(h, 345, name.substr(100));  // not real ustar: tests the prefix
    std::string sum = std::string(8, ' ');
    put(h, 148, sum);
    unsigned total = 0;
    for (unsigned char c : h) total += c;
    put(h, 148, octal(total, 6));
    h[154] = '\0';
    bytes_ += h;
    bytes_ += data;
    bytes_.append((512 - data.size() % 512) % 512, '\0');
    return *this;
  }
  // A pax extended header for the next entry.
  TarWriter& pax(std::string_view key, std::string_view value) {
    std::string record = " " + std::string(key) + "=" + std::string(value) + "\n";
    std::string len = std::to_string(record.size() + 2);
    if (len.size() + record.size() != std::stoul(len)) len = std::to_string(record.size() + 3);
    return add("PaxHeader", 'x', len + record);
  }
  std::string finish() const { return bytes_ + std::string(1024, '\0'); }

 private:
  static void put(std::string& h, size_t at, std::string_view s) { h.replace(at, s.size(), s); }
  static std::string octal(uint64_t v, int width) {
    std::string s(size_t(width), '0');
    for (int i = width - 1; i >= 0 && v; --i, v >>= 3) s[size_t(i)] = char('0' + (v & 7));
    return s;
  }
  std::string bytes_;
};

class ImageTest : public BoxTest {
 protected:
  Status load(std::string_view at, const std::string& tar) {
    return kernel.load_image(at, {reinterpret_cast<const uint8_t*>(tar.data()), tar.size()});
  }
};

TEST_F(ImageTest, FilesDirectoriesAndLinksAreUnpacked) {
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

TEST_F(ImageTest, PermissionBitsAreKept) {
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

TEST_F(ImageTest, ModificationTimesAreKept) {
  ASSERT_EQ(load("/", TarWriter().add("f", '0', "x", "", 1234).finish()), Errno::Success);
  EXPECT_EQ(stat_of("f")->mtim, 1234'000'000'000u);
}

TEST_F(ImageTest, AnImageCanGoBelowADirectoryItCreates) {
  ASSERT_EQ(load("/opt/app", TarWriter().add("./data/x", '0', "1").finish()), Errno::Success);
  EXPECT_EQ(contents("opt/app/data/x"), "1");
}

TEST_F(ImageTest, EntriesCannotLeaveTheirDirectory) {
  make_file("secret", "keep");
  EXPECT_EQ(load("/img", TarWriter().add("../secret", '0', "overwritten").finish()), Errno::Perm);
  EXPECT_EQ(contents("secret"), "keep");
  ASSERT_EQ(load("/img", TarWriter().add("/abs", '0', "inside").finish()), Errno::Success);
  EXPECT_EQ(contents("img/abs"), "inside");
}

TEST_F(ImageTest, PaxAndGnuLongNamesNameTheNextEntry) {
  const std::string long_name = std::string(150, 'n');
  const std::string tar = TarWriter()
                              .pax("path", long_name)
                              .add("short", '0', "pax")
                              .add("././@LongLink", 'L', "gnu-long-name")
                              .add("cut", '0', "gnu")
                              .finish();
  ASSERT_EQ(load("/", tar), Errno::Success);
  EXPECT_EQ(contents(long_name), "pax");
  EXPECT_EQ(contents("gnu-long-name"), "gnu");
}

TEST_F(ImageTest, ADamagedArchiveIsInvalidAndKeepsWhatCameBefore) {
  std::string tar = TarWriter().add("good", '0', "ok").add("bad", '0', "no").finish();
  tar[1024 + 10] ^= 1;  // the second header's checksum no longer matches
  EXPECT_EQ(load("/", tar), Errno::Inval);
  EXPECT_EQ(contents("good"), "ok");
  EXPECT_EQ(stat_of("bad").error(), Errno::NoEnt);
}

TEST_F(ImageTest, ATruncatedArchiveIsInvalid) {
  const std::string tar = TarWriter().add("f", '0', std::string(2000, 'x')).finish();
  EXPECT_EQ(load("/", tar.substr(0, 1024)), Errno::Inval);
}

TEST_F(ImageTest, AnEmptyArchiveUnpacksNothing) {
  EXPECT_EQ(load("/", std::string(1024, '\0')), Errno::Success);
  EXPECT_EQ(load("/", ""), Errno::Success);
}

TEST_F(ImageTest, TheTargetMustBeAnAbsoluteDirectory) {
  make_file("file", "");
  EXPECT_EQ(load("rel", TarWriter().finish()), Errno::Inval);
  EXPECT_EQ(load("/file", TarWriter().finish()), Errno::NotDir);
}

}  // namespace
}  // namespace wb::test
