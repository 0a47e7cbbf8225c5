// This file defines the overlay backend: ODir merges a directory of the
// upper layer with those of the lower ones; OFile and OSymlink wrap a
// file or symlink of one layer and copy it up before it changes.
#include "vfs/overlay_fs.h"

#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "fd/open_file.h"

namespace wb {
namespace {

bool hidden(std::string_view name) { return name.starts_with(kWhiteoutPrefix); }
std::string whiteout_of(std::string_view name) {
  return std::string(kWhiteoutPrefix) + std::string(name);
}
bool has(Directory& dir, std::string_view name) { return dir.lookup(name).ok(); }

// An inode number of the overlay: the layer (0 upper) in the top byte,
// so that inodes of different layers never share one.
uint64_t overlay_ino(uint32_t layer, uint64_t ino) { return (uint64_t(layer) << 56) ^ ino; }

class ODir;

// What every inode of the overlay keeps: where it is (its folder and
// name, to be copied up), and the inode it shows now and its layer.
template <class Base>
class ONode : public Base {
 public:
  ONode(uint64_t dev, std::shared_ptr<ODir> parent, std::string name, std::shared_ptr<Inode> real,
        uint32_t layer)
      : Base(real->type(), dev, overlay_ino(layer, real->ino())),
        parent_(std::move(parent)),
        name_(std::move(name)),
        real_(std::move(real)),
        layer_(layer) {}

  Result<Stat> stat(OpenFile* of) override {
    WB_ASSIGN(Stat st, real_->stat(of));
    st.dev = this->dev();
    st.ino = this->ino();
    return st;
  }
  Status set_times(OpenFile* of, const TimeChange& c) override {
    WB_TRY(copy_up());
    return real_->set_times(of, c);
  }
  Status set_perm(uint32_t perm) override {
    WB_TRY(copy_up());
    return real_->set_perm(perm);
  }
  // The inode in the upper layer, copied there first if it is below.
  Result<std::shared_ptr<Inode>> upper() {
    WB_TRY(copy_up());
    return real_;
  }
  virtual Status copy_up() = 0;
  // Its name was removed or renamed through the overlay.
  void set_removed() { removed_ = true; }

 protected:
  std::shared_ptr<ODir> parent_;
  std::string name_;
  std::shared_ptr<Inode> real_;
  uint32_t layer_;
  bool removed_ = false;
};

// Copies the metadata a copy-up keeps: permission bits and times.
void copy_meta(Inode& from, Inode& to) {
  auto st = from.stat(nullptr);
  if (!st.ok()) return;
  if (st->perm) (void)to.set_perm(*st->perm);
  (void)to.set_times(nullptr, TimeChange{st->atim, st->mtim});
}

class ODir final : public ONode<Directory> {
 public:
  ODir(uint64_t dev, std::shared_ptr<ODir> parent, std::string name, DirPtr upper,
       std::vector<DirPtr> lowers, uint32_t layer)
      : ONode(dev, std::move(parent), std::move(name), upper ? upper : lowers.front(), layer),
        upper_(std::move(upper)),
        lowers_(std::move(lowers)) {}

  std::shared_ptr<ODir> self() { return std::static_pointer_cast<ODir>(shared_from_this()); }
  bool has_lower() const { return !lowers_.empty(); }

  // This folder in the upper layer, made there (with its parents) first.
  Result<DirPtr> ensure_upper() {
    if (upper_) return upper_;
    if (!parent_) return Errno::Rofs;
    if (removed_) return Errno::NoEnt;
    WB_ASSIGN(DirPtr up, parent_->ensure_upper());
    if (!has(*up, name_)) {
      WB_TRY(up->make_dir(name_));
      WB_ASSIGN(auto made, up->lookup(name_));
      copy_meta(*lowers_.front(), *made);
    }
    WB_ASSIGN(auto node, up->lookup(name_));
    if (!node->is_dir()) return Errno::Io;
    upper_ = std::static_pointer_cast<Directory>(node);
    real_ = upper_;
    layer_ = 0;
    return upper_;
  }
  Status copy_up() override { return ensure_upper().status(); }

  Result<std::shared_ptr<Inode>> lookup(std::string_view name) override;
  Result<std::shared_ptr<Inode>> create_file(std::string_view name) override;
  Status make_dir(std::string_view name) override;
  Status make_symlink(std::string_view name, std::string_view target) override;
  Status link(std::string_view name, Inode& target) override;
  Status unlink(std::string_view name) override { return remove(name, false); }
  Status remove_dir(std::string_view name) override { return remove(name, true); }
  Status rename(std::string_view from, Directory& to, std::string_view to_name) override;
  Status read_entries(OpenFile& of, uint64_t cookie, DirSink& sink) override;
  bool contains(const Directory& other) const override;
  Result<bool> empty() override {
    WB_ASSIGN(const auto* list, listing());
    return list->empty();
  }

 public:
  struct Listed {
    std::string name;
    uint64_t ino;
    FileType type;
  };

 private:
  bool in_lower(std::string_view name) {
    for (auto& l : lowers_)
      if (has(*l, name)) return true;
    return false;
  }
  // Clears a whiteout of `name` before a name is made there.
  Status drop_whiteout(Directory& up, std::string_view name) {
    const std::string wh = whiteout_of(name);
    return has(up, wh) ? up.unlink(wh) : Status(Errno::Success);
  }
  Status add_whiteout(Directory& up, std::string_view name) {
    return add_marker(up, whiteout_of(name));
  }
  Status make_opaque(Directory& up, std::string_view name) {
    WB_ASSIGN(auto dir, up.lookup(name));
    return add_marker(static_cast<Directory&>(*dir), kOpaqueMarker);
  }
  // An empty file that marks a name; opened and closed, so that a store
  // commits it at once, as it does a removal.
  static Status add_marker(Directory& dir, std::string_view marker) {
    if (has(dir, marker)) return Errno::Success;
    WB_ASSIGN(auto file, dir.create_file(marker));
    return OpenFile::open(std::move(file), OpenFile::Access::Write, 0).status();
  }
  // `name` changed through the overlay: its wrapper (if any) is let go.
  void changed(std::string_view name, bool removed = false) {
    if (auto it = cache_.find(std::string(name)); it != cache_.end()) {
      if (auto node = it->second.lock(); node && removed) mark_removed(*node);
      cache_.erase(it);
    }
    version_++;
  }
  static void mark_removed(Inode& node);
  Status remove(std::string_view name, bool dir);
  Result<const std::vector<Listed>*> listing();

  DirPtr upper_;
  std::vector<DirPtr> lowers_;
  std::unordered_map<std::string, std::weak_ptr<Inode>> cache_;
  std::vector<Listed> listed_;
  uint64_t version_ = 1;
  uint64_t listed_version_ = 0;
  uint64_t listed_upper_mtim_ = 0;
};

// A file or symlink of one layer.
template <class Base>
class OLeafNode : public ONode<Base> {
 public:
  using ONode<Base>::ONode;

  Status copy_up() override {
    if (this->layer_ == 0) return Errno::Success;
    if (this->removed_) return Errno::NoEnt;  // its name is gone: not made again
    WB_ASSIGN(DirPtr up, this->parent_->ensure_upper());
    if (!has(*up, this->name_)) {
      // A copy cut short (ENOSPC) must not stand for the file.
      if (Status s = copy_into(*up); s != Errno::Success) {
        (void)up->unlink(this->name_);
        return s;
      }
    }
    WB_ASSIGN(auto made, up->lookup(this->name_));
    copy_meta(*this->real_, *made);
    this->real_ = std::move(made);
    this->layer_ = 0;
    return Errno::Success;
  }

 private:
  Status copy_into(Directory& up);
};

template <>
Status OLeafNode<Symlink>::copy_into(Directory& up) {
  WB_ASSIGN(std::string target, static_cast<Symlink&>(*real_).target());
  return up.make_symlink(name_, target);
}

template <>
Status OLeafNode<Inode>::copy_into(Directory& up) {
  WB_ASSIGN(auto made, up.create_file(name_));
  WB_ASSIGN(auto from, OpenFile::open(real_, OpenFile::Access::Read, 0));
  WB_ASSIGN(auto to, OpenFile::open(made, OpenFile::Access::Write, 0));
  std::vector<uint8_t> buf(64 * 1024);
  for (uint64_t at = 0;;) {
    WB_ASSIGN(size_t n, real_->read(*from, at, buf).or_error(Errno::Io));
    if (n == 0) return Errno::Success;
    WB_ASSIGN(size_t w, made->write(*to, at, std::span(buf).first(n)).or_error(Errno::Io));
    if (w != n) return Errno::Io;
    at += n;
  }
}

class OFile final : public OLeafNode<Inode> {
 public:
  using OLeafNode::OLeafNode;

  Status open(OpenFile& of) override {
    if (of.writable()) WB_TRY(copy_up());
    return real_->open(of);
  }
  void close(OpenFile& of) override { real_->close(of); }
  Blocking<size_t> read(OpenFile& of, uint64_t offset, std::span<uint8_t> out) override {
    return real_->read(of, offset, out);
  }
  Blocking<size_t> write(OpenFile& of, uint64_t offset, std::span<const uint8_t> in) override {
    return real_->write(of, offset, in);
  }
  Status set_size(OpenFile* of, uint64_t size) override {
    WB_TRY(copy_up());
    return real_->set_size(of, size);
  }
  Status sync(OpenFile& of) override { return real_->sync(of); }
  std::optional<std::span<const uint8_t>> bytes_to_read(uint64_t offset, size_t len) override {
    return real_->bytes_to_read(offset, len);
  }
  Result<std::span<uint8_t>> room_to_write(uint64_t offset, size_t len) override {
    WB_TRY(copy_up());
    return real_->room_to_write(offset, len);
  }
  Readiness poll_read(OpenFile& of) override { return real_->poll_read(of); }
};

class OSymlink final : public OLeafNode<Symlink> {
 public:
  using OLeafNode::OLeafNode;
  Result<std::string> target() override { return static_cast<Symlink&>(*real_).target(); }
};

void ODir::mark_removed(Inode& node) {
  if (node.is_dir())
    static_cast<ODir&>(node).set_removed();
  else if (node.is_symlink())
    static_cast<OSymlink&>(node).set_removed();
  else
    static_cast<OFile&>(node).set_removed();
}

// The folders named `name` in `dirs` from `from` on, down to a non-folder.
std::vector<DirPtr> dirs_named(const std::vector<DirPtr>& dirs, size_t from,
                               std::string_view name) {
  std::vector<DirPtr> out;
  for (size_t i = from; i < dirs.size(); ++i) {
    auto node = dirs[i]->lookup(name);
    if (!node.ok()) continue;
    if (!node.value()->is_dir()) break;
    out.push_back(std::static_pointer_cast<Directory>(node.value()));
  }
  return out;
}

std::shared_ptr<Inode> wrap_leaf(uint64_t dev, std::shared_ptr<ODir> parent, std::string_view name,
                                 std::shared_ptr<Inode> real, uint32_t layer) {
  if (real->is_symlink())
    return std::make_shared<OSymlink>(dev, std::move(parent), std::string(name), std::move(real),
                                      layer);
  return std::make_shared<OFile>(dev, std::move(parent), std::string(name), std::move(real), layer);
}

Result<std::shared_ptr<Inode>> ODir::lookup(std::string_view name) {
  if (hidden(name)) return Errno::NoEnt;
  if (auto it = cache_.find(std::string(name)); it != cache_.end())
    if (auto node = it->second.lock()) return node;
  std::shared_ptr<Inode> made;
  if (upper_) {
    auto up = upper_->lookup(name);
    if (up.ok()) {
      auto node = std::move(up).value();
      if (node->is_dir()) {
        auto dir = std::static_pointer_cast<Directory>(node);
        auto below =
            has(*dir, kOpaqueMarker) ? std::vector<DirPtr>{} : dirs_named(lowers_, 0, name);
        made = std::make_shared<ODir>(dev(), self(), std::string(name), dir, std::move(below), 0);
      } else {
        made = wrap_leaf(dev(), self(), name, std::move(node), 0);
      }
    } else if (up.error() != Errno::NoEnt) {
      return up.error();
    } else if (has(*upper_, whiteout_of(name))) {
      return Errno::NoEnt;
    }
  }
  for (size_t i = 0; !made && i < lowers_.size(); ++i) {
    auto low = lowers_[i]->lookup(name);
    if (!low.ok()) continue;
    auto node = std::move(low).value();
    if (node->is_dir())
      made = std::make_shared<ODir>(dev(), self(), std::string(name), nullptr,
                                    dirs_named(lowers_, i, name), uint32_t(i + 1));
    else
      made = wrap_leaf(dev(), self(), name, std::move(node), uint32_t(i + 1));
  }
  if (!made) return Errno::NoEnt;
  cache_[std::string(name)] = made;
  return made;
}

Result<std::shared_ptr<Inode>> ODir::create_file(std::string_view name) {
  if (hidden(name)) return Errno::Inval;
  WB_ASSIGN(DirPtr up, ensure_upper());
  WB_TRY(drop_whiteout(*up, name));
  WB_TRY(up->create_file(name).status());
  changed(name);
  return lookup(name);
}

Status ODir::make_dir(std::string_view name) {
  if (hidden(name)) return Errno::Inval;
  WB_ASSIGN(DirPtr up, ensure_upper());
  WB_TRY(drop_whiteout(*up, name));
  WB_TRY(up->make_dir(name));
  changed(name);
  // Made where a lower folder was removed: the lower one must not show.
  return in_lower(name) ? make_opaque(*up, name) : Status(Errno::Success);
}

Status ODir::make_symlink(std::string_view name, std::string_view target) {
  if (hidden(name)) return Errno::Inval;
  WB_ASSIGN(DirPtr up, ensure_upper());
  WB_TRY(drop_whiteout(*up, name));
  WB_TRY(up->make_symlink(name, target));
  changed(name);
  return Errno::Success;
}

Status ODir::link(std::string_view name, Inode& target) {
  if (target.dev() != dev()) return Errno::Xdev;
  if (hidden(name)) return Errno::Inval;
  std::shared_ptr<Inode> real;
  if (target.is_symlink()) {
    WB_ASSIGN(real, static_cast<OSymlink&>(target).upper());
  } else {
    WB_ASSIGN(real, static_cast<OFile&>(target).upper());
  }
  WB_ASSIGN(DirPtr up, ensure_upper());
  WB_TRY(drop_whiteout(*up, name));
  WB_TRY(up->link(name, *real));
  changed(name);
  return Errno::Success;
}

Status ODir::remove(std::string_view name, bool dir) {
  WB_ASSIGN(auto node, lookup(name));
  const bool below = in_lower(name);
  if (upper_ && has(*upper_, name)) {
    if (dir) {
      // Its whiteouts and opaque mark, which the merged view hides.
      auto& gone = static_cast<ODir&>(*node);
      WB_ASSIGN(auto names, entry_names(gone.upper_));
      for (const std::string& n : names)
        if (hidden(n)) WB_TRY(gone.upper_->unlink(n));
      WB_TRY(upper_->remove_dir(name));
    } else {
      WB_TRY(upper_->unlink(name));
    }
  }
  changed(name, true);
  if (below) {
    WB_ASSIGN(DirPtr up, ensure_upper());
    WB_TRY(add_whiteout(*up, name));
  }
  return Errno::Success;
}

Status ODir::rename(std::string_view from, Directory& to_dir, std::string_view to_name) {
  if (to_dir.dev() != dev()) return Errno::Xdev;
  if (hidden(to_name)) return Errno::Inval;
  auto& to = static_cast<ODir&>(to_dir);
  WB_ASSIGN(auto node, lookup(from));
  if (node->is_dir()) {
    if (static_cast<ODir&>(*node).has_lower()) return Errno::Xdev;
  } else if (node->is_symlink()) {
    WB_TRY(static_cast<OSymlink&>(*node).copy_up());
  } else {
    WB_TRY(static_cast<OFile&>(*node).copy_up());
  }
  WB_ASSIGN(DirPtr from_up, ensure_upper());
  WB_ASSIGN(DirPtr to_up, to.ensure_upper());
  const bool over_lower = to.in_lower(to_name);
  WB_TRY(to.drop_whiteout(*to_up, to_name));
  WB_TRY(from_up->rename(from, *to_up, to_name));
  // The moved inode keeps its wrapper; the names are looked up afresh.
  changed(from);
  to.changed(to_name);
  if (in_lower(from)) WB_TRY(add_whiteout(*from_up, from));
  if (node->is_dir() && over_lower) WB_TRY(to.make_opaque(*to_up, to_name));
  return Errno::Success;
}

// Every entry of a real folder: name, inode number, type.
class ListSink final : public DirSink {
 public:
  bool add(const DirEntry& e) override {
    if (e.name != "." && e.name != "..") entries.push_back({std::string(e.name), e.ino, e.type});
    return true;
  }
  struct Entry {
    std::string name;
    uint64_t ino;
    FileType type;
  };
  std::vector<Entry> entries;
};

Result<std::vector<ListSink::Entry>> list_of(const DirPtr& dir) {
  WB_ASSIGN(auto of, OpenFile::open(dir, OpenFile::Access::Read, 0));
  ListSink sink;
  WB_TRY(dir->read_entries(*of, 0, sink));
  return std::move(sink.entries);
}

// The merged entries: the upper folder's but its whiteouts, then each
// lower one's not seen above nor whited out. Kept until a change through
// the overlay or to the upper folder (its mtime).
Result<const std::vector<ODir::Listed>*> ODir::listing() {
  uint64_t upper_mtim = 0;
  if (upper_) {
    WB_ASSIGN(Stat st, upper_->stat(nullptr));
    upper_mtim = st.mtim;
  }
  if (listed_version_ == version_ && listed_upper_mtim_ == upper_mtim) return &listed_;
  std::vector<Listed> out;
  std::unordered_set<std::string> seen;
  if (upper_) {
    WB_ASSIGN(auto entries, list_of(upper_));
    for (auto& e : entries) {
      if (hidden(e.name)) {
        seen.insert(e.name.substr(kWhiteoutPrefix.size()));
      } else if (seen.insert(e.name).second) {
        out.push_back({e.name, overlay_ino(0, e.ino), e.type});
      }
    }
  }
  for (size_t i = 0; i < lowers_.size(); ++i) {
    WB_ASSIGN(auto entries, list_of(lowers_[i]));
    for (auto& e : entries)
      if (!hidden(e.name) && seen.insert(e.name).second)
        out.push_back({std::move(e.name), overlay_ino(uint32_t(i + 1), e.ino), e.type});
  }
  listed_ = std::move(out);
  listed_version_ = version_;
  listed_upper_mtim_ = upper_mtim;
  return &listed_;
}

// The listing a directory description reads, taken when it starts from
// the beginning: names removed meanwhile (rm -r) do not shift its cookies.
struct ListingSnapshot final : BackendState {
  std::vector<ODir::Listed> entries;
};

Status ODir::read_entries(OpenFile& of, uint64_t cookie, DirSink& sink) {
  // Cookies: 0 = ".", 1 = "..", then entry i of the listing is i + 3.
  if (cookie == 0 && !sink.add({1, ino(), FileType::Directory, "."})) return Errno::Success;
  if (cookie <= 1) {
    const uint64_t up = parent_ ? parent_->ino() : ino();
    if (!sink.add({2, up, FileType::Directory, ".."})) return Errno::Success;
  }
  if (cookie <= 2 || !of.backend) {
    WB_ASSIGN(const auto* now, listing());
    auto snapshot = std::make_unique<ListingSnapshot>();
    snapshot->entries = *now;
    of.backend = std::move(snapshot);
  }
  const auto* list = &static_cast<ListingSnapshot&>(*of.backend).entries;
  for (size_t i = cookie <= 2 ? 0 : size_t(cookie - 2); i < list->size(); ++i) {
    const Listed& e = (*list)[i];
    if (!sink.add({i + 3, e.ino, e.type, e.name})) break;
  }
  return Errno::Success;
}

bool ODir::contains(const Directory& other) const {
  if (other.dev() != dev()) return false;
  for (auto* d = static_cast<const ODir*>(&other); d; d = d->parent_.get())
    if (d == this) return true;
  return false;
}

}  // namespace

DirPtr make_overlay(DirPtr upper, std::vector<DirPtr> lowers, uint64_t dev) {
  return std::make_shared<ODir>(dev, nullptr, "", std::move(upper), std::move(lowers), 0);
}

}  // namespace wb
