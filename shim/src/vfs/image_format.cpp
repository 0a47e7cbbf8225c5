// This file defines reading and writing a wasmbox image's header and index.
#include "vfs/image_format.h"

#include <cstring>
#include <string_view>

#include "base/crc32.h"
#include "base/le_bytes.h"

namespace wb {
namespace {

constexpr std::string_view kMagic = "WBIMAGE1";
constexpr uint8_t kFile = 1, kDir = 2, kSymlink = 3;
// A block is read whole into memory: a larger one is damage.
constexpr uint32_t kMaxBlockSize = 16 << 20;

bool valid_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

uint64_t blocks(uint64_t size, uint32_t block) { return size / block + (size % block != 0); }

// Reads one node's record; false for damage.
bool read_node(LeReader& r, const ImageHeader& h, uint32_t count, ImageNode& n) {
  const uint8_t kind = r.num<uint8_t>();
  n.perm = r.num<uint32_t>();
  n.mtime = r.num<uint64_t>();
  switch (kind) {
    case kFile: {
      n.type = FileType::RegularFile;
      n.size = r.num<uint64_t>();
      n.offset = r.num<uint64_t>();
      if (n.offset > h.data_size || n.size > h.data_size - n.offset) return false;
      const uint64_t b = blocks(n.size, h.block_size);
      if (b > r.left() / 4) return false;
      n.crcs.resize(b);
      for (auto& c : n.crcs) c = r.num<uint32_t>();
      return r.ok();
    }
    case kDir: {
      n.type = FileType::Directory;
      const uint32_t entries = r.num<uint32_t>();
      for (uint32_t i = 0; i < entries && r.ok(); ++i) {
        const uint32_t child = r.num<uint32_t>();
        const std::string_view name = r.text(r.num<uint16_t>());
        if (!r.ok() || child == 0 || child >= count || !valid_name(name)) return false;
        if (!n.entries.empty() && n.entries.back().first >= name) return false;
        n.entries.emplace_back(std::string(name), child);
      }
      return r.ok();
    }
    case kSymlink:
      n.type = FileType::SymbolicLink;
      n.target = std::string(r.text(r.num<uint32_t>()));
      return r.ok();
    default:
      return false;
  }
}

// Each directory is named once, and every entry names a node.
bool a_tree(const std::vector<ImageNode>& nodes) {
  std::vector<bool> named(nodes.size(), false);
  for (const ImageNode& n : nodes)
    for (const auto& [name, child] : n.entries) {
      if (nodes[child].type != FileType::Directory) continue;
      if (named[child]) return false;
      named[child] = true;
    }
  return true;
}

}  // namespace

Result<ImageHeader> read_image_header(std::span<const uint8_t> bytes) {
  if (bytes.size() < kImageHeaderSize) return Errno::Inval;
  if (std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) return Errno::Inval;
  LeReader r(bytes.subspan(kMagic.size(), kImageHeaderSize - kMagic.size()));
  ImageHeader h;
  h.block_size = r.num<uint32_t>();
  h.manifest_size = r.num<uint32_t>();
  h.index_size = r.num<uint64_t>();
  h.data_offset = r.num<uint64_t>();
  h.data_size = r.num<uint64_t>();
  h.index_crc = r.num<uint32_t>();
  r.bytes(16);
  if (r.num<uint32_t>() != crc32(bytes.first(kImageHeaderSize - 4))) return Errno::Inval;
  if (h.block_size == 0 || h.block_size > kMaxBlockSize || h.manifest_size > h.index_size ||
      h.data_offset != kImageHeaderSize + h.index_size)
    return Errno::Inval;
  return h;
}

Result<ImageIndex> read_image_index(const ImageHeader& h, std::span<const uint8_t> bytes) {
  if (bytes.size() < h.index_size || crc32(bytes.first(h.index_size)) != h.index_crc)
    return Errno::Inval;
  LeReader r(bytes.first(h.index_size));
  ImageIndex index;
  index.manifest = std::string(r.text(h.manifest_size));
  const uint32_t count = r.num<uint32_t>();
  // Each node takes at least 13 bytes: a count past that is damage.
  if (!r.ok() || count == 0 || count > r.left() / 13) return Errno::Inval;
  index.nodes.resize(count);
  for (ImageNode& n : index.nodes)
    if (!read_node(r, h, count, n)) return Errno::Inval;
  if (r.left() != 0 || index.nodes[0].type != FileType::Directory || !a_tree(index.nodes))
    return Errno::Inval;
  return index;
}

std::vector<uint8_t> write_image(ImageIndex& index, const std::vector<std::vector<uint8_t>>& data) {
  std::vector<uint8_t> nodes;
  LeWriter w(nodes);
  w.u32(uint32_t(index.nodes.size()));
  uint64_t offset = 0;
  for (size_t i = 0; i < index.nodes.size(); ++i) {
    ImageNode& n = index.nodes[i];
    w.u8(n.type == FileType::RegularFile ? kFile : n.type == FileType::Directory ? kDir : kSymlink);
    w.u32(n.perm);
    w.u64(n.mtime);
    if (n.type == FileType::RegularFile) {
      const std::vector<uint8_t>& bytes = data[i];
      n.size = bytes.size();
      n.offset = offset;
      offset += n.size;
      w.u64(n.size);
      w.u64(n.offset);
      n.crcs.clear();
      for (uint64_t at = 0; at < n.size; at += kImageBlockSize) {
        const size_t len = size_t(std::min<uint64_t>(kImageBlockSize, n.size - at));
        n.crcs.push_back(crc32(std::span<const uint8_t>(bytes).subspan(size_t(at), len)));
        w.u32(n.crcs.back());
      }
    } else if (n.type == FileType::Directory) {
      w.u32(uint32_t(n.entries.size()));
      for (const auto& [name, child] : n.entries) {
        w.u32(child);
        w.u16(uint16_t(name.size()));
        w.text(name);
      }
    } else {
      w.u32(uint32_t(n.target.size()));
      w.text(n.target);
    }
  }
  std::vector<uint8_t> out(kImageHeaderSize);
  LeWriter body(out);
  body.text(index.manifest);
  body.bytes(nodes);
  const uint64_t index_size = out.size() - kImageHeaderSize;
  for (size_t i = 0; i < index.nodes.size(); ++i)
    if (index.nodes[i].type == FileType::RegularFile) body.bytes(data[i]);
  std::memcpy(out.data(), kMagic.data(), kMagic.size());
  uint8_t* h = out.data();
  put_le(h + 8, kImageBlockSize, 4);
  put_le(h + 12, index.manifest.size(), 4);
  put_le(h + 16, index_size, 8);
  put_le(h + 24, kImageHeaderSize + index_size, 8);
  put_le(h + 32, offset, 8);
  put_le(h + 40, crc32(std::span<const uint8_t>(out).subspan(kImageHeaderSize, index_size)), 4);
  put_le(h + 60, crc32({h, kImageHeaderSize - 4}), 4);
  return out;
}

}  // namespace wb
