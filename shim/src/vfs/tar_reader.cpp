// This file defines read_tar: the entries of a tar archive (ustar, pax and
// GNU long names), as unpacking and mounting images read them.
#include "vfs/tar_reader.h"

#include <optional>
#include <string>

namespace wb {
namespace {

constexpr size_t kBlock = 512;
// A pax header or GNU long name larger than this is damage.
constexpr uint64_t kMaxMetaSize = 1 << 20;

// Header fields: offset and width.
struct Field {
  size_t at, width;
};
constexpr Field kName{0, 100}, kMode{100, 8}, kMtime{136, 12}, kChecksum{148, 8},
    kLinkName{157, 100}, kMagic{257, 6}, kPrefix{345, 155}, kSize{124, 12};
constexpr size_t kType = 156;

std::string_view text(const uint8_t* h, Field f) {
  const auto* p = reinterpret_cast<const char*>(h + f.at);
  size_t n = 0;
  while (n < f.width && p[n] != '\0') ++n;
  return {p, n};
}

// An octal number (or GNU's base-256 form, high bit set), as tar writes
// sizes and times.
std::optional<uint64_t> number(const uint8_t* h, Field f) {
  const uint8_t* p = h + f.at;
  uint64_t v = 0;
  if (p[0] & 0x80) {
    for (size_t i = 1; i < f.width; ++i) v = (v << 8) | p[i];
    return v;
  }
  size_t i = 0;
  while (i < f.width && p[i] == ' ') ++i;
  for (; i < f.width && p[i] >= '0' && p[i] <= '7'; ++i) {
    if (v >> 60) return std::nullopt;
    v = v * 8 + (p[i] - '0');
  }
  if (i < f.width && p[i] != ' ' && p[i] != '\0') return std::nullopt;
  return v;
}

bool valid_checksum(const uint8_t* h) {
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i)
    sum += (i >= kChecksum.at && i < kChecksum.at + kChecksum.width) ? ' ' : h[i];
  const auto want = number(h, kChecksum);
  return want && *want == sum;
}

bool all_zero(const uint8_t* h) {
  for (size_t i = 0; i < kBlock; ++i)
    if (h[i] != 0) return false;
  return true;
}

// What pax extended headers and GNU long-name entries say of the next entry.
struct Pending {
  std::optional<std::string> path, link;
  std::optional<uint64_t> size, mtime_ns;
};

// pax records: "<length> <key>=<value>\n".
bool read_pax(std::string_view data, Pending& next) {
  while (!data.empty()) {
    const size_t space = data.find(' ');
    if (space == std::string_view::npos) return false;
    size_t len = 0;
    for (char c : data.substr(0, space)) {
      if (c < '0' || c > '9' || len > data.size()) return false;
      len = len * 10 + size_t(c - '0');
    }
    if (len <= space + 1 || len > data.size() || data[len - 1] != '\n') return false;
    const std::string_view record = data.substr(space + 1, len - space - 2);
    data.remove_prefix(len);
    const size_t eq = record.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view key = record.substr(0, eq), value = record.substr(eq + 1);
    if (key == "path") next.path = std::string(value);
    if (key == "linkpath") next.link = std::string(value);
    if (key == "size" || key == "mtime") {
      uint64_t v = 0;
      size_t i = 0;
      for (; i < value.size() && value[i] >= '0' && value[i] <= '9' && !(v >> 59); ++i)
        v = v * 10 + uint64_t(value[i] - '0');
      if (key == "size")
        next.size = v;
      else
        next.mtime_ns = v * 1'000'000'000;  // whole seconds; a fraction is dropped
    }
  }
  return true;
}

// A name relative to the image's root: no leading "/" or "./".
std::string_view relative(std::string_view name) {
  for (;;) {
    if (name.starts_with('/'))
      name.remove_prefix(1);
    else if (name.starts_with("./"))
      name.remove_prefix(2);
    else
      break;
  }
  while (name.ends_with('/')) name.remove_suffix(1);
  return name == "." ? std::string_view{} : name;
}

}  // namespace

Status read_tar(TarBytes& tar, const std::function<Status(const TarEntry&)>& visit) {
  const auto whole = tar.in_memory();
  Pending next;
  for (uint64_t at = 0;;) {
    // In memory, an archive may end after an entry without (all of) its
    // end mark, but not inside a header.
    if (whole && at + kBlock > whole->size()) {
      for (; at < whole->size(); ++at)
        if ((*whole)[at] != 0) return Errno::Inval;
      return Errno::Success;
    }
    auto header = tar.get(at, kBlock);
    if (!header.ok()) return Errno::Inval;
    const uint8_t* h = header->data();
    if (all_zero(h)) return Errno::Success;
    if (!valid_checksum(h)) return Errno::Inval;
    const auto header_size = number(h, kSize);
    if (!header_size) return Errno::Inval;
    const uint64_t size = next.size.value_or(*header_size);
    const uint64_t data_at = at + kBlock;
    if (whole && size > whole->size() - data_at) return Errno::Inval;
    if (size > (UINT64_MAX - data_at) / 2) return Errno::Inval;
    at = data_at + (size + kBlock - 1) / kBlock * kBlock;
    const uint8_t type = h[kType];
    // Copied out of the header: reading what follows may reuse its bytes.
    std::string name(text(h, kName));
    if (text(h, kMagic) == "ustar" && !text(h, kPrefix).empty())
      name = std::string(text(h, kPrefix)) + "/" + name;
    const std::string header_link(text(h, kLinkName));
    const auto mode = number(h, kMode);
    const auto mtime_s = number(h, kMtime);
    if (type == 'x' || type == 'L' || type == 'K') {
      if (size > kMaxMetaSize) return Errno::Inval;
      auto meta = tar.get(data_at, size_t(size));
      if (!meta.ok()) return Errno::Inval;
      const std::string_view body(reinterpret_cast<const char*>(meta->data()), meta->size());
      if (type == 'x' && !read_pax(body, next)) return Errno::Inval;
      if (type != 'x')
        (type == 'L' ? next.path : next.link) = std::string(body.substr(0, body.find('\0')));
      continue;
    }
    if (type == 'g') continue;  // global pax settings: nothing the box keeps

    const std::string full = next.path.value_or(name);
    const std::string link = next.link.value_or(header_link);
    std::optional<uint64_t> mtime = next.mtime_ns;
    if (!mtime && mtime_s) mtime = *mtime_s * 1'000'000'000;
    next = Pending{};
    const std::string_view path = relative(full);
    if (path.empty()) continue;
    TarEntry entry{TarEntry::Other, path, link, {}, std::nullopt, mtime, data_at, size};
    if (whole) entry.data = whole->subspan(size_t(data_at), size_t(size));
    switch (type) {
      case '0':
      case '\0':
      case '7':
        entry.kind = TarEntry::File;
        break;
      case '5':
        entry.kind = TarEntry::Dir;
        break;
      case '2':
        entry.kind = TarEntry::Symlink;
        break;
      case '1':
        entry.kind = TarEntry::HardLink;
        entry.link = relative(link);
        break;
      default:
        break;
    }
    if (mode) entry.perm = uint32_t(*mode & 07777);
    WB_TRY(visit(entry));
  }
}

namespace {

class MemoryTar final : public TarBytes {
 public:
  explicit MemoryTar(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  Result<std::span<const uint8_t>> get(uint64_t offset, size_t len) override {
    if (offset > bytes_.size() || len > bytes_.size() - offset) return Errno::Inval;
    return bytes_.subspan(size_t(offset), len);
  }
  std::optional<std::span<const uint8_t>> in_memory() override { return bytes_; }

 private:
  std::span<const uint8_t> bytes_;
};

}  // namespace

Status read_tar(std::span<const uint8_t> tar, const std::function<Status(const TarEntry&)>& visit) {
  MemoryTar bytes(tar);
  return read_tar(bytes, visit);
}

}  // namespace wb
