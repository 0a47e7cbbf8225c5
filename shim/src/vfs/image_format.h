// This file defines the format of a wasmbox image (`wasmbox pack`): a
// read-only tree laid out so that it can be read lazily, from a URL with
// HTTP range requests: a fixed header, then the index (every path, mode,
// size, symlink and hard link, with the image's manifest), then the
// files' data, each file's bytes in one run, checked per block. All
// numbers are little-endian.
//   header (64 bytes): "WBIMAGE1" | block size u32 | manifest size u32 |
//     index size u64 (manifest and nodes) | data offset u64 | data size u64
//     | index CRC-32 u32 | 16 bytes of 0 | CRC-32 of the 60 bytes before
//   manifest: JSON (the program, its arguments, environment and working
//     directory), `manifest size` bytes
//   nodes: count u32, then each (node 0 is the root directory):
//     kind u8 (1 file, 2 directory, 3 symlink) | permission bits u32 |
//     mtime u64 (ns), then
//     file: size u64 | offset u64 (in the data) | CRC-32 u32 per block
//     directory: count u32 | (node u32 | name size u16 | name)*, by name
//     symlink: size u32 | target
// A file named twice is one node (a hard link); a directory is named once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "vfs/file_type.h"

namespace wb {

inline constexpr size_t kImageHeaderSize = 64;
inline constexpr uint32_t kImageBlockSize = 64 * 1024;

struct ImageHeader {
  uint32_t block_size = kImageBlockSize;
  uint32_t manifest_size = 0;
  uint64_t index_size = 0;
  uint64_t data_offset = 0;
  uint64_t data_size = 0;
  uint32_t index_crc = 0;
};

struct ImageNode {
  FileType type = FileType::Unknown;
  uint32_t perm = 0;
  uint64_t mtime = 0;
  uint64_t size = 0;                                      // a file's
  uint64_t offset = 0;                                    // a file's, in the data
  std::vector<uint32_t> crcs;                             // a file's, per block
  std::vector<std::pair<std::string, uint32_t>> entries;  // a directory's
  std::string target;                                     // a symlink's
};

struct ImageIndex {
  std::string manifest;
  std::vector<ImageNode> nodes;
};

// EINVAL unless `bytes` (the first 64 of an image) is a header.
Result<ImageHeader> read_image_header(std::span<const uint8_t> bytes);
// The manifest and nodes from the `header.index_size` bytes after the
// header: EINVAL for any damage (a CRC, a reference, a range, a name, a
// directory named twice).
Result<ImageIndex> read_image_index(const ImageHeader& header, std::span<const uint8_t> bytes);

// The whole image of `index` (its files' `offset`s and `crcs` filled in
// here) over the files' bytes, given by node.
std::vector<uint8_t> write_image(ImageIndex& index, const std::vector<std::vector<uint8_t>>& data);

}  // namespace wb
