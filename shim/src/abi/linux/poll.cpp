// This file defines poll and select for the Linux-style ABI: their records
// decoded and encoded over the poll engine (ops/poll.h), which answers
// "would block" with what would wake them while nothing is ready.
#include "ops/poll.h"

#include "abi/linux/layout.h"
#include "abi/linux/linux.h"
#include "fd/open_file.h"

namespace wb::sys {
namespace {

using namespace layout;

struct Ready {
  bool in = false;
  bool out = false;
  bool hup = false;
  bool err = false;
};

// What a descriptor is ready for, by the poll engine.
Ready ready_of(ops::Poll& poll, OpenFile& of, bool want_in, bool want_out) {
  // Files and directories are ready both ways, whatever the access mode,
  // as on Linux.
  if (of.inode->seekable() || of.inode->is_dir()) return Ready{true, true, false, false};
  Ready r;
  if (want_in || !want_out) {
    const Readiness rd = poll.read(of);
    r.in = rd.ready && of.readable();
    r.hup = rd.hangup;
  }
  if (want_out) {
    const Readiness wr = poll.write(of);
    r.out = wr.ready && of.writable();
    r.err = wr.hangup;  // a pipe without readers
  }
  return r;
}

// Linux's poll timeout: milliseconds, negative for none.
std::optional<uint64_t> poll_timeout(i32 ms) {
  if (ms < 0) return std::nullopt;
  return uint64_t(ms) * 1000000;
}

bool expired(ops::Poll& poll, std::optional<uint64_t> timeout) {
  return timeout && poll.due(poll.started() + *timeout);
}

uint16_t revents_of(Call& c, ops::Poll& poll, int32_t fd, uint16_t events) {
  if (fd < 0) return 0;
  auto e = c.proc.fds().get(uint32_t(fd));
  if (!e.ok()) return kPollNval;
  const bool want_in = events & (kPollIn | kPollRdNorm | kPollPri);
  const bool want_out = events & (kPollOut | kPollWrNorm);
  const Ready r = ready_of(poll, *(*e)->file, want_in, want_out);
  uint16_t mask = 0;
  if (r.in) mask |= events & (kPollIn | kPollRdNorm);
  if (r.out) mask |= events & (kPollOut | kPollWrNorm);
  if (r.hup) mask |= kPollHup;
  if (r.err) mask |= kPollErr;
  return mask;
}

}  // namespace

SysBlocking poll(Call& c, P fds, u32 nfds, i32 timeout_ms) {
  if (nfds > c.proc.fds().limit()) return Errno::Inval;
  WB_TRY(c.mem.check_range(fds, uint64_t(nfds) * kPollfdSize));
  ops::Poll poll(c, fds.addr, nfds);
  int32_t count = 0;
  constexpr uint32_t kChunk = 64;
  uint8_t raw[kChunk * kPollfdSize];
  for (uint32_t first = 0; first < nfds; first += kChunk) {
    const uint32_t n = std::min(kChunk, nfds - first);
    const P at{fds.addr + first * kPollfdSize};
    WB_TRY(c.mem.read(raw, at, n * kPollfdSize));
    for (uint32_t i = 0; i < n; ++i) {
      uint8_t* pfd = raw + i * kPollfdSize;
      const auto fd = int32_t(load_le(pfd + kPollfdFd, 4));
      const auto events = uint16_t(load_le(pfd + kPollfdEvents, 2));
      const uint16_t revents = revents_of(c, poll, fd, events);
      pfd[kPollfdRevents] = uint8_t(revents);
      pfd[kPollfdRevents + 1] = uint8_t(revents >> 8);
      if (revents) ++count;
    }
    WB_TRY(c.mem.write(at, raw, n * kPollfdSize));
  }
  return poll.finish(count > 0 || expired(poll, poll_timeout(timeout_ms)), count);
}

SysBlocking newselect(Call& c, i32 nfds, P readfds, P writefds, P exceptfds, P timeout) {
  if (nfds < 0 || u32(nfds) > kFdSetSize) return Errno::Inval;
  std::optional<uint64_t> timeout_ns;
  if (timeout.addr) {
    uint8_t tv[kTimeSize];
    WB_TRY(c.mem.read(tv, timeout, kTimeSize));
    const auto sec = int32_t(load_le(tv, 4));
    const auto usec = int32_t(load_le(tv + 4, 4));
    if (sec < 0 || usec < 0 || usec >= 1000000) return Errno::Inval;
    timeout_ns = uint64_t(sec) * 1000000000 + uint64_t(usec) * 1000;
  }
  // The sets' words that hold descriptors below nfds.
  const uint32_t bytes = (u32(nfds) + 31) / 32 * 4;
  uint8_t in[kFdSetSize / 8] = {}, out[kFdSetSize / 8] = {}, ex[kFdSetSize / 8] = {};
  if (readfds.addr) WB_TRY(c.mem.read(in, readfds, bytes));
  if (writefds.addr) WB_TRY(c.mem.read(out, writefds, bytes));
  if (exceptfds.addr) WB_TRY(c.mem.read(ex, exceptfds, bytes));

  ops::Poll poll(c, readfds.addr ^ writefds.addr, u32(nfds));
  uint8_t in_ready[kFdSetSize / 8] = {}, out_ready[kFdSetSize / 8] = {};
  int32_t count = 0;
  for (int32_t fd = 0; fd < nfds; ++fd) {
    const uint8_t bit = uint8_t(1u << (fd % 8));
    const bool want_in = in[fd / 8] & bit, want_out = out[fd / 8] & bit;
    if (!want_in && !want_out && !(ex[fd / 8] & bit)) continue;
    WB_ASSIGN(FdEntry * e, c.proc.fds().get(uint32_t(fd)));
    const Ready r = ready_of(poll, *e->file, want_in, want_out);
    // Hangup and errors make a descriptor "ready": its read or write will
    // not block.
    if (want_in && (r.in || r.hup)) in_ready[fd / 8] |= bit, ++count;
    if (want_out && (r.out || r.err)) out_ready[fd / 8] |= bit, ++count;
  }
  const bool done = count > 0 || expired(poll, timeout_ns);
  if (done) {
    // No descriptor ever has an exceptional condition.
    const uint8_t none[kFdSetSize / 8] = {};
    if (readfds.addr) WB_TRY(c.mem.write(readfds, in_ready, bytes));
    if (writefds.addr) WB_TRY(c.mem.write(writefds, out_ready, bytes));
    if (exceptfds.addr) WB_TRY(c.mem.write(exceptfds, none, bytes));
  }
  return poll.finish(done, count);
}

}  // namespace wb::sys
