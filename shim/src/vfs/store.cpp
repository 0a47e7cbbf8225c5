// This file defines Store: restoring a tree from the host's files, noting
// what changes, and committing it.
#include "vfs/store.h"

#include <deque>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "host.h"
#include "vfs/store_format.h"

namespace wb {
namespace {

constexpr uint64_t kRootIno = 1;
// A file in use may hold this much more than twice the data before a
// snapshot replaces it.
constexpr uint64_t kLogSlack = 1 << 20;

// A name a directory record may give: anything else is skipped.
bool valid_name(std::string_view name) {
  return !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
         name.find('/') == std::string_view::npos && name.find('\0') == std::string_view::npos;
}

}  // namespace

Store::Store(Host& host, uint32_t id, uint64_t dev, uint64_t capacity)
    : host_(host), id_(id), fs_(host, dev, capacity) {}

Store::~Store() { close(); }

Result<std::unique_ptr<Store>> Store::open(Host& host, uint32_t id, uint64_t dev, uint64_t capacity,
                                           std::span<const uint8_t> a, std::span<const uint8_t> b) {
  std::unique_ptr<Store> store(new Store(host, id, dev, capacity));
  StoreContents in_a = read_store(a, capacity);
  StoreContents in_b = read_store(b, capacity);
  if (in_a.too_big || in_b.too_big) return Errno::NoSpc;
  const bool use_b = in_b.length > 0 && (in_a.length == 0 || in_b.generation > in_a.generation);
  StoreContents& in = use_b ? in_b : in_a;
  store->active_ = use_b ? 1 : 0;
  if (in.length > 0) {
    store->generation_ = in.generation;
    store->sequence_ = in.sequence;
    store->written_ = in.length;
    WB_TRY(store->restore(in));
  }
  store->fs_.set_sink(store.get());
  return store;
}

// Places every inode reachable from the root: a directory once, a file or
// symlink under each of its names. Entries that name nothing, or a
// directory a second time, are skipped.
Status Store::restore(StoreContents& in) {
  auto top = in.nodes.find(kRootIno);
  if (top == in.nodes.end() || top->second.type != FileType::Directory) return Errno::Success;
  std::unordered_map<uint64_t, std::shared_ptr<Inode>> placed{{kRootIno, fs_.root()}};
  std::unordered_map<uint64_t, uint64_t> names;
  std::deque<std::pair<Directory*, StoreNode*>> queue{{fs_.root().get(), &top->second}};
  for (; !queue.empty(); queue.pop_front()) {
    auto [dir, node] = queue.front();
    for (auto& [name, ino] : node->entries) {
      auto it = in.nodes.find(ino);
      if (!valid_name(name) || it == in.nodes.end()) continue;
      StoreNode& child = it->second;
      if (auto p = placed.find(ino); p != placed.end()) {
        if (!p->second->is_dir() && fs_.restore_entry(*dir, name, p->second) == Errno::Success)
          names[ino]++;
        continue;
      }
      std::shared_ptr<Inode> made;
      if (child.type == FileType::Directory) {
        auto d = fs_.restore_dir(*dir, name, ino);
        if (!d.ok()) continue;
        queue.emplace_back(d->get(), &child);
        made = std::move(d).value();
      } else {
        if (child.type == FileType::RegularFile) {
          WB_ASSIGN(made, fs_.restore_file(ino, std::move(child.data)));
        } else {
          made = fs_.restore_symlink(ino, std::move(child.target));
        }
        if (fs_.restore_entry(*dir, name, made) != Errno::Success) continue;
        names[ino] = 1;
      }
      placed.emplace(ino, std::move(made));
    }
  }
  for (auto& [ino, inode] : placed) MemoryFs::restore_meta(*inode, in.nodes[ino].meta, names[ino]);
  // A number the files still hold a record of is never given again: a new
  // file would take on the old one's bytes.
  for (const auto& [ino, node] : in.nodes) fs_.skip_inos(ino);
  return Errno::Success;
}

void Store::changed(Inode& node) {
  if (node.dev() == fs_.dev()) dirty_[node.ino()].node = node.weak_from_this();
}

void Store::wrote(Inode& file, uint64_t offset, uint64_t len) {
  Dirty& d = dirty_[file.ino()];
  d.node = file.weak_from_this();
  d.lo = std::min(d.lo, offset);
  d.hi = std::max(d.hi, offset + len);
}

Status Store::sync(Inode& file, bool closing) {
  if (closing && !dirty_.count(file.ino())) return Errno::Success;
  return commit();
}

Status Store::commit() {
  if (dirty_.empty()) return Errno::Success;
  const bool whole = generation_ == 0 || written_ > 2 * fs_.used() + kLogSlack;
  const std::vector<uint8_t> bytes = whole ? snapshot() : changes();
  const uint32_t file = whole ? active_ ^ 1 : active_;
  WB_TRY(host_.store_write(id_, file, whole ? 0 : written_, bytes));
  active_ = file;
  if (whole) {
    generation_++;
    sequence_ = 0;
    written_ = bytes.size();
  } else {
    sequence_++;
    written_ += bytes.size();
  }
  dirty_.clear();
  return Errno::Success;
}

namespace {

// Adds the record of `node` as it is now: of a file, its bytes in [lo, hi)
// (all of them for a snapshot). A node with no name left is skipped.
void add_record(CommitWriter& w, Inode& node, uint64_t dev, uint64_t lo, uint64_t hi) {
  auto st = node.stat(nullptr);
  if (!st.ok() || st->nlink == 0) return;
  const NodeMeta meta = MemoryFs::meta_of(node);
  if (node.is_dir()) {
    const auto entries = MemoryFs::entries_of(static_cast<Directory&>(node));
    std::vector<std::pair<std::string_view, uint64_t>> own;
    for (const auto& [name, child] : entries)
      if (child->dev() == dev) own.emplace_back(name, child->ino());
    w.dir(node.ino(), meta, own);
  } else if (node.is_symlink()) {
    auto target = static_cast<Symlink&>(node).target();
    w.symlink(node.ino(), meta, target.ok() ? *target : "");
  } else {
    hi = std::min(hi, st->size);
    lo = std::min(lo, hi);
    const auto bytes = node.bytes_to_read(lo, size_t(hi - lo));
    w.file(node.ino(), meta, st->size, lo, bytes.value_or(std::span<const uint8_t>{}));
  }
}

}  // namespace

std::vector<uint8_t> Store::changes() {
  CommitWriter w(generation_, sequence_ + 1, false);
  for (auto& [ino, d] : dirty_)
    if (auto node = d.node.lock()) add_record(w, *node, fs_.dev(), d.lo, d.hi);
  return std::move(w).finish();
}

std::vector<uint8_t> Store::snapshot() {
  CommitWriter w(generation_ + 1, 0, true);
  std::unordered_set<uint64_t> seen{kRootIno};
  std::deque<std::shared_ptr<Inode>> queue{fs_.root()};
  for (; !queue.empty(); queue.pop_front()) {
    Inode& node = *queue.front();
    add_record(w, node, fs_.dev(), 0, UINT64_MAX);
    if (!node.is_dir()) continue;
    for (auto& [name, child] : MemoryFs::entries_of(static_cast<Directory&>(node)))
      if (child->dev() == fs_.dev() && seen.insert(child->ino()).second) queue.push_back(child);
  }
  return std::move(w).finish();
}

}  // namespace wb
