// This file defines clock_*, random_get and sched_yield.
#include "abi/wasi/wasi.h"

namespace wb::wasi {

Result<uint64_t> read_clock(Host& host, uint32_t id) {
  switch (ClockId(id)) {
    case ClockId::Realtime:
      return host.realtime_ns();
    case ClockId::Monotonic:
      return host.monotonic_ns();
    case ClockId::ProcessCputime:
    case ClockId::ThreadCputime:
      return host.cputime_ns();
  }
  return Errno::Inval;
}

Errno clock_res_get(Call& c, u32 id, P resolution) {
  if (id > u32(ClockId::ThreadCputime)) return Errno::Inval;
  return c.mem.write_u64(resolution, 1000);
}

Errno clock_time_get(Call& c, u32 id, u64, P time) {
  WB_ASSIGN(uint64_t now, read_clock(c.kernel.host(), id));
  return c.mem.write_u64(time, now);
}

Errno random_get(Call& c, P buf, u32 len) {
  WB_TRY(c.mem.check_range(buf, len));
  constexpr uint32_t kChunk = 64 * 1024;
  auto& out = c.kernel.scratch().io;
  out.resize(std::min(len, kChunk));
  for (uint32_t done = 0; done < len;) {
    const uint32_t n = std::min(len - done, kChunk);
    c.kernel.host().random({out.data(), n});
    WB_TRY(c.mem.write(P{buf.addr + done}, out.data(), n));
    done += n;
  }
  return Errno::Success;
}

Errno sched_yield(Call&) { return Errno::Success; }

}  // namespace wb::wasi
