// This file defines poll_oneoff. Subscriptions are read and answered in
// bounded chunks, so their number never sizes a kernel allocation.
#include "abi/wasi/wasi.h"
#include "host.h"

namespace wb::wasi {
namespace {

using namespace layout;

struct PollState {
  uint64_t mono_now;
  uint64_t real_now;
  uint64_t start;
  WaitSpec wait;
  uint32_t nevents = 0;
};

struct Event {
  uint64_t userdata;
  EventType type;
  uint64_t nbytes = 0;
  bool hangup = false;
};

Errno write_event(Call& c, P out, PollState& s, const Event& ev) {
  Record<kEventSize> r;
  r.u64(kEventUserdata, ev.userdata);
  r.u16(kEventError, 0);
  r.u8(kEventType, uint8_t(ev.type));
  r.u64(kEventNbytes, ev.nbytes);
  r.u16(kEventFlags, ev.hangup ? kEventFdReadwriteHangup : 0);
  WB_TRY(c.mem.write(P{out.addr + s.nevents * kEventSize}, r));
  s.nevents++;
  return Errno::Success;
}

void wake_by(PollState& s, uint64_t deadline) {
  if (!s.wait.deadline || deadline < *s.wait.deadline) s.wait.deadline = deadline;
}

// A clock subscription: fires, or adds its deadline to what the call waits for.
Result<bool> clock_due(PollState& s, const uint8_t* sub) {
  const auto id = ClockId(load_le(sub + kSubClockId, 4));
  const uint64_t timeout = load_le(sub + kSubClockTimeout, 8);
  const auto flags = uint16_t(load_le(sub + kSubClockFlags, 2));
  if (flags & ~kSubclockAbstime) return Errno::Inval;
  if (id != ClockId::Realtime && id != ClockId::Monotonic) return Errno::Inval;
  uint64_t remaining;
  if (flags & kSubclockAbstime) {
    const uint64_t now = id == ClockId::Realtime ? s.real_now : s.mono_now;
    remaining = timeout > now ? timeout - now : 0;
  } else {
    const uint64_t elapsed = s.mono_now - s.start;
    remaining = timeout > elapsed ? timeout - elapsed : 0;
  }
  if (remaining == 0) return true;
  wake_by(s, s.mono_now + remaining);
  return false;
}

// An fd subscription: EBADF (for the whole call, as wasmtime) unless the
// descriptor can ever be ready for that direction.
Result<Readiness> fd_ready(Call& c, uint32_t fd, bool read) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  OpenFile& of = *e->file;
  if (of.inode->is_dir()) return Errno::Badf;
  if (!of.inode->seekable() && !(read ? of.readable() : of.writable())) return Errno::Badf;
  return read ? of.inode->poll_read(of) : of.inode->poll_write(of);
}

BlockingStatus poll_once(Call& c, P in, P out, u32 nsubs, P nevents) {
  WB_TRY(c.mem.check_range(in, uint64_t(nsubs) * kSubscriptionSize));
  WB_TRY(c.mem.check_range(out, uint64_t(nsubs) * kEventSize));
  WB_TRY(c.mem.check_range(nevents, 4));

  Host& host = c.kernel.host();
  PendingPoll& pending = c.proc.pending_poll;
  PollState s{host.monotonic_ns(), host.realtime_ns(), 0, {}};
  if (!pending.active || pending.subscriptions != in.addr || pending.count != nsubs)
    pending = {in.addr, nsubs, s.mono_now, true};
  s.start = pending.start_ns;

  constexpr uint32_t kChunk = 64;
  uint8_t raw[kChunk * kSubscriptionSize];
  for (uint32_t first = 0; first < nsubs; first += kChunk) {
    const uint32_t n = std::min(kChunk, nsubs - first);
    WB_TRY(c.mem.read(raw, P{in.addr + first * kSubscriptionSize}, n * kSubscriptionSize));
    for (uint32_t i = 0; i < n; ++i) {
      const uint8_t* sub = raw + i * kSubscriptionSize;
      const uint64_t userdata = load_le(sub + kSubUserdata, 8);
      const auto type = EventType(sub[kSubTag]);
      if (type == EventType::Clock) {
        WB_ASSIGN(bool due, clock_due(s, sub));
        if (due) WB_TRY(write_event(c, out, s, {userdata, type}));
        continue;
      }
      if (type != EventType::FdRead && type != EventType::FdWrite) return Errno::Inval;
      const auto fd = uint32_t(load_le(sub + kSubFd, 4));
      WB_ASSIGN(Readiness r, fd_ready(c, fd, type == EventType::FdRead));
      if (r.ready) {
        WB_TRY(write_event(c, out, s, {userdata, type, r.nbytes, r.hangup}));
      } else if (r.host_input) {
        s.wait.host_inputs |= 1u << *r.host_input;
      }
    }
  }
  if (s.nevents == 0) {
    c.proc.wait = s.wait;
    return kWouldBlock;
  }
  return c.mem.write_u32(nevents, s.nevents);
}

}  // namespace

BlockingStatus poll_oneoff(Call& c, P in, P out, u32 nsubs, P nevents) {
  if (nsubs == 0) return Errno::Inval;
  BlockingStatus r = poll_once(c, in, out, nsubs, nevents);
  // Only a call that will be re-issued keeps its start time.
  if (!r.would_block()) c.proc.pending_poll.active = false;
  return r;
}

}  // namespace wb::wasi
