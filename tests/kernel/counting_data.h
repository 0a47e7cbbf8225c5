// CountingData: bytes read "from elsewhere" (a file, a URL) by an image
// or a lazily mounted archive, counting how many were read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "vfs/image_fs.h"

namespace wb::test {

class CountingData final : public ImageData {
 public:
  CountingData(std::vector<uint8_t> bytes, uint64_t* read)
      : bytes_(std::move(bytes)), read_(read) {}
  Result<size_t> read_some(uint64_t offset, std::span<uint8_t> out) override {
    if (offset > bytes_.size()) return Errno::Io;
    const size_t n = std::min<uint64_t>(out.size(), bytes_.size() - offset);
    std::copy_n(bytes_.begin() + long(offset), n, out.begin());
    *read_ += n;
    return n;
  }

 private:
  std::vector<uint8_t> bytes_;
  uint64_t* read_;
};

}  // namespace wb::test
