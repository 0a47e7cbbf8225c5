// This file defines the scatter/gather data path between guest iovecs and
// open files: one copy straight between the guest and a file kept in
// kernel memory, bounded chunks through the kernel's scratch buffer for
// the others.
#include "ops/io.h"

#include <algorithm>

#include "ops/file.h"

namespace wb::ops {
namespace {

constexpr uint32_t kChunk = 64 * 1024;

// Loads and validates the iovecs: every buffer must lie in guest memory
// before any byte moves, so stream input is never consumed and then lost.
Result<std::vector<Iovec>*> load(Call& c, GuestPtr iovs, uint32_t iovs_len) {
  auto& v = c.kernel.scratch().iovecs;
  WB_TRY(c.mem.read_iovecs(iovs, iovs_len, v));
  for (const Iovec& io : v) WB_TRY(c.mem.check_range(GuestPtr{io.buf}, io.len));
  return &v;
}

// As Linux's rw_verify_area: a transfer on a file must end at an offset
// it can express (EINVAL, not a wrapped offset).
Status check_end(const OpenFile& of, uint64_t offset, const std::vector<Iovec>& v) {
  if (!of.inode->seekable()) return Errno::Success;
  uint64_t total = 0;
  for (const Iovec& io : v) total += io.len;  // at most 2^32 * 2^32: no wrap
  if (offset > kMaxOffset || total > kMaxOffset - offset) return Errno::Inval;
  return Errno::Success;
}

void record_wait(Call& c, OpenFile& of) {
  const Readiness r = of.inode->poll_read(of);
  c.proc.wait.clear();
  if (r.host_input) c.proc.wait.host_inputs = 1u << *r.host_input;
  c.proc.wait.deadline = r.deadline;
}

// One iovec's worth of reading: straight from the file's bytes into the
// guest when they live in kernel memory, else in chunks through the
// kernel's scratch buffer. Bytes read, fewer at the end or when no more is
// there now.
Blocking<uint64_t> read_into(Call& c, OpenFile& of, uint64_t offset, const Iovec& io) {
  if (auto bytes = of.inode->bytes_to_read(offset, io.len)) {
    WB_TRY(c.mem.write(GuestPtr{io.buf}, bytes->data(), uint32_t(bytes->size())));
    return bytes->size();
  }
  auto& buf = c.kernel.scratch().io;
  for (uint32_t done = 0; done < io.len;) {
    const uint32_t want = std::min(io.len - done, kChunk);
    buf.resize(std::max<size_t>(buf.size(), want));
    auto got = of.inode->read(of, offset + done, {buf.data(), want});
    if (!got.ok()) {
      if (done > 0) return done;
      return got.error();
    }
    WB_TRY(c.mem.write(GuestPtr{io.buf + done}, buf.data(), uint32_t(*got)));
    done += uint32_t(*got);
    if (*got < want) return done;
  }
  return io.len;
}

// One iovec's worth of writing, likewise.
Blocking<uint64_t> write_from(Call& c, OpenFile& of, uint64_t offset, const Iovec& io) {
  auto room = of.inode->room_to_write(offset, io.len);
  if (room.ok()) {
    WB_TRY(c.mem.read(room->data(), GuestPtr{io.buf}, io.len));
    return io.len;
  }
  if (room.error() != Errno::NotSup) return room.error();
  auto& buf = c.kernel.scratch().io;
  for (uint32_t done = 0; done < io.len;) {
    const uint32_t want = std::min(io.len - done, kChunk);
    buf.resize(std::max<size_t>(buf.size(), want));
    WB_TRY(c.mem.read(buf.data(), GuestPtr{io.buf + done}, want));
    auto put = of.inode->write(of, offset + done, {buf.data(), want});
    if (!put.ok()) {
      if (done > 0) return done;
      return put.error();
    }
    done += uint32_t(*put);
    if (*put < want) return done;
  }
  return io.len;
}

// Moves the iovecs' bytes one iovec at a time with `one(offset, iovec)`,
// which answers how many it moved: the total, which ends at the first
// short transfer; an error or "would block" only when nothing moved.
template <class One>
Blocking<uint64_t> transfer(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                            uint64_t offset, One one) {
  WB_ASSIGN(std::vector<Iovec> * v, load(c, iovs, iovs_len));
  WB_TRY(check_end(of, offset, *v));
  uint64_t total = 0;
  for (const Iovec& io : *v) {
    Blocking<uint64_t> moved = one(offset + total, io);
    if (!moved.ok()) return total > 0 ? Blocking<uint64_t>(total) : moved;
    total += *moved;
    if (*moved < io.len) break;  // short: EOF, or no more now
  }
  return total;
}

}  // namespace

Blocking<uint64_t> read_iovecs(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                               uint64_t offset) {
  auto r = transfer(c, of, iovs, iovs_len, offset,
                    [&](uint64_t at, const Iovec& io) { return read_into(c, of, at, io); });
  if (r.would_block()) record_wait(c, of);
  return r;
}

Blocking<uint64_t> write_iovecs(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                                uint64_t offset) {
  auto r = transfer(c, of, iovs, iovs_len, offset,
                    [&](uint64_t at, const Iovec& io) { return write_from(c, of, at, io); });
  // A full pipe: only its reader, another process, can make room.
  if (r.would_block()) c.proc.wait.clear();
  return r;
}

Blocking<uint64_t> read(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                        std::optional<uint64_t> at) {
  const bool seekable = of.inode->seekable();
  if (at) {
    if (!seekable) return Errno::Spipe;
    if (*at > kMaxOffset) return Errno::Inval;
    return read_iovecs(c, of, iovs, iovs_len, *at);
  }
  WB_ASSIGN(uint64_t n, read_iovecs(c, of, iovs, iovs_len, of.offset));
  if (seekable) of.offset += n;
  return n;
}

namespace {

// A write to a pipe no one reads: SIGPIPE (for a Linux-ABI program), then
// EPIPE unless the signal ended the writer, which then never sees the call
// return (the runtime unwinds a process that ended while it waited).
Blocking<uint64_t> broken_pipe(Call& c) {
  if (!c.proc.linux_signals) return Errno::Pipe;
  (void)c.kernel.kill(c.proc.pid(), sig::PIPE);
  if (c.proc.has_ended()) return kWouldBlock;
  return Errno::Pipe;
}

}  // namespace

Blocking<uint64_t> write(Call& c, OpenFile& of, GuestPtr iovs, uint32_t iovs_len,
                         std::optional<uint64_t> at) {
  const bool seekable = of.inode->seekable();
  if (at && !seekable) return Errno::Spipe;
  if (at && *at > kMaxOffset) return Errno::Inval;
  uint64_t offset = at.value_or(of.offset);
  if (seekable && (of.fdflags & fdflag::Append)) {
    WB_ASSIGN(offset, file_size(of));
  }
  Blocking<uint64_t> written = write_iovecs(c, of, iovs, iovs_len, offset);
  if (!written.ok() && !written.would_block() && written.error().error() == Errno::Pipe)
    return broken_pipe(c);
  WB_ASSIGN(uint64_t n, std::move(written));
  if (seekable && !at) of.offset = offset + n;
  return n;
}

}  // namespace wb::ops
