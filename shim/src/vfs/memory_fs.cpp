// This file defines the in-memory backend: MemFile, MemDir and MemSymlink.
#include "vfs/memory_fs.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "fd/open_file.h"
#include "host.h"

namespace wb {
namespace {

// Metadata every memory inode keeps.
struct Meta {
  uint64_t atim, mtim, ctim;
  uint64_t nlink = 1;
  std::optional<uint32_t> perm;  // chmod's, else the type's default

  explicit Meta(uint64_t now) : atim(now), mtim(now), ctim(now) {}
  Stat stat(const Inode& n, uint64_t size) const {
    return Stat{n.dev(), n.ino(), n.type(), nlink, size, atim, mtim, ctim, perm};
  }
  void apply(const TimeChange& c, uint64_t now) {
    if (c.atim) atim = *c.atim;
    if (c.mtim) mtim = *c.mtim;
    ctim = now;
  }
};

// Gives a memory inode its Meta and the common metadata operations.
template <class Base>
class MemNode : public Base {
 public:
  MemNode(MemoryFs& fs, FileType type, uint64_t ino)
      : Base(type, fs.dev(), ino), fs_(fs), meta_(fs.now()) {}
  MemNode(MemoryFs& fs, FileType type) : MemNode(fs, type, fs.next_ino()) {}

  Status set_times(OpenFile*, const TimeChange& c) override {
    meta_.apply(c, fs_.now());
    fs_.changed(*this);
    return Errno::Success;
  }
  Status set_perm(uint32_t perm) override {
    meta_.perm = perm & 07777;
    meta_.ctim = fs_.now();
    fs_.changed(*this);
    return Errno::Success;
  }
  Meta& meta() { return meta_; }

 protected:
  MemoryFs& fs_;
  Meta meta_;
};

class MemFile final : public MemNode<Inode> {
 public:
  explicit MemFile(MemoryFs& fs) : MemNode(fs, FileType::RegularFile) {}
  // Restored with its data, whose space the caller reserved.
  MemFile(MemoryFs& fs, uint64_t ino, std::vector<uint8_t> data)
      : MemNode(fs, FileType::RegularFile, ino), data_(std::move(data)) {}
  ~MemFile() override { fs_.release(data_.size()); }

  Status sync(OpenFile&) override { return fs_.sync(*this, false); }
  // A store commits a file's changes when it closes; an error shows at the
  // next fsync or commit.
  void close(OpenFile&) override { (void)fs_.sync(*this, true); }

  Result<Stat> stat(OpenFile*) override { return meta_.stat(*this, data_.size()); }

  Blocking<size_t> read(OpenFile&, uint64_t offset, std::span<uint8_t> out) override {
    const auto bytes = *bytes_to_read(offset, out.size());
    if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
    return bytes.size();
  }

  Blocking<size_t> write(OpenFile&, uint64_t offset, std::span<const uint8_t> in) override {
    WB_ASSIGN(std::span<uint8_t> room, room_to_write(offset, in.size()));
    if (!room.empty()) std::memcpy(room.data(), in.data(), in.size());
    return in.size();
  }

  std::optional<std::span<const uint8_t>> bytes_to_read(uint64_t offset, size_t len) override {
    if (offset >= data_.size()) return std::span<const uint8_t>{};
    return std::span<const uint8_t>(data_).subspan(size_t(offset),
                                                   std::min<uint64_t>(len, data_.size() - offset));
  }

  Result<std::span<uint8_t>> room_to_write(uint64_t offset, size_t len) override {
    if (len == 0) return std::span<uint8_t>{};
    const uint64_t end = offset + len;
    if (end < offset) return Errno::Fbig;
    if (end > data_.size()) WB_TRY(resize(end));
    meta_.mtim = meta_.ctim = fs_.now();
    fs_.wrote(*this, offset, len);
    return std::span<uint8_t>(data_).subspan(size_t(offset), len);
  }

  Status set_size(OpenFile*, uint64_t size) override {
    const uint64_t old = data_.size();
    WB_TRY(resize(size));
    meta_.mtim = meta_.ctim = fs_.now();
    fs_.wrote(*this, std::min(old, size), size > old ? size - old : old - size);
    return Errno::Success;
  }

  Readiness poll_read(OpenFile& of) override {
    Readiness r;
    r.nbytes = of.offset < data_.size() ? data_.size() - of.offset : 0;
    return r;
  }

 private:
  // Grows geometrically (appends are linear overall) but never reserves far
  // past what the data needs, so a big file does not double its footprint.
  Status resize(uint64_t size) {
    if (size > SIZE_MAX / 2) return Errno::Fbig;
    if (size > data_.size()) {
      WB_TRY(fs_.reserve(size - data_.size()));
      if (size > data_.capacity()) {
        constexpr uint64_t kMaxSlack = 64ull << 20;
        const uint64_t cap = data_.capacity();
        data_.reserve(std::max<uint64_t>(size, std::min(cap * 2, size + kMaxSlack)));
      }
    } else {
      fs_.release(data_.size() - size);
    }
    data_.resize(size);
    return Errno::Success;
  }

  std::vector<uint8_t> data_;
};

class MemSymlink final : public MemNode<Symlink> {
 public:
  MemSymlink(MemoryFs& fs, std::string target)
      : MemNode(fs, FileType::SymbolicLink), target_(std::move(target)) {}
  MemSymlink(MemoryFs& fs, uint64_t ino, std::string target)
      : MemNode(fs, FileType::SymbolicLink, ino), target_(std::move(target)) {}
  Result<Stat> stat(OpenFile*) override { return meta_.stat(*this, target_.size()); }
  Result<std::string> target() override { return target_; }

 private:
  std::string target_;
};

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class MemDir final : public MemNode<Directory> {
 public:
  MemDir(MemoryFs& fs, MemDir* parent) : MemNode(fs, FileType::Directory), parent_(parent) {
    meta_.nlink = 2;
  }
  MemDir(MemoryFs& fs, MemDir* parent, uint64_t ino)
      : MemNode(fs, FileType::Directory, ino), parent_(parent) {
    meta_.nlink = 2;
  }
  ~MemDir() override {
    for (auto& [name, e] : by_name_)
      if (e.node->is_dir() && e.node->dev() == dev())
        static_cast<MemDir&>(*e.node).parent_ = nullptr;
  }

  Result<Stat> stat(OpenFile*) override { return meta_.stat(*this, by_name_.size()); }

  Result<std::shared_ptr<Inode>> lookup(std::string_view name) override {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return Errno::NoEnt;
    return it->second.node;
  }

  Result<std::shared_ptr<Inode>> create_file(std::string_view name) override {
    auto f = std::make_shared<MemFile>(fs_);
    WB_TRY(insert(name, f, false));
    return std::shared_ptr<Inode>(f);
  }

  Status make_dir(std::string_view name) override {
    return settled(insert(name, std::make_shared<MemDir>(fs_, this), false));
  }

  Status make_symlink(std::string_view name, std::string_view target) override {
    return settled(insert(name, std::make_shared<MemSymlink>(fs_, std::string(target)), false));
  }

  Status link(std::string_view name, Inode& target) override {
    if (target.dev() != dev()) return Errno::Xdev;
    if (target.is_dir()) return Errno::Perm;
    WB_TRY(insert(name, target.shared_from_this(), false));
    meta_of(target).nlink++;
    meta_of(target).ctim = fs_.now();
    fs_.changed(target);
    return settled(Errno::Success);
  }

  Status unlink(std::string_view name) override { return settled(erase(name)); }
  Status remove_dir(std::string_view name) override { return settled(erase(name)); }

  Status rename(std::string_view from, Directory& to_dir, std::string_view to_name) override {
    auto it = by_name_.find(from);
    if (it == by_name_.end()) return Errno::NoEnt;
    if (it->second.mount) return Errno::Busy;
    if (to_dir.dev() != dev()) return Errno::Xdev;
    auto& to = static_cast<MemDir&>(to_dir);
    if (to.removed_) return Errno::NoEnt;
    if (auto t = to.by_name_.find(to_name); t != to.by_name_.end()) {
      if (t->second.node == it->second.node) return Errno::Success;
      if (t->second.mount) return Errno::Busy;
    }
    std::shared_ptr<Inode> node = it->second.node;
    if (auto t = to.by_name_.find(to_name); t != to.by_name_.end()) WB_TRY(to.erase(to_name));
    // Re-find: erasing from `to` may have been erasing from this map.
    it = by_name_.find(from);
    by_seq_.erase(it->second.seq);
    by_name_.erase(it);
    if (node->is_dir()) {
      meta_.nlink--;
      static_cast<MemDir&>(*node).parent_ = &to;
    }
    const uint64_t now = fs_.now();
    meta_.mtim = meta_.ctim = now;
    fs_.changed(*this);
    // A device placed in the tree (/dev/null) keeps its own times.
    if (node->dev() == dev()) meta_of(*node).ctim = now;
    return settled(to.insert(to_name, std::move(node), false));
  }

  Status read_entries(OpenFile&, uint64_t cookie, DirSink& sink) override {
    // Cookies: 0 = ".", 1 = "..", then an entry with sequence s is s + 2;
    // d_next is one more. Sequence numbers only grow, so a cookie stays
    // meaningful whatever is added or removed.
    if (cookie == 0 && !sink.add({1, ino(), FileType::Directory, "."})) return Errno::Success;
    if (cookie <= 1) {
      const uint64_t up = parent_ ? parent_->ino() : ino();
      if (!sink.add({2, up, FileType::Directory, ".."})) return Errno::Success;
    }
    for (auto it = by_seq_.lower_bound(cookie <= 2 ? 0 : cookie - 2); it != by_seq_.end(); ++it) {
      const auto& [name, e] = *it->second;
      if (!sink.add({it->first + 3, e.node->ino(), e.node->type(), name})) break;
    }
    return Errno::Success;
  }

  bool contains(const Directory& other) const override {
    if (other.dev() != dev()) return false;
    for (auto* d = static_cast<const MemDir*>(&other); d; d = d->parent_)
      if (d == this) return true;
    return false;
  }

  Result<bool> empty() override { return by_name_.empty(); }

  Status insert(std::string_view name, std::shared_ptr<Inode> node, bool mount) {
    if (removed_) return Errno::NoEnt;
    if (by_name_.count(name)) return Errno::Exist;
    if (node->is_dir()) meta_.nlink++;
    const uint64_t seq = next_seq_++;
    auto [it, ok] = by_name_.emplace(std::string(name), Entry{std::move(node), seq, mount});
    by_seq_.emplace(seq, &*it);
    meta_.mtim = meta_.ctim = fs_.now();
    fs_.changed(*this);
    if (Inode& n = *it->second.node; n.dev() == dev()) fs_.changed(n);
    return Errno::Success;
  }

 private:
  struct Entry {
    std::shared_ptr<Inode> node;
    uint64_t seq;
    bool mount;
  };
  using Map = std::unordered_map<std::string, Entry, NameHash, std::equal_to<>>;

  // Callers check n.dev() == dev() first: only memory inodes share a
  // device id with a memory directory.
 public:
  static Meta& meta_of(Inode& n) {
    if (n.is_dir()) return static_cast<MemDir&>(n).meta_;
    if (n.is_symlink()) return static_cast<MemSymlink&>(n).meta();
    return static_cast<MemFile&>(n).meta();
  }

 private:
  // A change of names done: a store commits it at once (a file made is
  // committed at its close).
  Status settled(Status s) {
    if (s == Errno::Success) fs_.names_changed();
    return s;
  }

  Status erase(std::string_view name) {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return Errno::NoEnt;
    if (it->second.mount) return Errno::Busy;
    Inode& node = *it->second.node;
    const uint64_t now = fs_.now();
    if (node.dev() == dev()) {
      if (node.is_dir()) {
        auto& d = static_cast<MemDir&>(node);
        d.removed_ = true;
        d.parent_ = nullptr;
        d.meta_.nlink = 0;
        meta_.nlink--;
      } else {
        meta_of(node).nlink--;
        meta_of(node).ctim = now;
      }
      fs_.changed(node);
    }
    by_seq_.erase(it->second.seq);
    by_name_.erase(it);
    meta_.mtim = meta_.ctim = now;
    fs_.changed(*this);
    return Errno::Success;
  }

  Map by_name_;
  std::map<uint64_t, const Map::value_type*> by_seq_;
  uint64_t next_seq_ = 0;
  MemDir* parent_;  // null for the root; a directory outlives its entries
  bool removed_ = false;

  friend class wb::MemoryFs;
};

}  // namespace

MemoryFs::MemoryFs(Host& host, uint64_t dev, uint64_t capacity)
    : host_(host), dev_(dev), capacity_(capacity) {
  root_ = std::make_shared<MemDir>(*this, nullptr);
}

MemoryFs::~MemoryFs() = default;

uint64_t MemoryFs::now() const { return host_.realtime_ns(); }

Status MemoryFs::reserve(uint64_t bytes) {
  if (bytes > capacity_ - used_) return Errno::NoSpc;
  used_ += bytes;
  return Errno::Success;
}

Status MemoryFs::mount(Directory& parent, std::string_view name, std::shared_ptr<Directory> dir) {
  if (parent.dev() != dev_) return Errno::Xdev;
  return static_cast<MemDir&>(parent).insert(name, std::move(dir), true);
}

Status MemoryFs::attach(Directory& parent, std::string_view name, std::shared_ptr<Inode> node) {
  if (parent.dev() != dev_) return Errno::Xdev;
  return static_cast<MemDir&>(parent).insert(name, std::move(node), false);
}

std::shared_ptr<Directory> MemoryFs::make_detached_dir() {
  return std::make_shared<MemDir>(*this, nullptr);
}

Result<std::shared_ptr<Inode>> MemoryFs::restore_file(uint64_t ino, std::vector<uint8_t> data) {
  WB_TRY(reserve(data.size()));
  next_ino_ = std::max(next_ino_, ino + 1);
  return std::shared_ptr<Inode>(std::make_shared<MemFile>(*this, ino, std::move(data)));
}

std::shared_ptr<Inode> MemoryFs::restore_symlink(uint64_t ino, std::string target) {
  next_ino_ = std::max(next_ino_, ino + 1);
  return std::make_shared<MemSymlink>(*this, ino, std::move(target));
}

Result<std::shared_ptr<Directory>> MemoryFs::restore_dir(Directory& parent, std::string_view name,
                                                         uint64_t ino) {
  if (parent.dev() != dev_) return Errno::Xdev;
  next_ino_ = std::max(next_ino_, ino + 1);
  auto dir = std::make_shared<MemDir>(*this, &static_cast<MemDir&>(parent), ino);
  WB_TRY(static_cast<MemDir&>(parent).insert(name, dir, false));
  return std::shared_ptr<Directory>(std::move(dir));
}

Status MemoryFs::restore_entry(Directory& parent, std::string_view name,
                               std::shared_ptr<Inode> node) {
  if (parent.dev() != dev_ || node->dev() != dev_ || node->is_dir()) return Errno::Xdev;
  return static_cast<MemDir&>(parent).insert(name, std::move(node), false);
}

void MemoryFs::restore_meta(Inode& node, const NodeMeta& m, uint64_t names) {
  Meta& meta = MemDir::meta_of(node);
  if (!node.is_dir()) meta.nlink = names;
  meta.atim = m.atim;
  meta.mtim = m.mtim;
  meta.ctim = m.ctim;
  meta.perm = m.perm;
}

NodeMeta MemoryFs::meta_of(Inode& node) {
  const Meta& m = MemDir::meta_of(node);
  return NodeMeta{m.atim, m.mtim, m.ctim, m.perm};
}

std::vector<std::pair<std::string, std::shared_ptr<Inode>>> MemoryFs::entries_of(Directory& dir) {
  std::vector<std::pair<std::string, std::shared_ptr<Inode>>> out;
  for (const auto& [seq, entry] : static_cast<MemDir&>(dir).by_seq_)
    out.emplace_back(entry->first, entry->second.node);
  return out;
}

}  // namespace wb
