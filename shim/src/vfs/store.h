// This file defines Store, a persistent filesystem: a memory filesystem
// whose changes the host keeps (in OPFS in a page, in files in Node) as
// commits (vfs/store_format.h), each written whole or not at all. A
// commit goes out when a changed file is synced or closed, when a
// directory's entries change (but by making a file), and when the runtime
// asks (shortly after any change). The host keeps two files, and
// the store writes to one: commits append to it; once it has grown past
// twice the data it holds, a snapshot of the whole tree goes to the other
// file, which becomes the one written. The host writes where it is told,
// so it keeps no state of its own (each of a box's threads can write).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>

#include "vfs/memory_fs.h"

namespace wb {

struct StoreContents;

class Store final : public ChangeSink {
 public:
  // The store in the host's two files, `a` and `b` (either may be empty,
  // cut short or damaged): the one with the later generation of whole
  // commits. Its inodes have device `dev`; its data may take `capacity`
  // bytes (ENOSPC if it holds more).
  static Result<std::unique_ptr<Store>> open(Host& host, uint32_t id, uint64_t dev,
                                             uint64_t capacity, std::span<const uint8_t> a,
                                             std::span<const uint8_t> b);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  std::shared_ptr<Directory> root() const { return fs_.root(); }
  bool dirty() const { return !dirty_.empty(); }
  // Writes what changed since the last commit; nothing if nothing did.
  Status commit();
  // Stops reporting changes: the kernel is going away.
  void close() { fs_.set_sink(nullptr); }

  void changed(Inode& node) override;
  void wrote(Inode& file, uint64_t offset, uint64_t len) override;
  Status sync(Inode& file, bool closing) override;
  void names_changed() override { (void)commit(); }

 private:
  Store(Host& host, uint32_t id, uint64_t dev, uint64_t capacity);
  Status restore(StoreContents& contents);
  // A commit of what changed; a snapshot of the whole tree.
  std::vector<uint8_t> changes();
  std::vector<uint8_t> snapshot();

  // What changed of an inode since the last commit: its record, and of a
  // file the bytes in [lo, hi).
  struct Dirty {
    std::weak_ptr<Inode> node;
    uint64_t lo = UINT64_MAX;
    uint64_t hi = 0;
  };

  Host& host_;
  uint32_t id_;
  MemoryFs fs_;
  uint32_t active_ = 0;      // the file commits append to
  uint64_t generation_ = 0;  // 0: the host's files hold no snapshot yet
  uint64_t sequence_ = 0;
  uint64_t written_ = 0;  // bytes of whole commits in the file in use
  std::unordered_map<uint64_t, Dirty> dirty_;
};

}  // namespace wb
