// This file defines OpenFile, an open file description: the inode, the
// offset, the status flags and the access mode, shared by every descriptor
// duplicated from it (dup, fd_renumber, processes later).
#pragma once

#include <cstdint>
#include <memory>

#include "fd/file_locks.h"
#include "fd/rights.h"
#include "vfs/inode.h"
#include "vfs/path.h"

namespace wb {

// Per-description state a backend keeps (a host handle, a directory
// snapshot); each backend derives its own.
class BackendState {
 public:
  virtual ~BackendState() = default;
};

struct OpenFile {
  enum class Access : uint8_t { None = 0, Read = 1, Write = 2, ReadWrite = 3 };

  // Opens `inode`; the inode's open() hook may fail (a host file gone).
  static Result<std::shared_ptr<OpenFile>> open(std::shared_ptr<Inode> inode, Access access,
                                                uint16_t fdflags);
  OpenFile(std::shared_ptr<Inode> node, Access a, uint16_t flags)
      : inode(std::move(node)), access(a), fdflags(flags) {}
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  bool readable() const { return uint8_t(access) & uint8_t(Access::Read); }
  bool writable() const { return uint8_t(access) & uint8_t(Access::Write); }

  std::shared_ptr<Inode> inode;
  Access access;
  uint16_t fdflags;
  uint64_t offset = 0;
  std::unique_ptr<BackendState> backend;
  // A directory opened by a rooted walk: its chain from the root, for `..`
  // and fchdir in the Linux-style ABI.
  std::shared_ptr<const DirChain> chain;
  // Where the locks it owns are (flock, F_OFD_SETLK), once it took one:
  // they go with it.
  FileLocks* locks = nullptr;
  FileKey file_key() const { return {inode->dev(), inode->ino()}; }

 private:
  bool opened_ = false;
};

}  // namespace wb
