// This file defines read_tar: the entries of a tar archive, for the
// images unpacked into the box's tree (tar_unpack.h) and those mounted in
// place (tar_fs.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "base/result.h"

namespace wb {

// One entry: its path relative to the archive's root (no leading "/" or
// "./", never empty), what it is, and where its bytes are.
struct TarEntry {
  enum Kind { File, Dir, Symlink, HardLink, Other };
  Kind kind;
  std::string_view path;
  // A symlink's target, or (relative, as `path`) a hard link's.
  std::string_view link;
  // Its bytes, where the archive is in memory (TarBytes::in_memory).
  std::span<const uint8_t> data;
  std::optional<uint32_t> perm;
  std::optional<uint64_t> mtime_ns;
  uint64_t offset = 0;  // of its bytes in the archive
  uint64_t size = 0;
};

// Random access to an archive's bytes: in memory, or read where it is.
class TarBytes {
 public:
  virtual ~TarBytes() = default;
  // `len` bytes at `offset`, valid until the next call; EINVAL or EIO
  // when the archive has fewer.
  virtual Result<std::span<const uint8_t>> get(uint64_t offset, size_t len) = 0;
  // The whole archive, when it is in memory.
  virtual std::optional<std::span<const uint8_t>> in_memory() { return std::nullopt; }
};

// Calls `visit` for each entry of a POSIX ustar/pax (and GNU long-name)
// archive, in order; stops at the first error `visit` returns. A damaged
// archive is EINVAL, after the entries before the damage were visited.
Status read_tar(TarBytes& tar, const std::function<Status(const TarEntry&)>& visit);
Status read_tar(std::span<const uint8_t> tar, const std::function<Status(const TarEntry&)>& visit);

}  // namespace wb
