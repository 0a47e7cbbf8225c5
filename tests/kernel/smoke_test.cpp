// Smoke tests: a file written through WASI reads back, stdout is captured.
#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

TEST_F(BoxTest, WritesAndReadsBackAFile) {
  make_file("hello.txt", "hello world");
  auto fd = open("hello.txt");
  ASSERT_TRUE(fd.ok());
  auto data = read(*fd, 100);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "hello world");
}

TEST_F(BoxTest, StdoutGoesToTheHost) {
  auto n = write(1, "out\n");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4u);
  EXPECT_EQ(host.out[1], "out\n");
}

}  // namespace
}  // namespace wb::test
