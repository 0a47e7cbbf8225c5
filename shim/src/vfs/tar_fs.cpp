// This file defines the tar backend: TarFile, TarDir and TarSymlink over
// one archive's bytes.
#include "vfs/tar_fs.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "fd/open_file.h"
#include "vfs/tar_reader.h"

namespace wb {
namespace {

// The archive every inode of a mount shares: its bytes, which files lend.
struct Archive {
  std::vector<uint8_t> bytes;
  uint64_t dev;
  uint64_t next_ino = 1;
};

// What every tar inode keeps, and the answer to any change: EROFS.
template <class Base>
class TarNode : public Base {
 public:
  TarNode(const std::shared_ptr<Archive>& archive, FileType type)
      : Base(type, archive->dev, archive->next_ino++), archive_(archive) {}

  Status set_times(OpenFile*, const TimeChange&) override { return Errno::Rofs; }
  Status set_size(OpenFile*, uint64_t) override { return Errno::Rofs; }
  Status set_perm(uint32_t) override { return Errno::Rofs; }

  void describe(const TarEntry& e) {
    if (e.perm) perm_ = e.perm;
    if (e.mtime_ns) mtime_ = *e.mtime_ns;
  }
  void add_link() { nlink_++; }

 protected:
  Stat stat_of(uint64_t size) const {
    return Stat{this->dev(), this->ino(), this->type(), nlink_, size,
                mtime_,      mtime_,      mtime_,       perm_};
  }

  std::shared_ptr<Archive> archive_;
  std::optional<uint32_t> perm_;
  uint64_t mtime_ = 0;
  uint64_t nlink_ = 1;
};

class TarFile final : public TarNode<Inode> {
 public:
  TarFile(const std::shared_ptr<Archive>& archive, std::span<const uint8_t> data)
      : TarNode(archive, FileType::RegularFile), data_(data) {}

  Result<Stat> stat(OpenFile*) override { return stat_of(data_.size()); }
  Status open(OpenFile& of) override { return of.writable() ? Errno::Rofs : Errno::Success; }

  Blocking<size_t> read(OpenFile&, uint64_t offset, std::span<uint8_t> out) override {
    const auto bytes = *bytes_to_read(offset, out.size());
    if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return bytes.size();
  }
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override {
    return Errno::Rofs;
  }

  std::optional<std::span<const uint8_t>> bytes_to_read(uint64_t offset, size_t len) override {
    if (offset >= data_.size()) return std::span<const uint8_t>{};
    return data_.subspan(size_t(offset), std::min<uint64_t>(len, data_.size() - offset));
  }
  Result<std::span<uint8_t>> room_to_write(uint64_t, size_t) override { return Errno::Rofs; }

 private:
  std::span<const uint8_t> data_;
};

class TarSymlink final : public TarNode<Symlink> {
 public:
  TarSymlink(const std::shared_ptr<Archive>& archive, std::string target)
      : TarNode(archive, FileType::SymbolicLink), target_(std::move(target)) {}
  Result<Stat> stat(OpenFile*) override { return stat_of(target_.size()); }
  Result<std::string> target() override { return target_; }

 private:
  std::string target_;
};

class TarDir final : public TarNode<Directory> {
 public:
  TarDir(const std::shared_ptr<Archive>& archive, TarDir* parent)
      : TarNode(archive, FileType::Directory), parent_(parent) {
    nlink_ = 2;
  }

  Result<Stat> stat(OpenFile*) override { return stat_of(0); }

  Result<std::shared_ptr<Inode>> lookup(std::string_view name) override {
    const auto it = find(name);
    if (it == entries_.end() || it->first != name) return Errno::NoEnt;
    return it->second;
  }
  Result<std::shared_ptr<Inode>> create_file(std::string_view) override { return Errno::Rofs; }
  Status make_dir(std::string_view) override { return Errno::Rofs; }
  Status make_symlink(std::string_view, std::string_view) override { return Errno::Rofs; }
  Status link(std::string_view, Inode&) override { return Errno::Rofs; }
  Status unlink(std::string_view) override { return Errno::Rofs; }
  Status remove_dir(std::string_view) override { return Errno::Rofs; }
  Status rename(std::string_view, Directory&, std::string_view) override { return Errno::Rofs; }

  Status read_entries(OpenFile&, uint64_t cookie, DirSink& sink) override {
    // Cookies: 0 = ".", 1 = "..", then the entry at index i is i + 2 (the
    // entries never change); d_next is one more.
    if (cookie == 0 && !sink.add({1, ino(), FileType::Directory, "."})) return Errno::Success;
    if (cookie <= 1) {
      const uint64_t up = parent_ ? parent_->ino() : ino();
      if (!sink.add({2, up, FileType::Directory, ".."})) return Errno::Success;
    }
    for (size_t i = cookie <= 2 ? 0 : size_t(cookie - 2); i < entries_.size(); ++i) {
      const auto& [name, node] = entries_[i];
      if (!sink.add({i + 3, node->ino(), node->type(), name})) break;
    }
    return Errno::Success;
  }

  bool contains(const Directory& other) const override {
    if (other.dev() != dev()) return false;
    for (auto* d = static_cast<const TarDir*>(&other); d; d = d->parent_)
      if (d == this) return true;
    return false;
  }
  Result<bool> empty() override { return entries_.empty(); }
  bool read_only() const override { return true; }

  // Building the tree: an entry added, or one of the same name replaced
  // (a later entry of an archive wins, as when it is unpacked).
  void put(std::string_view name, std::shared_ptr<Inode> node) {
    const auto it = find(name);
    if (node->is_dir()) nlink_++;
    if (it != entries_.end() && it->first == name) {
      if (it->second->is_dir()) nlink_--;
      it->second = std::move(node);
    } else {
      entries_.emplace(it, std::string(name), std::move(node));
    }
  }

 private:
  using Entries = std::vector<std::pair<std::string, std::shared_ptr<Inode>>>;
  Entries::iterator find(std::string_view name) {
    return std::lower_bound(entries_.begin(), entries_.end(), name,
                            [](const auto& e, std::string_view n) { return e.first < n; });
  }

  TarDir* parent_;
  Entries entries_;  // sorted by name
};

// Builds the tree of an archive, entry by entry.
class TreeBuilder {
 public:
  explicit TreeBuilder(std::shared_ptr<Archive> archive)
      : archive_(std::move(archive)), root_(std::make_shared<TarDir>(archive_, nullptr)) {}

  std::shared_ptr<TarDir> root() const { return root_; }

  Status add(const TarEntry& e) {
    std::vector<std::string_view> parts;
    WB_TRY(split(e.path, parts));
    if (parts.empty()) {
      if (e.kind == TarEntry::Dir) root_->describe(e);
      return Errno::Success;
    }
    const std::string_view name = parts.back();
    parts.pop_back();
    WB_ASSIGN(std::shared_ptr<TarDir> dir, directory(parts, e));
    switch (e.kind) {
      case TarEntry::Dir: {
        auto existing = dir->lookup(name);
        if (existing.ok() && existing.value()->is_dir()) {
          static_cast<TarDir&>(*existing.value()).describe(e);
          return Errno::Success;
        }
        auto made = std::make_shared<TarDir>(archive_, dir.get());
        made->describe(e);
        dir->put(name, std::move(made));
        return Errno::Success;
      }
      case TarEntry::File: {
        auto file = std::make_shared<TarFile>(archive_, e.data);
        file->describe(e);
        dir->put(name, std::move(file));
        return Errno::Success;
      }
      case TarEntry::Symlink: {
        auto link = std::make_shared<TarSymlink>(archive_, std::string(e.link));
        link->describe(e);
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
        made->describe(TarEntry{TarEntry::Dir, part, {}, {}, std::nullopt, e.mtime_ns});
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

  std::shared_ptr<Archive> archive_;
  std::shared_ptr<TarDir> root_;
};

}  // namespace

Result<DirPtr> make_tar_fs(std::vector<uint8_t> tar, uint64_t dev) {
  auto archive = std::make_shared<Archive>(Archive{std::move(tar), dev});
  TreeBuilder tree(archive);
  // A hard link to nothing met before is damage too.
  if (read_tar(archive->bytes, [&](const TarEntry& e) { return tree.add(e); }) != Errno::Success)
    return Errno::Inval;
  return DirPtr(tree.root());
}

}  // namespace wb
