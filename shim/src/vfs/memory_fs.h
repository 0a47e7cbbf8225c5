// This file defines MemoryFs, the in-memory filesystem that is a box's root
// by default: it numbers inodes, stamps times and accounts for space.
#pragma once

#include <cstdint>
#include <memory>

#include "vfs/inode.h"

namespace wb {

class Host;

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

  // Adds a device or other foreign inode under a memory directory.
  Status attach(Directory& parent, std::string_view name, std::shared_ptr<Inode> node);

 private:
  Host& host_;
  uint64_t dev_;
  uint64_t capacity_;
  uint64_t used_ = 0;
  uint64_t next_ino_ = 1;
  std::shared_ptr<Directory> root_;
};

}  // namespace wb
