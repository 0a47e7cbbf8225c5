// This file defines the character devices.
#include "vfs/devices.h"

#include <algorithm>
#include <cstring>

#include "fd/open_file.h"
#include "host.h"
#include "tty/tty.h"

namespace wb {

Result<Stat> Device::stat(OpenFile*) {
  return Stat{dev(), ino(), type(), 1, 0, created_, created_, created_, {}};
}

Status Device::set_times(OpenFile*, const TimeChange&) { return Errno::Success; }

Blocking<size_t> NullDevice::read(OpenFile&, uint64_t, std::span<uint8_t>) { return size_t{0}; }
Blocking<size_t> NullDevice::write(OpenFile&, uint64_t, std::span<const uint8_t> in) {
  return in.size();
}

Blocking<size_t> ZeroDevice::read(OpenFile&, uint64_t, std::span<uint8_t> out) {
  std::memset(out.data(), 0, out.size());
  return out.size();
}
Blocking<size_t> ZeroDevice::write(OpenFile&, uint64_t, std::span<const uint8_t> in) {
  return in.size();
}

RandomDevice::RandomDevice(Host& host, uint64_t dev, uint64_t ino, uint64_t now)
    : Device(FileType::CharacterDevice, dev, ino, now), host_(host) {}

Blocking<size_t> RandomDevice::read(OpenFile&, uint64_t, std::span<uint8_t> out) {
  host_.random(out);
  return out.size();
}
Blocking<size_t> RandomDevice::write(OpenFile&, uint64_t, std::span<const uint8_t> in) {
  return in.size();
}

Result<Stat> HostStream::stat(OpenFile*) { return Stat{dev(), ino(), type(), 1, 0, 0, 0, 0, {}}; }

Status HostStream::set_times(OpenFile*, const TimeChange&) { return Errno::Badf; }

HostOutputStream::HostOutputStream(Host& host, uint32_t stream, uint64_t dev, uint64_t ino,
                                   uint64_t now)
    : HostStream(host.stream_isatty(stream) ? FileType::CharacterDevice : FileType::Unknown, dev,
                 ino, now),
      host_(host),
      stream_(stream) {}

Blocking<size_t> HostOutputStream::write(OpenFile&, uint64_t, std::span<const uint8_t> in) {
  if (Tty* t = tty()) return t->write(stream_, in);
  return host_.stream_write(stream_, in);
}
Blocking<size_t> HostOutputStream::read(OpenFile&, uint64_t, std::span<uint8_t>) {
  return Errno::Badf;
}

HostInputStream::HostInputStream(uint32_t stream, uint64_t dev, uint64_t ino, uint64_t now)
    : HostStream(FileType::Unknown, dev, ino, now), stream_(stream) {}

void HostInputStream::feed(std::span<const uint8_t> bytes) {
  if (pos_ == buffer_.size()) buffer_.clear(), pos_ = 0;
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

Blocking<size_t> HostInputStream::read(OpenFile& of, uint64_t, std::span<uint8_t> out) {
  const size_t avail = buffer_.size() - pos_;
  if (avail == 0) {
    if (eof_ || out.empty()) return size_t{0};
    return again_or_block(of.fdflags & fdflag::Nonblock);
  }
  const size_t n = std::min(avail, out.size());
  std::memcpy(out.data(), buffer_.data() + pos_, n);
  pos_ += n;
  return n;
}

Blocking<size_t> HostInputStream::write(OpenFile&, uint64_t, std::span<const uint8_t>) {
  return Errno::Badf;
}

Readiness HostInputStream::poll_read(OpenFile&) {
  const size_t avail = buffer_.size() - pos_;
  if (avail > 0 || eof_) return {true, avail, eof_ && avail == 0, {}, {}};
  return {false, 0, false, stream_, {}};
}

}  // namespace wb
