// This file defines PosixHostFs, host directories of native builds
// (tests, fuzzing) over POSIX calls.
#pragma once

#include <string>
#include <vector>

#include "vfs/host_fs.h"

namespace wb {

class PosixHostFs final : public HostFs {
 public:
  // Registers a host directory; returns its mount number.
  uint32_t add_mount(std::string root) {
    roots_.push_back(std::move(root));
    return uint32_t(roots_.size() - 1);
  }

  Result<HostStat> lstat(uint32_t mount, std::string_view path) override;
  Result<int32_t> open(uint32_t mount, std::string_view path, uint32_t flags) override;
  void close(int32_t handle) override;
  Result<size_t> pread(int32_t handle, std::span<uint8_t> out, uint64_t offset) override;
  Result<size_t> pwrite(int32_t handle, std::span<const uint8_t> in, uint64_t offset) override;
  Result<HostStat> fstat(int32_t handle) override;
  Status ftruncate(int32_t handle, uint64_t size) override;
  Status fsync(int32_t handle) override;
  Status utimes(uint32_t mount, std::string_view path, std::optional<uint64_t> atim,
                std::optional<uint64_t> mtim) override;
  Status mkdir(uint32_t mount, std::string_view path) override;
  Status rmdir(uint32_t mount, std::string_view path) override;
  Status unlink(uint32_t mount, std::string_view path) override;
  Status rename(uint32_t mount, std::string_view from, std::string_view to) override;
  Status link(uint32_t mount, std::string_view from, std::string_view to) override;
  Status symlink(uint32_t mount, std::string_view target, std::string_view path) override;
  Result<std::string> readlink(uint32_t mount, std::string_view path) override;
  Result<std::vector<HostDirent>> readdir(uint32_t mount, std::string_view path) override;

  // Times are set rounded down to this many ns, as a host that keeps
  // coarser times than the guest asks for (node:fs: about 1 µs).
  uint64_t time_granularity_ns = 1;

 private:
  std::string full(uint32_t mount, std::string_view path) const;
  std::vector<std::string> roots_;
};

}  // namespace wb
