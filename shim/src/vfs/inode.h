// This file defines the inode classes every filesystem backend fills in:
// Inode (metadata and data I/O), Directory and Symlink. Each operation has a
// default that returns the right error, so a backend writes only what it
// supports (/dev/zero implements read and write, nothing else).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/blocking.h"
#include "base/result.h"
#include "vfs/file_type.h"

namespace wb {

struct OpenFile;
class Tty;

struct Stat {
  uint64_t dev = 0;
  uint64_t ino = 0;
  FileType type = FileType::Unknown;
  uint64_t nlink = 1;
  uint64_t size = 0;
  uint64_t atim = 0;
  uint64_t mtim = 0;
  uint64_t ctim = 0;
  // Permission bits (07777) where the backend keeps them; else those of
  // the type (abi/linux/records.cpp).
  std::optional<uint32_t> perm;
};

// Timestamps to set, with "now" already resolved; nullopt leaves one alone.
struct TimeChange {
  std::optional<uint64_t> atim;
  std::optional<uint64_t> mtim;
};

// What poll_oneoff sees of a file: ready now, bytes available, hung up.
struct Readiness {
  bool ready = true;
  uint64_t nbytes = 0;
  bool hangup = false;
  // An input stream of the host that must be fed before this is ready.
  std::optional<uint32_t> host_input;
  // A monotonic time (ns) at which a waiting read completes anyway (a
  // terminal's TIME); poll does not wake for it.
  std::optional<uint64_t> deadline;
};

class Inode : public std::enable_shared_from_this<Inode> {
 public:
  Inode(FileType type, uint64_t dev, uint64_t ino) : type_(type), dev_(dev), ino_(ino) {}
  virtual ~Inode() = default;
  Inode(const Inode&) = delete;
  Inode& operator=(const Inode&) = delete;

  FileType type() const { return type_; }
  bool is_dir() const { return type_ == FileType::Directory; }
  bool is_symlink() const { return type_ == FileType::SymbolicLink; }
  uint64_t dev() const { return dev_; }
  uint64_t ino() const { return ino_; }

  // Metadata; `of` is the open file when reached through a descriptor.
  virtual Result<Stat> stat(OpenFile* of) = 0;
  virtual Status set_times(OpenFile* of, const TimeChange& change);
  virtual Status set_size(OpenFile* of, uint64_t size);
  // chmod: a backend that keeps no permission bits ignores it.
  virtual Status set_perm(uint32_t perm);

  // Called once when a description opens and when its last descriptor
  // closes: host-backed inodes hold a host handle in between.
  virtual Status open(OpenFile& of);
  virtual void close(OpenFile& of);

  // Data I/O at an offset (streams ignore it). Defaults: EISDIR for
  // directories, EINVAL otherwise. A stream with nothing to read or no
  // room answers EAGAIN when the description is non-blocking, else "would
  // block" (what it waits for is what poll_read/poll_write report).
  virtual Blocking<size_t> read(OpenFile& of, uint64_t offset, std::span<uint8_t> out);
  virtual Blocking<size_t> write(OpenFile& of, uint64_t offset, std::span<const uint8_t> in);
  virtual Status sync(OpenFile& of);
  // A file whose bytes live in kernel memory lends them to the data path,
  // which then copies straight between them and a guest, with no staging
  // buffer. Up to `len` bytes at `offset` (fewer at the end); nullopt when
  // the bytes live elsewhere (a host file, a device, a pipe).
  virtual std::optional<std::span<const uint8_t>> bytes_to_read(uint64_t offset, size_t len);
  // Room for exactly `len` bytes at `offset`, the file grown to hold them
  // and its times set; ENOTSUP when the bytes live elsewhere.
  virtual Result<std::span<uint8_t>> room_to_write(uint64_t offset, size_t len);
  // Regular files seek; streams answer ESPIPE.
  virtual bool seekable() const { return type_ == FileType::RegularFile; }
  virtual Readiness poll_read(OpenFile& of);
  virtual Readiness poll_write(OpenFile& of);
  // The terminal this is attached to, if any (isatty, termios).
  virtual Tty* tty() { return nullptr; }

 private:
  FileType type_;
  uint64_t dev_;
  uint64_t ino_;
};

// One directory entry as fd_readdir reports it.
struct DirEntry {
  uint64_t next_cookie;
  uint64_t ino;
  FileType type;
  std::string_view name;
};

// Receives entries from Directory::read_entries; false stops the listing.
class DirSink {
 public:
  virtual bool add(const DirEntry& e) = 0;

 protected:
  ~DirSink() = default;
};

// Directory primitives. The VFS layer (vfs/vfs_ops.cpp) checks POSIX rules
// (types, emptiness, trailing slashes) before calling these, so a backend
// only performs the change. Names are single components, never "." or "..".
class Directory : public Inode {
 public:
  using Inode::Inode;

  virtual Result<std::shared_ptr<Inode>> lookup(std::string_view name) = 0;
  virtual Result<std::shared_ptr<Inode>> create_file(std::string_view name) = 0;
  virtual Status make_dir(std::string_view name) = 0;
  virtual Status make_symlink(std::string_view name, std::string_view target) = 0;
  // Adds a name for `target`, an inode of the same filesystem (EXDEV else).
  virtual Status link(std::string_view name, Inode& target) = 0;
  // Removes a non-directory / an empty directory.
  virtual Status unlink(std::string_view name) = 0;
  virtual Status remove_dir(std::string_view name) = 0;
  // Moves an entry; `to` may be this directory. An existing target of a
  // compatible type is replaced.
  virtual Status rename(std::string_view from, Directory& to, std::string_view to_name) = 0;
  // Lists entries from `cookie` (0 = start; "." and ".." first) until the
  // sink refuses one. Cookies stay valid across inserts and removals.
  virtual Status read_entries(OpenFile& of, uint64_t cookie, DirSink& sink) = 0;
  // True if this directory is `other` or one of its ancestors.
  virtual bool contains(const Directory& other) const { return this == &other; }
  // Whether it has entries other than "." and "..".
  virtual Result<bool> empty() = 0;
  // A read-only filesystem's: removing or renaming an entry answers EROFS
  // before anything about the entry (Linux checks the mount first).
  virtual bool read_only() const { return false; }
};

class Symlink : public Inode {
 public:
  using Inode::Inode;
  virtual Result<std::string> target() = 0;
};

}  // namespace wb
