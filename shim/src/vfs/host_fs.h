// This file defines HostFs, what a host offers to mount its directories
// (node:fs in Node, POSIX natively), and make_host_root(), which makes one
// host directory a box directory. Paths given to HostFs are relative to a
// mount's root, "" for the root itself, with no "." or ".." and never
// through a symlink: the kernel resolves each component itself, so
// confinement never depends on the host.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vfs/inode.h"

namespace wb {

struct HostStat {
  FileType type = FileType::Unknown;
  uint64_t ino = 0;
  uint64_t nlink = 1;
  uint64_t size = 0;
  uint64_t atim = 0;
  uint64_t mtim = 0;
  uint64_t ctim = 0;
  // Permission bits (07777), where the host reports them.
  std::optional<uint32_t> perm;
};

struct HostDirent {
  std::string name;
  FileType type;
  uint64_t ino;
};

namespace host_open {
inline constexpr uint32_t Read = 1;
inline constexpr uint32_t Write = 2;
inline constexpr uint32_t Create = 4;
inline constexpr uint32_t Exclusive = 8;
inline constexpr uint32_t Truncate = 16;
}  // namespace host_open

class HostFs {
 public:
  virtual ~HostFs() = default;
  virtual Result<HostStat> lstat(uint32_t mount, std::string_view path) = 0;
  // Opens a non-directory without following a final symlink: a handle.
  virtual Result<int32_t> open(uint32_t mount, std::string_view path, uint32_t flags) = 0;
  virtual void close(int32_t handle) = 0;
  virtual Result<size_t> pread(int32_t handle, std::span<uint8_t> out, uint64_t offset) = 0;
  virtual Result<size_t> pwrite(int32_t handle, std::span<const uint8_t> in, uint64_t offset) = 0;
  virtual Result<HostStat> fstat(int32_t handle) = 0;
  virtual Status ftruncate(int32_t handle, uint64_t size) = 0;
  virtual Status fsync(int32_t handle) = 0;
  // Sets times of `path` itself (not a symlink's target); nullopt keeps one.
  virtual Status utimes(uint32_t mount, std::string_view path, std::optional<uint64_t> atim,
                        std::optional<uint64_t> mtim) = 0;
  virtual Status mkdir(uint32_t mount, std::string_view path) = 0;
  virtual Status rmdir(uint32_t mount, std::string_view path) = 0;
  virtual Status unlink(uint32_t mount, std::string_view path) = 0;
  virtual Status rename(uint32_t mount, std::string_view from, std::string_view to) = 0;
  virtual Status link(uint32_t mount, std::string_view from, std::string_view to) = 0;
  virtual Status symlink(uint32_t mount, std::string_view target, std::string_view path) = 0;
  virtual Result<std::string> readlink(uint32_t mount, std::string_view path) = 0;
  // The entries of a directory, without "." and "..".
  virtual Result<std::vector<HostDirent>> readdir(uint32_t mount, std::string_view path) = 0;
};

// The root directory of host mount `mount` (the host has registered it),
// with device id `dev`. ENOTDIR/ENOENT if the host root is not a directory.
Result<std::shared_ptr<Directory>> make_host_root(HostFs& fs, uint32_t mount, uint64_t dev);

}  // namespace wb
