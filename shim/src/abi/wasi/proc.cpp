// This file defines proc_exit and proc_raise.
#include "abi/wasi/wasi.h"

namespace wb::wasi {
namespace {

constexpr u32 kLastSignal = 30;  // sys

}  // namespace

// Records the status; the runtime unwinds the guest when it sees it. A
// status a shell cannot see (above 255) must not read as success: the
// process fails with 1 instead (wasmtime refuses such a status too).
Errno proc_exit(Call& c, u32 code) {
  c.proc.exit(code <= kMaxExitStatus ? code : 1);
  return Errno::Success;
}

// The default action, as no handler can be installed through WASI: signal 0
// checks nothing and succeeds, a terminating signal ends the process (128
// + its Linux number, as a shell reports it), the others are ignored.
Errno proc_raise(Call& c, u32 sig) {
  if (sig > kLastSignal) return Errno::Inval;
  if (sig == 0) return Errno::Success;
  const int linux = wasmbox_signal_from_wasi(sig);
  if (Signals::terminates_by_default(linux)) c.proc.terminate(linux);
  return Errno::Success;
}

}  // namespace wb::wasi
