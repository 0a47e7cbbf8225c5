// This file defines crc32(), the CRC-32 of zlib and PNG (IEEE 802.3), with
// which a persistent store checks its commits.
#pragma once

#include <cstdint>
#include <span>

namespace wb {

// The CRC-32 of `bytes`, continuing from `crc` (0 to start).
uint32_t crc32(std::span<const uint8_t> bytes, uint32_t crc = 0);

}  // namespace wb
