// Tests of wasmbox images (vfs/image_format.h, vfs/image_fs.h): a tree of
// the box packed and mounted back reads as it was; damage is EINVAL at the
// mount or EIO at the read, never wrong bytes; a lazy image reads only
// what is asked of it.
#include "vfs/image_fs.h"

#include <map>
#include <string>
#include <vector>

#include "base/crc32.h"
#include "base/le_bytes.h"
#include "box_fixture.h"
#include "counting_data.h"
#include "vfs/image_format.h"

namespace wb::test {
namespace {

using wasi::oflag::Creat;

class ImageFsTest : public BoxTest {
 protected:
  // A tree at /src: files (one of three blocks), a folder, a symlink, a
  // hard link, permission bits and times.
  void make_tree() {
    ASSERT_EQ(mkdir("src"), Errno::Success);
    ASSERT_EQ(mkdir("src/bin"), Errno::Success);
    make_file("src/bin/tool", "#!/bin/sh\necho tool\n");
    make_file("src/big", big_);
    make_file("src/empty", "");
    ASSERT_EQ(symlink("bin/tool", "src/link"), Errno::Success);
    ASSERT_EQ(link("src/bin/tool", "src/hard"), Errno::Success);
    Call c = call();
    const std::string tool = "src/bin/tool";
    ASSERT_EQ(wasi::path_filestat_set_times(c, kRoot, 0, put(tool), uint32_t(tool.size()), 5,
                                            1700000000'000000000, wasi::fstflag::Mtim),
              Errno::Success);
  }

  std::vector<uint8_t> pack(std::string_view path, std::string_view manifest = "{}") {
    auto image = kernel.pack_image(path, manifest);
    EXPECT_TRUE(image.ok());
    return image.ok() ? *image : std::vector<uint8_t>{};
  }

  Result<std::string> mount(std::string_view at, std::vector<uint8_t> bytes) {
    return kernel.mount_image(at, image_in_memory(std::move(bytes)));
  }

  // What reading the file gives: its bytes, or "<errno>".
  std::string read_all(std::string_view path) {
    auto fd = open(path, 0, wasi::right::FdRead);
    if (!fd.ok()) return "<open " + std::to_string(int(fd.error())) + ">";
    std::string all;
    for (;;) {
      const uint32_t m = mark();
      auto got = pread(*fd, 65536, all.size());
      release(m);
      if (!got.ok()) {
        (void)close(*fd);
        return "<" + std::to_string(int(got.error())) + ">";
      }
      if (got->empty()) break;
      all += *got;
    }
    (void)close(*fd);
    return all;
  }

  const std::string big_ = [] {
    std::string s(150000, 'x');
    for (size_t i = 0; i < s.size(); ++i) s[i] = char('a' + i * 7 % 26);
    return s;
  }();
};

TEST_F(ImageFsTest, APackedTreeMountsBackAsItWas) {
  make_tree();
  auto manifest = mount("/img", pack("/src", R"({"program":"/bin/tool"})"));
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(*manifest, R"({"program":"/bin/tool"})");
  EXPECT_EQ(read_all("img/big"), big_);
  EXPECT_EQ(read_all("img/bin/tool"), "#!/bin/sh\necho tool\n");
  EXPECT_EQ(read_all("img/empty"), "");
  EXPECT_EQ(read_all("img/link"), "#!/bin/sh\necho tool\n");
  EXPECT_EQ(*readlink("img/link"), "bin/tool");
  auto tool = stat_of("img/bin/tool");
  ASSERT_TRUE(tool.ok());
  EXPECT_EQ(tool->mtim, 1700000000'000000000u);
  EXPECT_EQ(tool->nlink, 2u);
  EXPECT_EQ(stat_of("img/hard")->ino, tool->ino);
  EXPECT_EQ(stat_of("img/big")->size, big_.size());
  // Read-only.
  EXPECT_EQ(open("img/new", Creat).error(), Errno::Rofs);
  EXPECT_EQ(open("img/big", 0, wasi::right::FdWrite).error(), Errno::Rofs);
  EXPECT_EQ(unlink("img/big"), Errno::Rofs);
}

TEST_F(ImageFsTest, ACutImageIsRefusedOrReadsAsEIONeverWrongBytes) {
  make_tree();
  const auto whole = pack("/src");
  for (size_t cut = 0; cut < whole.size(); cut += cut < 2000 ? 7 : 4099) {
    const std::string at = "/cut" + std::to_string(cut);
    auto m = mount(at, std::vector<uint8_t>(whole.begin(), whole.begin() + long(cut)));
    if (!m.ok()) {
      ASSERT_EQ(m.error(), Errno::Inval) << cut;
      continue;
    }
    const uint32_t mark_ = mark();
    for (const char* file : {"/big", "/bin/tool"}) {
      const std::string got = read_all(at.substr(1) + file);
      const std::string want = std::string(file) == "/big" ? big_ : "#!/bin/sh\necho tool\n";
      EXPECT_TRUE(got == want || got == "<29>") << cut << file << ": " << got.substr(0, 20);
    }
    release(mark_);
  }
}

TEST_F(ImageFsTest, AFlippedByteFailsItsFileOrTheMount) {
  make_tree();
  const auto whole = pack("/src");
  auto data_damaged = whole;
  data_damaged[data_damaged.size() - 100] ^= 1;  // in big's last block
  ASSERT_TRUE(mount("/d", data_damaged).ok());
  EXPECT_EQ(read_all("d/big"), "<29>");  // EIO
  EXPECT_EQ(read_all("d/bin/tool"), "#!/bin/sh\necho tool\n");
  auto index_damaged = whole;
  index_damaged[kImageHeaderSize + 10] ^= 1;
  EXPECT_EQ(mount("/i", index_damaged).error(), Errno::Inval);
  EXPECT_EQ(mount("/g", std::vector<uint8_t>(4096, 7)).error(), Errno::Inval);
}

TEST_F(ImageFsTest, ALazyImageReadsTheIndexAndTheBlocksAskedFor) {
  make_tree();
  ASSERT_EQ(mkdir("src/data"), Errno::Success);
  for (int i = 0; i < 40; ++i) {
    const uint32_t m = mark();
    make_file("src/data/f" + std::to_string(i), std::string(100000, char('0' + i % 10)));
    release(m);
  }
  const auto whole = pack("/src");
  ASSERT_GT(whole.size(), 4'000'000u);
  uint64_t fetched = 0;
  auto m = kernel.mount_image("/lazy", std::make_unique<CountingData>(whole, &fetched));
  ASSERT_TRUE(m.ok());
  const uint64_t index = fetched;
  EXPECT_LT(index, 4000u);
  EXPECT_EQ(read_all("lazy/bin/tool"), "#!/bin/sh\necho tool\n");
  EXPECT_EQ(fetched - index, 20u);
  // A block fetched once is kept.
  EXPECT_EQ(read_all("lazy/bin/tool"), "#!/bin/sh\necho tool\n");
  EXPECT_EQ(fetched - index, 20u);
  EXPECT_EQ(read_all("lazy/data/f7").size(), 100000u);
  EXPECT_EQ(fetched - index, 100020u);
}

TEST_F(ImageFsTest, AtTheRootItsTopLevelEntriesJoinTheRoot) {
  make_tree();
  const auto image = pack("/src");
  ASSERT_TRUE(mount("/", image).ok());
  EXPECT_EQ(read_all("bin/tool"), "#!/bin/sh\necho tool\n");
  EXPECT_EQ(read_all("big"), big_);
  EXPECT_TRUE(stat_of("dev/null").ok());  // the kernel's own stay
  make_file("tmp-new", "the root is still writable");
  EXPECT_EQ(read_all("tmp-new"), "the root is still writable");
}

}  // namespace
}  // namespace wb::test

namespace wb::test {
namespace {

TEST_F(ImageFsTest, AWritableImageKeepsItsChangesInMemoryAndTheImageAsItWas) {
  make_tree();
  const auto image = pack("/src");
  ASSERT_TRUE(kernel.mount_image("/w", image_in_memory(image), true).ok());
  make_file("w/bin/tool", "changed");
  EXPECT_EQ(read_all("w/bin/tool"), "changed");
  ASSERT_EQ(unlink("w/big"), Errno::Success);
  EXPECT_EQ(stat_of("w/big").error(), Errno::NoEnt);
  ASSERT_TRUE(mount("/ro", image).ok());
  EXPECT_EQ(read_all("ro/bin/tool"), "#!/bin/sh\necho tool\n");
  // At the root, each top-level folder takes changes.
  ASSERT_TRUE(kernel.mount_image("/", image_in_memory(image), true).ok());
  auto fd = open_dir("bin");  // ".." names the image's root, kept alive
  ASSERT_TRUE(fd.ok());
  EXPECT_TRUE(list(*fd).ok());
  (void)close(*fd);
  make_file("bin/new", "new");
  EXPECT_EQ(read_all("bin/new"), "new");
  EXPECT_EQ(read_all("bin/tool"), "#!/bin/sh\necho tool\n");
}

TEST(ImageFormat, ASizeNoDataCouldHoldIsRefused) {
  std::vector<uint8_t> index;
  LeWriter w(index);
  w.u32(2);                                  // nodes
  w.u8(2), w.u32(0755), w.u64(0), w.u32(1);  // the root, one entry
  w.u32(1), w.u16(1), w.text("f");
  w.u8(1), w.u32(0644), w.u64(0);  // a file of 2^64 - 1 bytes
  w.u64(UINT64_MAX), w.u64(0);
  ImageHeader h;
  h.index_size = index.size();
  h.data_offset = kImageHeaderSize + index.size();
  h.data_size = UINT64_MAX;
  h.index_crc = crc32(index);
  EXPECT_EQ(read_image_index(h, index).error(), Errno::Inval);
}

}  // namespace
}  // namespace wb::test
