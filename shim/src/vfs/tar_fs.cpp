// This file defines the tar backend: a read-only tree (readonly_tree.h)
// over one archive's bytes.
#include "vfs/tar_fs.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "vfs/readonly_tree.h"
#include "vfs/tar_reader.h"

namespace wb {
namespace {

// The archive every inode of a mount shares: its bytes, which files lend.
struct Archive final : ReadOnlySource {
  Archive(Bytes b, uint64_t device) : ReadOnlySource(device), bytes(std::move(b)) {}
  Bytes bytes;
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

// An archive read where it is, 64 KiB at a time; the chunks read are kept.
class LazyArchive final : public ReadOnlySource, public TarBytes {
 public:
  LazyArchive(std::unique_ptr<ImageData> data, uint64_t device)
      : ReadOnlySource(device), data_(std::move(data)) {}

  Result<std::span<const uint8_t>> get(uint64_t offset, size_t len) override {
    scratch_.resize(len);
    WB_ASSIGN(size_t n, read(offset, scratch_));
    if (n != len) return Errno::Inval;
    return std::span<const uint8_t>(scratch_);
  }

  // Up to `out.size()` bytes at `offset`, fewer at the archive's end.
  Result<size_t> read(uint64_t offset, std::span<uint8_t> out) {
    size_t done = 0;
    while (done < out.size()) {
      const uint64_t at = offset + done;
      WB_ASSIGN(const std::vector<uint8_t>* chunk, chunk_at(at / kChunk));
      const size_t in = size_t(at % kChunk);
      if (in >= chunk->size()) break;
      const size_t n = std::min(out.size() - done, chunk->size() - in);
      std::memcpy(out.data() + done, chunk->data() + in, n);
      done += n;
    }
    return done;
  }

 private:
  static constexpr uint64_t kChunk = 64 * 1024;

  Result<const std::vector<uint8_t>*> chunk_at(uint64_t index) {
    auto it = chunks_.find(index);
    if (it == chunks_.end()) {
      std::vector<uint8_t> bytes(kChunk);
      WB_ASSIGN(size_t n, data_->read_some(index * kChunk, bytes));
      bytes.resize(n);
      it = chunks_.emplace(index, std::move(bytes)).first;
    }
    return &it->second;
  }

  std::unique_ptr<ImageData> data_;
  std::unordered_map<uint64_t, std::vector<uint8_t>> chunks_;
  std::vector<uint8_t> scratch_;
};

// A file of a lazy archive: its bytes read (and kept) as they are asked for.
class LazyTarFile final : public ReadOnlyFile {
 public:
  LazyTarFile(const std::shared_ptr<LazyArchive>& archive, uint64_t offset, uint64_t size)
      : ReadOnlyFile(archive, size), archive_(*archive), offset_(offset) {}

  Blocking<size_t> read(OpenFile&, uint64_t offset, std::span<uint8_t> out) override {
    if (offset >= size()) return size_t(0);
    const size_t len = size_t(std::min<uint64_t>(out.size(), size() - offset));
    WB_ASSIGN(size_t n, archive_.read(offset_ + offset, out.first(len)));
    if (n != len) return Errno::Io;  // the archive is shorter than it said
    return n;
  }

 private:
  LazyArchive& archive_;
  uint64_t offset_;
};

using TarDir = ReadOnlyDir;
using TarSymlink = ReadOnlySymlink;

void describe(auto& node, const TarEntry& e) { node.describe(e.perm, e.mtime_ns); }

// Builds the tree of an archive, entry by entry.
class TreeBuilder {
 public:
  // `lazy`: the archive its files read from; else they lend its bytes.
  TreeBuilder(std::shared_ptr<ReadOnlySource> archive, std::shared_ptr<LazyArchive> lazy)
      : archive_(std::move(archive)),
        lazy_(std::move(lazy)),
        root_(std::make_shared<TarDir>(archive_, nullptr)) {}

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
        std::shared_ptr<ReadOnlyFile> file;
        if (lazy_)
          file = std::make_shared<LazyTarFile>(lazy_, e.offset, e.size);
        else
          file = std::make_shared<TarFile>(archive_, e.data);
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
      static_cast<ReadOnlyFile&>(*node).add_link();
    dir.put(name, std::move(node));
    return Errno::Success;
  }

  std::shared_ptr<ReadOnlySource> archive_;
  std::shared_ptr<LazyArchive> lazy_;
  std::shared_ptr<TarDir> root_;
};

}  // namespace

Result<DirPtr> make_tar_fs(Bytes tar, uint64_t dev) {
  auto archive = std::make_shared<Archive>(std::move(tar), dev);
  TreeBuilder tree(archive, nullptr);
  // A hard link to nothing met before is damage too.
  if (read_tar(archive->bytes, [&](const TarEntry& e) { return tree.add(e); }) != Errno::Success)
    return Errno::Inval;
  return DirPtr(tree.root());
}

Result<DirPtr> make_lazy_tar_fs(std::unique_ptr<ImageData> data, uint64_t dev) {
  auto archive = std::make_shared<LazyArchive>(std::move(data), dev);
  TreeBuilder tree(archive, archive);
  if (read_tar(*archive, [&](const TarEntry& e) { return tree.add(e); }) != Errno::Success)
    return Errno::Inval;
  return DirPtr(tree.root());
}

}  // namespace wb
