// This file defines proc_exit and proc_raise.
#include "abi/wasi.h"

namespace wb::wasi {
namespace {

constexpr u32 kLastSignal = 30;  // sys

// WASI's signal enum is Linux's numbering without SIGSTKFLT (16).
int linux_signal(u32 sig) { return sig >= 16 ? int(sig) + 1 : int(sig); }

}  // namespace

// Records the status; the runtime unwinds the guest when it sees it.
Errno proc_exit(Call& c, u32 code) {
  c.proc.exit_code = code;
  return Errno::Success;
}

// The default action, as no handler can be installed through WASI: signal 0
// checks nothing and succeeds, a terminating signal ends the process with
// 128 + the signal (as a shell reports it), the others are ignored.
Errno proc_raise(Call& c, u32 sig) {
  if (sig > kLastSignal) return Errno::Inval;
  if (sig == 0 || !Signals::terminates_by_default(linux_signal(sig))) return Errno::Success;
  c.proc.exit_code = 128 + sig;
  c.proc.term_signal = sig;
  return Errno::Success;
}

}  // namespace wb::wasi
