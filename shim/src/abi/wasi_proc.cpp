// This file defines proc_exit and proc_raise.
#include "abi/wasi.h"

namespace wb::wasi {

// Records the status; the runtime unwinds the guest when it sees it.
Errno proc_exit(Call& c, u32 code) {
  c.proc.exit_code = code;
  return Errno::Success;
}

// No signals are delivered to WASI guests yet (as in wasmtime).
Errno proc_raise(Call&, u32) { return Errno::NotSup; }

}  // namespace wb::wasi
