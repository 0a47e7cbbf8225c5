// This file defines reading and writing a persistent store's commits.
#include "vfs/store_format.h"

#include <cstring>
#include <optional>
#include <unordered_set>

#include "base/crc32.h"
#include "base/le_bytes.h"

namespace wb {
namespace {

constexpr uint32_t kMagic = 0x31534257;  // "WBS1"
constexpr uint32_t kSnapshot = 1;
constexpr uint32_t kNoPerm = ~0u;
constexpr uint8_t kFile = 1, kDir = 2, kSymlink = 3;

struct Header {
  uint32_t flags;
  uint64_t generation, sequence, size;
  uint32_t body_crc;
};

std::optional<Header> read_header(std::span<const uint8_t> b) {
  if (b.size() < kCommitHeaderSize) return std::nullopt;
  LeReader r(b.first(kCommitHeaderSize));
  if (r.num<uint32_t>() != kMagic) return std::nullopt;
  Header h{r.num<uint32_t>(), r.num<uint64_t>(), r.num<uint64_t>(), r.num<uint64_t>(),
           r.num<uint32_t>()};
  if (r.num<uint32_t>() != crc32(b.first(kCommitHeaderSize - 4))) return std::nullopt;
  return h;
}

// One record, read; applied only once the whole commit has read well.
struct Record {
  uint8_t kind = 0;
  uint64_t ino = 0;
  NodeMeta meta;
  uint64_t size = 0, offset = 0;
  std::span<const uint8_t> bytes;  // a file's new bytes, a symlink's target
  std::vector<std::pair<std::string, uint64_t>> entries;
};

std::optional<Record> read_record(LeReader& r) {
  Record rec;
  rec.kind = r.num<uint8_t>();
  rec.ino = r.num<uint64_t>();
  const uint32_t perm = r.num<uint32_t>();
  if (perm != kNoPerm) rec.meta.perm = perm & 07777;
  rec.meta.atim = r.num<uint64_t>();
  rec.meta.mtim = r.num<uint64_t>();
  rec.meta.ctim = r.num<uint64_t>();
  switch (rec.kind) {
    case kFile: {
      rec.size = r.num<uint64_t>();
      rec.offset = r.num<uint64_t>();
      const uint64_t count = r.num<uint64_t>();
      if (rec.offset > rec.size || count > rec.size - rec.offset) return std::nullopt;
      rec.bytes = r.bytes(count);
      break;
    }
    case kDir: {
      const uint32_t n = r.num<uint32_t>();
      for (uint32_t i = 0; i < n && r.ok(); ++i) {
        const uint64_t ino = r.num<uint64_t>();
        const auto name = r.bytes(r.num<uint16_t>());
        rec.entries.emplace_back(std::string(name.begin(), name.end()), ino);
      }
      break;
    }
    case kSymlink:
      rec.bytes = r.bytes(r.num<uint32_t>());
      break;
    default:
      return std::nullopt;
  }
  if (!r.ok()) return std::nullopt;
  return rec;
}

// The data of `c` once `rec` applies, in bytes.
uint64_t data_after(const StoreContents& c, uint64_t total, const Record& rec) {
  if (rec.kind != kFile) return total;
  auto it = c.nodes.find(rec.ino);
  const uint64_t old = it == c.nodes.end() ? 0 : it->second.data.size();
  return total - old + rec.size;
}

void apply(StoreContents& c, Record& rec) {
  StoreNode& n = c.nodes[rec.ino];
  const FileType type = rec.kind == kFile  ? FileType::RegularFile
                        : rec.kind == kDir ? FileType::Directory
                                           : FileType::SymbolicLink;
  if (n.type != type) {
    n = StoreNode();
    n.type = type;
  }
  n.meta = rec.meta;
  switch (rec.kind) {
    case kFile:
      n.data.resize(rec.size);
      if (!rec.bytes.empty())
        std::memcpy(n.data.data() + rec.offset, rec.bytes.data(), rec.bytes.size());
      break;
    case kDir:
      n.entries = std::move(rec.entries);
      break;
    default:
      n.target.assign(rec.bytes.begin(), rec.bytes.end());
  }
}

}  // namespace

StoreContents read_store(std::span<const uint8_t> bytes, uint64_t capacity) {
  StoreContents c;
  uint64_t at = 0;
  uint64_t data = 0;  // bytes of file data so far
  for (;;) {
    const auto h = read_header(bytes.subspan(at));
    if (!h) break;
    const bool first = at == 0;
    if (first ? !(h->flags & kSnapshot) || h->sequence != 0
              : h->generation != c.generation || h->sequence != c.sequence + 1)
      break;
    if (h->size > bytes.size() - at - kCommitHeaderSize) break;
    const auto body = bytes.subspan(at + kCommitHeaderSize, h->size);
    if (crc32(body) != h->body_crc) break;
    LeReader r(body);
    std::vector<Record> records;
    bool good = true;
    while (good && r.left() > 0) {
      auto rec = read_record(r);
      if (rec) records.push_back(std::move(*rec));
      good = rec.has_value();
    }
    if (!good) break;
    // Sizes are checked before any is allocated: a commit may ask for
    // more. (The writer records an inode once a commit: twice is damage.)
    uint64_t after = data;
    std::unordered_set<uint64_t> seen;
    for (const Record& rec : records) {
      if (!seen.insert(rec.ino).second) return c;
      after = data_after(c, after, rec);
      if (after > capacity) {
        c.too_big = true;
        return c;
      }
    }
    for (Record& rec : records) apply(c, rec);
    data = after;
    c.generation = h->generation;
    c.sequence = h->sequence;
    at += kCommitHeaderSize + h->size;
    c.length = at;
  }
  return c;
}

CommitWriter::CommitWriter(uint64_t generation, uint64_t sequence, bool snapshot) {
  u32(kMagic);
  u32(snapshot ? kSnapshot : 0);
  u64(generation);
  u64(sequence);
  out_.resize(kCommitHeaderSize);  // size and CRCs come at finish()
}

void CommitWriter::put(uint64_t v, size_t n) { LeWriter(out_).num(v, n); }

void CommitWriter::head(FileType kind, uint64_t ino, const NodeMeta& meta) {
  u8(kind == FileType::RegularFile ? kFile : kind == FileType::Directory ? kDir : kSymlink);
  u64(ino);
  u32(meta.perm ? *meta.perm : kNoPerm);
  u64(meta.atim);
  u64(meta.mtim);
  u64(meta.ctim);
}

void CommitWriter::file(uint64_t ino, const NodeMeta& meta, uint64_t size, uint64_t offset,
                        std::span<const uint8_t> b) {
  head(FileType::RegularFile, ino, meta);
  u64(size);
  u64(offset);
  u64(b.size());
  bytes(b);
}

void CommitWriter::dir(uint64_t ino, const NodeMeta& meta,
                       std::span<const std::pair<std::string_view, uint64_t>> entries) {
  head(FileType::Directory, ino, meta);
  u32(uint32_t(entries.size()));
  for (const auto& [name, child] : entries) {
    u64(child);
    u16(uint16_t(name.size()));
    bytes({reinterpret_cast<const uint8_t*>(name.data()), name.size()});
  }
}

void CommitWriter::symlink(uint64_t ino, const NodeMeta& meta, std::string_view target) {
  head(FileType::SymbolicLink, ino, meta);
  u32(uint32_t(target.size()));
  bytes({reinterpret_cast<const uint8_t*>(target.data()), target.size()});
}

std::vector<uint8_t> CommitWriter::finish() && {
  uint8_t* h = out_.data();
  const uint64_t size = out_.size() - kCommitHeaderSize;
  put_le(h + 24, size, 8);
  put_le(h + 32, crc32(std::span<const uint8_t>(out_).subspan(kCommitHeaderSize)), 4);
  put_le(h + 36, crc32({h, kCommitHeaderSize - 4}), 4);
  return std::move(out_);
}

}  // namespace wb
