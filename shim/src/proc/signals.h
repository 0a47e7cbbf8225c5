// This file defines Signals, what a process does with each signal (Linux
// numbers, 1-31) and which caught ones wait to be delivered. The guest's
// libc keeps the handlers; the kernel knows only that there is one, and
// where the guest's dispatcher is (an index in its function table), which
// the runtime calls for each pending signal when the process next waits.
#pragma once

#include <cstdint>

#include "wasmbox/signals.h"

namespace wb {

// Linux's numbers of the signals (the box's one table is
// shim/guest/include/wasmbox/signals.h, shared with the guest library).
namespace sig {
#define WB_SIGNAL_NUMBER(name, number, action) inline constexpr int name = number;
WASMBOX_SIGNALS(WB_SIGNAL_NUMBER)
#undef WB_SIGNAL_NUMBER
}  // namespace sig

enum class Disposition : uint8_t { Default = 0, Ignore = 1, Catch = 2 };

class Signals {
 public:
  static constexpr int kCount = 32;
  static bool valid(int sig) { return sig > 0 && sig < kCount; }

  Disposition disposition(int sig) const {
    if (caught_ & bit(sig)) return Disposition::Catch;
    return ignored_ & bit(sig) ? Disposition::Ignore : Disposition::Default;
  }
  void set(int sig, Disposition d) {
    caught_ &= ~bit(sig);
    ignored_ &= ~bit(sig);
    if (d == Disposition::Catch) caught_ |= bit(sig);
    if (d == Disposition::Ignore) ignored_ |= bit(sig);
  }

  // What a spawned program starts with: the signals this process ignores
  // stay ignored; caught ones are back at their default (as after exec).
  Signals inherited() const {
    Signals s;
    s.ignored_ = ignored_;
    return s;
  }

  // What a forked child starts with: the same dispositions and
  // dispatcher, nothing pending.
  Signals forked() const {
    Signals s = *this;
    s.pending_ = 0;
    return s;
  }

  void add_pending(int sig) { pending_ |= bit(sig); }
  // The guest's dispatcher, void(int sig), as an index in its table.
  uint32_t entry = 0;
  // The pending signals, bit n for signal n, now handed over for delivery.
  uint32_t take_pending() {
    const uint32_t p = pending_;
    pending_ = 0;
    return p;
  }

  // Linux's default action: INT, QUIT, TERM and the like end the process;
  // CHLD, URG and WINCH are ignored; the stop signals (and CONT) are too,
  // as a box cannot stop a process.
  static bool terminates_by_default(int sig) { return wasmbox_signal_terminates(sig) != 0; }

 private:
  static uint32_t bit(int sig) { return 1u << sig; }
  uint32_t caught_ = 0;
  uint32_t ignored_ = 0;
  uint32_t pending_ = 0;
};

}  // namespace wb
