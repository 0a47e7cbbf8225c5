// This file defines the process calls of the extension ABI: identity and
// signal dispositions.
#include "abi/ext.h"

namespace wb::ext {

Errno proc_id(Call& c, P pid) { return c.mem.write_u32(pid, c.proc.pid()); }

Errno proc_parent(Call& c, u32 pid, P parent) {
  if (pid != c.proc.pid()) return Errno::Srch;
  // Processes started by the host have no parent in the box.
  return c.mem.write_u32(parent, 0);
}

Errno proc_sigaction(Call& c, u32 sig, u32 disposition, u32 entry) {
  if (sig >= u32(Signals::kCount) || disposition > u32(Disposition::Catch)) return Errno::Inval;
  if (disposition == u32(Disposition::Catch)) c.proc.signals.entry = entry;
  return c.kernel.set_disposition(c.proc, int(sig), Disposition(disposition));
}

}  // namespace wb::ext
