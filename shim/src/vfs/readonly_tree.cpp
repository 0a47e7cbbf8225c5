// This file defines ReadOnlyDir's lookups and listings.
#include "vfs/readonly_tree.h"

#include <algorithm>

namespace wb {

Result<std::shared_ptr<Inode>> ReadOnlyDir::lookup(std::string_view name) {
  const auto it = find(name);
  if (it == entries_.end() || it->first != name) return Errno::NoEnt;
  return it->second;
}

Status ReadOnlyDir::read_entries(OpenFile&, uint64_t cookie, DirSink& sink) {
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

bool ReadOnlyDir::contains(const Directory& other) const {
  if (other.dev() != dev()) return false;
  for (auto* d = static_cast<const ReadOnlyDir*>(&other); d; d = d->parent_)
    if (d == this) return true;
  return false;
}

void ReadOnlyDir::put(std::string_view name, std::shared_ptr<Inode> node) {
  const auto it = find(name);
  if (node->is_dir()) nlink_++;
  if (it != entries_.end() && it->first == name) {
    if (it->second->is_dir()) nlink_--;
    it->second = std::move(node);
  } else {
    entries_.emplace(it, std::string(name), std::move(node));
  }
}

ReadOnlyDir::Entries::iterator ReadOnlyDir::find(std::string_view name) {
  return std::lower_bound(entries_.begin(), entries_.end(), name,
                          [](const auto& e, std::string_view n) { return e.first < n; });
}

}  // namespace wb
