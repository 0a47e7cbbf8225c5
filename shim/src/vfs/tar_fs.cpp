// This file defines the tar backend: a read-only tree (readonly_tree.h)
// over one archive's bytes.
#include "vfs/tar_fs.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "vfs/readonly_tree.h"
#include "vfs/tar_reader.h"

namespace wb {
namespace {

// The archive every inode of a mount shares: its bytes, which files lend.
struct Archive final : ReadOnlySource {
  Archive(std::vector<uint8_t> b, uint64_t device) : ReadOnlySource(device), bytes(std::move(b)) {}
  std::vector<uint8_t> bytes;
};

// A file's bytes are a span of the archive.
class TarFile final : public ReadOnlyFile {
 public:
  TarFile(const std::shared_ptr<ReadOnlySource>& archive, std::span<const uint8_t> data)
      : ReadOnlyFile(archive, data.size()), data_(data) {}

  Blocking<size_t> read(OpenFile&, uint64_t offset, std::span<uint8_t> out) override {
    const auto bytes = *bytes_to_read(offset, out.size());
    if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return bytes.size();
  }
  std::optional<std::span<const uint8_t>> bytes_to_read(uint64_t offset, size_t len) override {
    if (offset >= data_.size()) return std::span<const uint8_t>{};
    return data_.subspan(size_t(offset), std::min<uint64_t>(len, data_.size() - offset));
  }

 private:
  std::span<const uint8_t> data_;
};

using TarDir = ReadOnlyDir;
using TarSymlink = ReadOnlySymlink;

void describe(auto& node, const TarEntry& e) { node.describe(e.perm, e.mtime_ns); }

// Builds the tree of an archive, entry by entry.
class TreeBuilder {
 public:
  explicit TreeBuilder(std::shared_ptr<ReadOnlySource> archive)
      : archive_(std::move(archive)), root_(std::make_shared<TarDir>(archive_, nullptr)) {}

  std::shared_ptr<TarDir> root() const { return root_; }

  Status add(const TarEntry& e) {
    std::vector<std::string_view> parts;
    WB_TRY(split(e.path, parts));
    if (parts.empty()) {
      if (e.kind == TarEntry::Dir) describe(*root_, e);
      return Errno::Success;
    }
    const std::string_view name = parts.back();
    parts.pop_back();
    WB_ASSIGN(std::shared_ptr<TarDir> dir, directory(parts, e));
    switch (e.kind) {
      case TarEntry::Dir: {
        auto existing = dir->lookup(name);
        if (existing.ok() && existing.value()->is_dir()) {
          describe(static_cast<TarDir&>(*existing.value()), e);
          return Errno::Success;
        }
        auto made = std::make_shared<TarDir>(archive_, dir.get());
        describe(*made, e);
        dir->put(name, std::move(made));
        return Errno::Success;
      }
      case TarEntry::File: {
        auto file = std::make_shared<TarFile>(archive_, e.data);
        describe(*file, e);
        dir->put(name, std::move(file));
        return Errno::Success;
      }
      case TarEntry::Symlink: {
        auto link = std::make_shared<TarSymlink>(archive_, std::string(e.link));
        describe(*link, e);
        dir->put(name, std::move(link));
        return Errno::Success;
      }
      case TarEntry::HardLink:
        return hard_link(*dir, name, e.link);
      case TarEntry::Other:
        break;
    }
    return Errno::Success;  // devices and FIFOs have no place in the box
  }

 private:
  // The components of a path; ".." would leave the root.
  static Status split(std::string_view path, std::vector<std::string_view>& parts) {
    while (!path.empty()) {
      const size_t slash = path.find('/');
      const std::string_view part = path.substr(0, slash);
      if (part == "..") return Errno::Inval;
      if (!part.empty() && part != ".") parts.push_back(part);
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
    return Errno::Success;
  }

  // The directory at `parts`, made where missing (with `e`'s time, as tar
  // makes the parents of an entry).
  Result<std::shared_ptr<TarDir>> directory(const std::vector<std::string_view>& parts,
                                            const TarEntry& e) {
    std::shared_ptr<TarDir> dir = root_;
    for (const std::string_view part : parts) {
      auto next = dir->lookup(part);
      if (next.ok() && !next.value()->is_dir()) return Errno::Inval;
      if (!next.ok()) {
        auto made = std::make_shared<TarDir>(archive_, dir.get());
        made->describe(std::nullopt, e.mtime_ns);
        dir->put(part, made);
        dir = std::move(made);
      } else {
        dir = std::static_pointer_cast<TarDir>(next.value());
      }
    }
    return dir;
  }

  // A second name for a file met earlier in the archive.
  Status hard_link(TarDir& dir, std::string_view name, std::string_view target) {
    std::vector<std::string_view> parts;
    WB_TRY(split(target, parts));
    if (parts.empty()) return Errno::Inval;
    std::shared_ptr<Inode> node = root_;
    for (const std::string_view part : parts) {
      if (!node->is_dir()) return Errno::Inval;
      WB_ASSIGN(node, static_cast<TarDir&>(*node).lookup(part));
    }
    if (node->is_dir()) return Errno::Inval;
    if (node->is_symlink())
      static_cast<TarSymlink&>(*node).add_link();
    else
      static_cast<TarFile&>(*node).add_link();
    dir.put(name, std::move(node));
    return Errno::Success;
  }

  std::shared_ptr<ReadOnlySource> archive_;
  std::shared_ptr<TarDir> root_;
};

}  // namespace

Result<DirPtr> make_tar_fs(std::vector<uint8_t> tar, uint64_t dev) {
  auto archive = std::make_shared<Archive>(std::move(tar), dev);
  TreeBuilder tree(archive);
  // A hard link to nothing met before is damage too.
  if (read_tar(archive->bytes, [&](const TarEntry& e) { return tree.add(e); }) != Errno::Success)
    return Errno::Inval;
  return DirPtr(tree.root());
}

}  // namespace wb
