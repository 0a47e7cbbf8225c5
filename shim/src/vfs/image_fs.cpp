// This file defines the image backend: a read-only tree (readonly_tree.h)
// whose files read their blocks from an ImageData, checked.
#include "vfs/image_fs.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/crc32.h"
#include "vfs/image_format.h"
#include "vfs/readonly_tree.h"

namespace wb {
namespace {

// An index larger than this is taken for damage, not allocated.
constexpr uint64_t kMaxIndexSize = 256 << 20;

class MemoryImage final : public ImageData {
 public:
  explicit MemoryImage(Bytes bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> read_some(uint64_t offset, std::span<uint8_t> out) override {
    const auto b = *in_memory(offset, out.size());
    if (!b.empty()) std::memcpy(out.data(), b.data(), b.size());
    return b.size();
  }
  std::optional<std::span<const uint8_t>> in_memory(uint64_t offset, size_t len) override {
    if (offset > bytes_.size()) return std::span<const uint8_t>{};
    return std::span<const uint8_t>(bytes_).subspan(
        size_t(offset), std::min<uint64_t>(len, bytes_.size() - offset));
  }

 private:
  Bytes bytes_;
};

// What the inodes of a mounted image share.
struct ImageTree final : ReadOnlySource {
  ImageTree(uint64_t device, std::unique_ptr<ImageData> d, const ImageHeader& h)
      : ReadOnlySource(device), data(std::move(d)), header(h) {}
  std::unique_ptr<ImageData> data;
  ImageHeader header;
};

class ImageFile final : public ReadOnlyFile {
 public:
  ImageFile(const std::shared_ptr<ImageTree>& tree, ImageNode& node)
      : ReadOnlyFile(tree, node.size),
        tree_(*tree),
        offset_(tree->header.data_offset + node.offset),
        crcs_(std::move(node.crcs)),
        checked_(crcs_.size(), false) {}

  Blocking<size_t> read(OpenFile&, uint64_t offset, std::span<uint8_t> out) override {
    if (offset >= size()) return size_t(0);
    const size_t len = size_t(std::min<uint64_t>(out.size(), size() - offset));
    for (size_t done = 0; done < len;) {
      const uint64_t at = offset + done;
      WB_ASSIGN(std::span<const uint8_t> block, checked_block(at / block_size()));
      const size_t in = size_t(at % block_size());
      const size_t n = std::min(len - done, block.size() - in);
      std::memcpy(out.data() + done, block.data() + in, n);
      done += n;
    }
    return len;
  }

  // Lent only from an image in memory, block by block once checked.
  std::optional<std::span<const uint8_t>> bytes_to_read(uint64_t offset, size_t len) override {
    if (offset >= size()) return std::span<const uint8_t>{};
    const uint64_t block = offset / block_size();
    if (!checked_[block]) return std::nullopt;
    const uint64_t end = std::min({offset + len, size(), (block + 1) * block_size()});
    return tree_.data->in_memory(offset_ + offset, size_t(end - offset));
  }

 private:
  uint64_t block_size() const { return tree_.header.block_size; }

  // Block `b` of the file, fetched and checked on first use.
  Result<std::span<const uint8_t>> checked_block(uint64_t b) {
    const uint64_t start = b * block_size();
    const size_t len = size_t(std::min<uint64_t>(block_size(), size() - start));
    std::span<const uint8_t> bytes;
    if (auto in = tree_.data->in_memory(offset_ + start, len)) {
      if (in->size() != len) return Errno::Io;
      bytes = *in;
    } else if (auto it = fetched_.find(b); it != fetched_.end()) {
      return std::span<const uint8_t>(it->second);
    } else {
      std::vector<uint8_t> block(len);
      WB_TRY(tree_.data->read(offset_ + start, block));
      if (crc32(block) != crcs_[b]) return Errno::Io;
      return std::span<const uint8_t>(fetched_.emplace(b, std::move(block)).first->second);
    }
    if (!checked_[b]) {
      if (crc32(bytes) != crcs_[b]) return Errno::Io;
      checked_[b] = true;
    }
    return bytes;
  }

  ImageTree& tree_;
  uint64_t offset_;  // of the file's bytes in the image
  std::vector<uint32_t> crcs_;
  std::vector<bool> checked_;
  std::unordered_map<uint64_t, std::vector<uint8_t>> fetched_;
};

// The tree of `index`, from node 0 down.
DirPtr build_tree(const std::shared_ptr<ImageTree>& tree, ImageIndex& index) {
  auto root = std::make_shared<ReadOnlyDir>(tree, nullptr);
  root->describe(index.nodes[0].perm, index.nodes[0].mtime);
  std::vector<std::shared_ptr<Inode>> made(index.nodes.size());
  made[0] = root;
  std::vector<uint32_t> dirs{0};
  for (size_t d = 0; d < dirs.size(); ++d) {
    auto& dir = static_cast<ReadOnlyDir&>(*made[dirs[d]]);
    for (auto& [name, child] : index.nodes[dirs[d]].entries) {
      ImageNode& n = index.nodes[child];
      if (made[child]) {
        if (n.type == FileType::RegularFile)
          static_cast<ImageFile&>(*made[child]).add_link();
        else
          static_cast<ReadOnlySymlink&>(*made[child]).add_link();
      } else if (n.type == FileType::Directory) {
        auto made_dir = std::make_shared<ReadOnlyDir>(tree, &dir);
        made_dir->describe(n.perm, n.mtime);
        made[child] = std::move(made_dir);
        dirs.push_back(child);
      } else if (n.type == FileType::RegularFile) {
        auto file = std::make_shared<ImageFile>(tree, n);
        file->describe(n.perm, n.mtime);
        made[child] = std::move(file);
      } else {
        auto link = std::make_shared<ReadOnlySymlink>(tree, std::move(n.target));
        link->describe(n.perm, n.mtime);
        made[child] = std::move(link);
      }
      dir.put(name, made[child]);
    }
  }
  return root;
}

}  // namespace

std::unique_ptr<ImageData> image_in_memory(Bytes bytes) {
  return std::make_unique<MemoryImage>(std::move(bytes));
}

Result<ImageMount> make_image_fs(std::unique_ptr<ImageData> data, uint64_t dev) {
  std::vector<uint8_t> head(kImageHeaderSize);
  if (data->read(0, head) != Errno::Success) return Errno::Inval;
  WB_ASSIGN(ImageHeader header, read_image_header(head));
  if (header.index_size > kMaxIndexSize) return Errno::Inval;
  std::vector<uint8_t> index_bytes(header.index_size);
  // Cut short in memory, it is damaged; read from elsewhere, unreachable.
  if (Status s = data->read(kImageHeaderSize, index_bytes); s != Errno::Success)
    return data->in_memory(0, 0) ? Errno::Inval : s;
  WB_ASSIGN(ImageIndex index, read_image_index(header, index_bytes));
  auto tree = std::make_shared<ImageTree>(dev, std::move(data), header);
  DirPtr root = build_tree(tree, index);
  return ImageMount{std::move(root), std::move(index.manifest)};
}

}  // namespace wb
