// This file defines the inodes of a read-only tree built once from an
// index (a tar archive's, an image's): ReadOnlyDir, ReadOnlySymlink and
// ReadOnlyFile, whose bytes a backend supplies. Every change answers
// EROFS.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fd/open_file.h"
#include "vfs/inode.h"

namespace wb {

// What the inodes of one tree share: its device, its inode numbers, and
// whatever holds its bytes (a backend derives from it).
struct ReadOnlySource {
  explicit ReadOnlySource(uint64_t device) : dev(device) {}
  virtual ~ReadOnlySource() = default;
  uint64_t dev;
  uint64_t next_ino = 1;
};

// What every inode of the tree keeps.
template <class Base>
class ReadOnlyNode : public Base {
 public:
  ReadOnlyNode(const std::shared_ptr<ReadOnlySource>& source, FileType type)
      : Base(type, source->dev, source->next_ino++), source_(source) {}

  Status set_times(OpenFile*, const TimeChange&) override { return Errno::Rofs; }
  Status set_size(OpenFile*, uint64_t) override { return Errno::Rofs; }
  Status set_perm(uint32_t) override { return Errno::Rofs; }

  void describe(std::optional<uint32_t> perm, std::optional<uint64_t> mtime_ns) {
    if (perm) perm_ = perm;
    if (mtime_ns) mtime_ = *mtime_ns;
  }
  void add_link() { nlink_++; }

 protected:
  Stat stat_of(uint64_t size) const {
    return Stat{this->dev(), this->ino(), this->type(), nlink_, size,
                mtime_,      mtime_,      mtime_,       perm_};
  }

  std::shared_ptr<ReadOnlySource> source_;
  std::optional<uint32_t> perm_;
  uint64_t mtime_ = 0;
  uint64_t nlink_ = 1;
};

// A file: a backend reads its bytes (read) and may lend them
// (bytes_to_read).
class ReadOnlyFile : public ReadOnlyNode<Inode> {
 public:
  ReadOnlyFile(const std::shared_ptr<ReadOnlySource>& source, uint64_t size)
      : ReadOnlyNode(source, FileType::RegularFile), size_(size) {}

  Result<Stat> stat(OpenFile*) override { return stat_of(size_); }
  Status open(OpenFile& of) override { return of.writable() ? Errno::Rofs : Errno::Success; }
  Blocking<size_t> write(OpenFile&, uint64_t, std::span<const uint8_t>) override {
    return Errno::Rofs;
  }
  Result<std::span<uint8_t>> room_to_write(uint64_t, size_t) override { return Errno::Rofs; }
  uint64_t size() const { return size_; }

 private:
  uint64_t size_;
};

class ReadOnlySymlink final : public ReadOnlyNode<Symlink> {
 public:
  ReadOnlySymlink(const std::shared_ptr<ReadOnlySource>& source, std::string target)
      : ReadOnlyNode(source, FileType::SymbolicLink), target_(std::move(target)) {}
  Result<Stat> stat(OpenFile*) override { return stat_of(target_.size()); }
  Result<std::string> target() override { return target_; }

 private:
  std::string target_;
};

class ReadOnlyDir final : public ReadOnlyNode<Directory> {
 public:
  ReadOnlyDir(const std::shared_ptr<ReadOnlySource>& source, ReadOnlyDir* parent)
      : ReadOnlyNode(source, FileType::Directory), parent_(parent) {
    nlink_ = 2;
  }

  Result<Stat> stat(OpenFile*) override { return stat_of(0); }
  Result<std::shared_ptr<Inode>> lookup(std::string_view name) override;
  Result<std::shared_ptr<Inode>> create_file(std::string_view) override { return Errno::Rofs; }
  Status make_dir(std::string_view) override { return Errno::Rofs; }
  Status make_symlink(std::string_view, std::string_view) override { return Errno::Rofs; }
  Status link(std::string_view, Inode&) override { return Errno::Rofs; }
  Status unlink(std::string_view) override { return Errno::Rofs; }
  Status remove_dir(std::string_view) override { return Errno::Rofs; }
  Status rename(std::string_view, Directory&, std::string_view) override { return Errno::Rofs; }
  Status read_entries(OpenFile& of, uint64_t cookie, DirSink& sink) override;
  bool contains(const Directory& other) const override;
  Result<bool> empty() override { return entries_.empty(); }
  bool read_only() const override { return true; }

  // Building the tree: an entry added, or one of the same name replaced
  // (a later entry of an archive wins, as when it is unpacked).
  void put(std::string_view name, std::shared_ptr<Inode> node);

 private:
  using Entries = std::vector<std::pair<std::string, std::shared_ptr<Inode>>>;
  Entries::iterator find(std::string_view name);

  ReadOnlyDir* parent_;
  Entries entries_;  // sorted by name
};

}  // namespace wb
