// This file defines the process-identity calls of the extension ABI.
#include "abi/ext.h"

namespace wb::ext {

Errno proc_id(Call& c, P pid) { return c.mem.write_u32(pid, c.proc.pid()); }

Errno proc_parent(Call& c, u32 pid, P parent) {
  if (pid != c.proc.pid()) return Errno::Srch;
  // Processes started by the host have no parent in the box.
  return c.mem.write_u32(parent, 0);
}

}  // namespace wb::ext
