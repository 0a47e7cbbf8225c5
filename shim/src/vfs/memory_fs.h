// This file defines MemoryFs, the in-memory filesystem that is a box's root
// by default: it numbers inodes, stamps times and accounts for space.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vfs/inode.h"

namespace wb {

class Host;

// What a persistent store (vfs/store.h) learns of the changes to a memory
// filesystem, as they happen. Only the filesystem's own inodes are named.
class ChangeSink {
 public:
  // Its metadata, its entries (a directory) or its target changed, or it
  // was just made.
  virtual void changed(Inode& node) = 0;
  // A file's bytes in [offset, offset + len) changed, or its size did.
  virtual void wrote(Inode& file, uint64_t offset, uint64_t len) = 0;
  // A file was synced (`closing`: its last descriptor closed): the store
  // commits what changed, fsync's error is the commit's.
  virtual Status sync(Inode& file, bool closing) = 0;
  // A directory's entries changed (but by a file's making, which its
  // close commits): the store commits at once, so that no removal or
  // rename is undone by a crash; an error shows at the next commit.
  virtual void names_changed() = 0;

 protected:
  ~ChangeSink() = default;
};

// The times and permission bits of a memory inode.
struct NodeMeta {
  uint64_t atim = 0;
  uint64_t mtim = 0;
  uint64_t ctim = 0;
  std::optional<uint32_t> perm;
};

class MemoryFs {
 public:
  // `capacity` bounds the bytes of file data it holds (ENOSPC past it).
  MemoryFs(Host& host, uint64_t dev, uint64_t capacity);
  ~MemoryFs();

  std::shared_ptr<Directory> root() const { return root_; }
  uint64_t dev() const { return dev_; }
  uint64_t now() const;
  uint64_t next_ino() { return next_ino_++; }
  // Takes or returns file-data space; ENOSPC when it would exceed capacity.
  Status reserve(uint64_t bytes);
  void release(uint64_t bytes) { used_ -= bytes; }
  uint64_t used() const { return used_; }
  uint64_t capacity() const { return capacity_; }

  // Attaches `dir`, a directory of another filesystem, as `name` inside
  // `parent` (a memory directory): a mount point. It cannot be renamed,
  // unlinked or removed (EBUSY).
  Status mount(Directory& parent, std::string_view name, std::shared_ptr<Directory> dir);

  // A new directory in no other: the upper layer of an overlay.
  std::shared_ptr<Directory> make_detached_dir();

  // Adds a device or other foreign inode under a memory directory.
  Status attach(Directory& parent, std::string_view name, std::shared_ptr<Inode> node);

  // Where changes are reported; null (the default) for none.
  void set_sink(ChangeSink* sink) { sink_ = sink; }
  void changed(Inode& node) {
    if (sink_) sink_->changed(node);
  }
  void wrote(Inode& file, uint64_t offset, uint64_t len) {
    if (sink_) sink_->wrote(file, offset, len);
  }
  Status sync(Inode& file, bool closing) {
    return sink_ ? sink_->sync(file, closing) : Status(Errno::Success);
  }
  void names_changed() {
    if (sink_) sink_->names_changed();
  }

  // Restoring a store: inodes with the numbers they had (above the root's,
  // 1), placed with restore_entry (a directory where it is made), then
  // given their times, permissions and (not a directory) count of names
  // with restore_meta once every entry is in. Inode numbers given out
  // afterwards start past the largest restored.
  Result<std::shared_ptr<Inode>> restore_file(uint64_t ino, std::vector<uint8_t> data);
  std::shared_ptr<Inode> restore_symlink(uint64_t ino, std::string target);
  Result<std::shared_ptr<Directory>> restore_dir(Directory& parent, std::string_view name,
                                                 uint64_t ino);
  Status restore_entry(Directory& parent, std::string_view name, std::shared_ptr<Inode> node);
  static void restore_meta(Inode& node, const NodeMeta& meta, uint64_t names);
  // Inode numbers given out from now on are above `ino` (a store's inodes
  // of the past included, whose records its files may still hold).
  void skip_inos(uint64_t ino) { next_ino_ = std::max(next_ino_, ino + 1); }
  // A memory inode's times and permission bits.
  static NodeMeta meta_of(Inode& node);
  // The entries of a memory directory, in the order they were made.
  static std::vector<std::pair<std::string, std::shared_ptr<Inode>>> entries_of(Directory& dir);

 private:
  Host& host_;
  uint64_t dev_;
  uint64_t capacity_;
  uint64_t used_ = 0;
  uint64_t next_ino_ = 1;
  ChangeSink* sink_ = nullptr;
  std::shared_ptr<Directory> root_;
};

}  // namespace wb
