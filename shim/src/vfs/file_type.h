// This file defines FileType, what an inode is. The numbers are WASI
// preview1's filetype values (abi/wasi/layout.h checks they agree), so
// the WASI ABI passes them through unchanged.
#pragma once

#include <cstdint>

namespace wb {

enum class FileType : uint8_t {
  Unknown = 0,
  BlockDevice = 1,
  CharacterDevice = 2,
  Directory = 3,
  RegularFile = 4,
  SocketDgram = 5,
  SocketStream = 6,
  SymbolicLink = 7,
};

// Limits of names and paths (Linux's NAME_MAX and PATH_MAX).
inline constexpr uint32_t kMaxNameBytes = 255;
inline constexpr uint32_t kMaxPathBytes = 4096;

}  // namespace wb
