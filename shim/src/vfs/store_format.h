// This file defines the format of a persistent store (vfs/store.h) and
// its reader and writer. A store is a run of commits: the first is a
// snapshot of the whole tree, each later one carries what changed since
// the one before. A commit, all numbers little-endian:
//   header (40 bytes): "WBS1" | flags u32 (1: snapshot) | generation u64 |
//     sequence u64 (0 for the snapshot, then one more each) | body size u64
//     | body CRC-32 u32 | CRC-32 of the 36 header bytes before it u32
//   body: one record per inode that changed:
//     kind u8 (1 file, 2 directory, 3 symlink) | ino u64 | permission bits
//     u32 (~0: none kept) | atim u64 | mtim u64 | ctim u64, then
//     file: size u64 | offset u64 | count u64 | bytes: the file is `size`
//       bytes long and these `count` bytes at `offset` are new
//     directory: entry count u32 | (ino u64 | name size u16 | name)*
//     symlink: size u32 | target
// The reader stops at the first commit that is cut short, fails a check
// or does not follow (another generation, a sequence out of turn): what a
// crash in the middle of a write leaves behind is never read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vfs/file_type.h"
#include "vfs/memory_fs.h"

namespace wb {

inline constexpr size_t kCommitHeaderSize = 40;

// An inode as the store last committed it.
struct StoreNode {
  FileType type = FileType::Unknown;
  NodeMeta meta;
  std::vector<uint8_t> data;                              // a file's bytes
  std::vector<std::pair<std::string, uint64_t>> entries;  // a directory's
  std::string target;                                     // a symlink's
};

// What a store holds, read back.
struct StoreContents {
  std::unordered_map<uint64_t, StoreNode> nodes;
  uint64_t generation = 0;
  uint64_t sequence = 0;  // the last commit's
  uint64_t length = 0;    // bytes of whole, valid commits; 0 if none is
  bool too_big = false;   // its files hold more data than the capacity
};

// The contents of a store's file; file data past `capacity` bytes in all
// sets `too_big` and stops the reading.
StoreContents read_store(std::span<const uint8_t> bytes, uint64_t capacity = UINT64_MAX);

// Builds one commit, record by record.
class CommitWriter {
 public:
  CommitWriter(uint64_t generation, uint64_t sequence, bool snapshot);
  void file(uint64_t ino, const NodeMeta& meta, uint64_t size, uint64_t offset,
            std::span<const uint8_t> bytes);
  void dir(uint64_t ino, const NodeMeta& meta,
           std::span<const std::pair<std::string_view, uint64_t>> entries);
  void symlink(uint64_t ino, const NodeMeta& meta, std::string_view target);
  // The whole commit, its header filled in.
  std::vector<uint8_t> finish() &&;

 private:
  void head(FileType kind, uint64_t ino, const NodeMeta& meta);
  void u8(uint8_t v) { out_.push_back(v); }
  void put(uint64_t v, size_t n);
  void u16(uint16_t v) { put(v, 2); }
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void bytes(std::span<const uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }

  std::vector<uint8_t> out_;
};

}  // namespace wb
