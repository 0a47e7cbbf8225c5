// This file defines proc_exit and proc_raise.
#include "abi/wasi.h"

namespace wb::wasi {
namespace {

// WASI's signal numbers (the spec's `signal` enum) with a default action
// other than terminating: ignored, or stopping, which the box cannot do.
constexpr u32 kLastSignal = 30;  // sys
constexpr bool ignored_by_default(u32 sig) {
  switch (sig) {
    case 16:  // chld
    case 17:  // cont
    case 18:  // stop
    case 19:  // tstp
    case 20:  // ttin
    case 21:  // ttou
    case 22:  // urg
    case 27:  // winch
      return true;
    default:
      return false;
  }
}

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
  if (sig == 0 || ignored_by_default(sig)) return Errno::Success;
  c.proc.exit_code = 128 + sig;
  c.proc.term_signal = sig;
  return Errno::Success;
}

}  // namespace wb::wasi
