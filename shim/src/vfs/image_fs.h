// This file defines make_image_fs: a wasmbox image (vfs/image_format.h) as
// a read-only filesystem. Its header and index are read at the mount; a
// file's bytes when first read, a block (64 KiB) at a time, each checked
// against its CRC-32 before a guest sees it: damaged or missing bytes are
// EIO, never wrong bytes. An image in memory lends its checked blocks to
// the data path; one read from elsewhere (a file, a URL) keeps the
// blocks it fetched.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "base/bytes.h"
#include "vfs/vfs_ops.h"

namespace wb {

// Where an image's (or a lazily mounted archive's) bytes come from.
class ImageData {
 public:
  virtual ~ImageData() = default;
  // Up to `out.size()` bytes at `offset`, fewer only at the end; EIO when
  // they cannot be had.
  virtual Result<size_t> read_some(uint64_t offset, std::span<uint8_t> out) = 0;
  // Exactly `out.size()` bytes at `offset`; EIO when they cannot be had.
  Status read(uint64_t offset, std::span<uint8_t> out) {
    WB_ASSIGN(size_t n, read_some(offset, out));
    return n == out.size() ? Errno::Success : Errno::Io;
  }
  // The bytes at `offset`, when the whole image is in memory.
  virtual std::optional<std::span<const uint8_t>> in_memory(uint64_t offset, size_t len) {
    (void)offset, (void)len;
    return std::nullopt;
  }
};

// An image held in memory.
std::unique_ptr<ImageData> image_in_memory(Bytes bytes);

struct ImageMount {
  DirPtr root;
  std::string manifest;
};

// The image's tree, its inodes on device `dev`: EINVAL when it is not an
// image or its index is damaged or cut short, EIO when an image read from
// elsewhere cannot give its index.
Result<ImageMount> make_image_fs(std::unique_ptr<ImageData> data, uint64_t dev);

// An image of the tree at `root` (files, directories, symlinks, hard
// links, permission bits and modification times; other kinds are left
// out), with `manifest`.
Result<std::vector<uint8_t>> pack_image(const DirPtr& root, std::string_view manifest);

}  // namespace wb
