// This file defines the default answers of Inode operations.
#include "vfs/inode.h"

namespace wb {

Status Inode::set_times(OpenFile*, const TimeChange&) { return Errno::NotSup; }

Status Inode::set_perm(uint32_t) { return Errno::Success; }

Status Inode::set_size(OpenFile*, uint64_t) { return is_dir() ? Errno::IsDir : Errno::Inval; }

Status Inode::open(OpenFile&) { return Errno::Success; }
void Inode::close(OpenFile&) {}

Blocking<size_t> Inode::read(OpenFile&, uint64_t, std::span<uint8_t>) {
  return is_dir() ? Errno::IsDir : Errno::Inval;
}

Blocking<size_t> Inode::write(OpenFile&, uint64_t, std::span<const uint8_t>) {
  return is_dir() ? Errno::IsDir : Errno::Inval;
}

Status Inode::sync(OpenFile&) { return Errno::Success; }

std::optional<std::span<const uint8_t>> Inode::bytes_to_read(uint64_t, size_t) {
  return std::nullopt;
}
Result<std::span<uint8_t>> Inode::room_to_write(uint64_t, size_t) { return Errno::NotSup; }

Readiness Inode::poll_read(OpenFile&) { return {}; }
Readiness Inode::poll_write(OpenFile&) { return {}; }

}  // namespace wb
