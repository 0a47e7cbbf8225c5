// Host directories mounted in the box (vfs/host_fs.cpp) over a real
// directory of this machine.
#include <stdlib.h>

#include <filesystem>

#include "box_fixture.h"
#include "posix_host_fs.h"

namespace wb::test {
namespace {

using namespace wasi;

// A box whose root preopen has a fresh host directory mounted at /host.
class HostFsTest : public BoxTest {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wasmbox-host-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    host.host_fs = &fs_;
    auto root = kernel.host_root(fs_.add_mount(dir_));
    ASSERT_TRUE(root.ok());
    ASSERT_EQ(kernel.mount("/host", *root), Errno::Success);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Errno set_times(std::string_view path, uint64_t atim, uint64_t mtim) {
    Call c = call();
    return path_filestat_set_times(c, kRoot, 0, put(path), uint32_t(path.size()), atim, mtim,
                                   fstflag::Atim | fstflag::Mtim);
  }

  PosixHostFs fs_;
  std::string dir_;
};

// The host keeps microseconds; the guest reads back the nanoseconds it set,
// through a path and through a descriptor.
TEST_F(HostFsTest, TimesKeepTheNanosecondsTheGuestSet) {
  fs_.time_granularity_ns = 1000;
  make_file("host/f", "x");
  const uint64_t atim = 1'700'000'000'123'456'789, mtim = 1'600'000'000'987'654'321;
  ASSERT_EQ(set_times("host/f", atim, mtim), Errno::Success);
  EXPECT_EQ(stat_of("host/f")->atim, atim);
  EXPECT_EQ(stat_of("host/f")->mtim, mtim);
  auto fd = open("host/f", 0, right::FdRead | right::FdFilestatSetTimes | right::FdFilestatGet);
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(fstat(*fd)->mtim, mtim);
  Call c = call();
  ASSERT_EQ(fd_filestat_set_times(c, *fd, 0, mtim + 7, fstflag::Mtim), Errno::Success);
  EXPECT_EQ(fstat(*fd)->mtim, mtim + 7);
  EXPECT_EQ(stat_of("host/f")->atim, atim);
}

// Once something else changes the file's times on the host, the host's
// values are what the guest sees.
TEST_F(HostFsTest, TimesChangedOnTheHostAreReportedAsTheHostKeepsThem) {
  fs_.time_granularity_ns = 1000;
  make_file("host/f", "x");
  ASSERT_EQ(set_times("host/f", 1'000'000'000'000'000'123, 1'000'000'000'000'000'456),
            Errno::Success);
  ASSERT_EQ(fs_.utimes(0, "f", 2'000'000'000'000'000'000, std::nullopt), Errno::Success);
  EXPECT_EQ(stat_of("host/f")->atim, 2'000'000'000'000'000'000u);
  EXPECT_EQ(stat_of("host/f")->mtim, 1'000'000'000'000'000'456u);
}

// O_TRUNC with no write access, on a host file (the host cannot truncate a
// descriptor opened for reading).
TEST_F(HostFsTest, OpenTruncWithRightsZeroTruncatesAHostFile) {
  make_file("host/f", "hello");
  auto fd = open("host/f", oflag::Trunc, 0);
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(fstat(*fd)->size, 0u);
  EXPECT_EQ(std::filesystem::file_size(dir_ + "/f"), 0u);
}

TEST_F(HostFsTest, PwriteEndingPastTheLargestOffsetIsInval) {
  make_file("host/f", "hello");
  auto fd = open("host/f");
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(pwrite(*fd, "x", uint64_t(INT64_MAX)).error(), Errno::Inval);
  EXPECT_EQ(pread(*fd, 1, uint64_t(INT64_MAX)).error(), Errno::Inval);
  EXPECT_EQ(pwrite(*fd, "x", uint64_t(INT64_MAX) - 1).ok(), false);
  EXPECT_EQ(std::filesystem::file_size(dir_ + "/f"), 5u);
}

}  // namespace
}  // namespace wb::test
