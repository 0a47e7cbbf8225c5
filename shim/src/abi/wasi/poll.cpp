// This file defines poll_oneoff over the poll engine (ops/poll.h).
// Subscriptions are read and answered in bounded chunks, so their number
// never sizes a kernel allocation.
#include "ops/poll.h"

#include "abi/wasi/wasi.h"
#include "host.h"

namespace wb::wasi {
namespace {

using namespace layout;

struct Event {
  uint64_t userdata;
  EventType type;
  uint64_t nbytes = 0;
  bool hangup = false;
};

// The events written so far.
struct Events {
  P out;
  uint32_t count = 0;
};

Errno write_event(Call& c, Events& events, const Event& ev) {
  Record<kEventSize> r;
  r.u64(kEventUserdata, ev.userdata);
  r.u16(kEventError, 0);
  r.u8(kEventType, uint8_t(ev.type));
  r.u64(kEventNbytes, ev.nbytes);
  r.u16(kEventFlags, ev.hangup ? kEventFdReadwriteHangup : 0);
  WB_TRY(c.mem.write(P{events.out.addr + events.count * kEventSize}, r));
  events.count++;
  return Errno::Success;
}

// A clock subscription: fires, or adds its deadline to what the call waits for.
Result<bool> clock_due(ops::Poll& poll, uint64_t real_now, const uint8_t* sub) {
  const auto id = ClockId(load_le(sub + kSubClockId, 4));
  const uint64_t timeout = load_le(sub + kSubClockTimeout, 8);
  const auto flags = uint16_t(load_le(sub + kSubClockFlags, 2));
  if (flags & ~kSubclockAbstime) return Errno::Inval;
  if (id != ClockId::Realtime && id != ClockId::Monotonic) return Errno::Inval;
  uint64_t remaining;
  if (flags & kSubclockAbstime) {
    const uint64_t now = id == ClockId::Realtime ? real_now : poll.monotonic_now();
    remaining = timeout > now ? timeout - now : 0;
  } else {
    remaining = timeout > poll.elapsed() ? timeout - poll.elapsed() : 0;
  }
  return poll.due(poll.monotonic_now() + remaining);
}

// An fd subscription: EBADF (for the whole call, as wasmtime) unless the
// descriptor can ever be ready for that direction.
Result<Readiness> fd_ready(Call& c, ops::Poll& poll, uint32_t fd, bool read) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(fd));
  OpenFile& of = *e->file;
  if (of.inode->is_dir()) return Errno::Badf;
  if (!of.inode->seekable() && !(read ? of.readable() : of.writable())) return Errno::Badf;
  return read ? poll.read(of) : poll.write(of);
}

BlockingStatus poll_once(Call& c, ops::Poll& poll, P in, P out, u32 nsubs, P nevents) {
  WB_TRY(c.mem.check_range(in, uint64_t(nsubs) * kSubscriptionSize));
  WB_TRY(c.mem.check_range(out, uint64_t(nsubs) * kEventSize));
  WB_TRY(c.mem.check_range(nevents, 4));
  const uint64_t real_now = c.kernel.host().realtime_ns();
  Events events{out};
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
        WB_ASSIGN(bool due, clock_due(poll, real_now, sub));
        if (due) WB_TRY(write_event(c, events, {userdata, type}));
        continue;
      }
      if (type != EventType::FdRead && type != EventType::FdWrite) return Errno::Inval;
      const auto fd = uint32_t(load_le(sub + kSubFd, 4));
      WB_ASSIGN(Readiness r, fd_ready(c, poll, fd, type == EventType::FdRead));
      if (r.ready) WB_TRY(write_event(c, events, {userdata, type, r.nbytes, r.hangup}));
    }
  }
  if (events.count > 0) WB_TRY(c.mem.write_u32(nevents, events.count));
  return poll.finish(events.count > 0, Done{});
}

}  // namespace

BlockingStatus poll_oneoff(Call& c, P in, P out, u32 nsubs, P nevents) {
  if (nsubs == 0) return Errno::Inval;
  ops::Poll poll(c, in.addr, nsubs);
  return poll_once(c, poll, in, out, nsubs, nevents);
}

}  // namespace wb::wasi
