// This file defines WasmHostFs, host directories of the web build: each
// operation is an import of imports.h served by the JS host (node:fs).
#pragma once

#include "vfs/host_fs.h"

namespace wb {

class WasmHostFs final : public HostFs {
 public:
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
};

}  // namespace wb
