// This file defines WaitSpec, what a blocked call waits for. The kernel
// never blocks: a call that cannot complete returns "would block" (base/blocking.h) and
// records this on the process; the runtime parks the process until one of
// these may have changed, then issues the same call again.
#pragma once

#include <cstdint>
#include <optional>

namespace wb {

struct WaitSpec {
  // Wake at this monotonic time (ns) at the latest.
  std::optional<uint64_t> deadline;
  // Host input streams (bit i = stream i) whose data would let it proceed.
  uint32_t host_inputs = 0;
  // Only the process's own events can end it before the deadline: a signal
  // sent to it, a child's end (which sends it SIGCHLD). A sleep, waitpid,
  // sigsuspend. The runtime then wakes it for those alone
  // (Kernel::take_woken), not for every change of the kernel.
  bool own_events = false;

  void clear() { *this = WaitSpec{}; }
};

// A poll (ops/poll.h) measures relative timeouts from its first attempt and keeps
// that start while the same call is re-issued, so waking up early does not
// restart a timeout.
struct PendingPoll {
  uint32_t subscriptions = 0;  // guest address of the array
  uint32_t count = 0;
  uint64_t start_ns = 0;  // monotonic
  bool active = false;
  // A caught signal's handler ran while the call waited: it ends with
  // EINTR, as Linux's poll, select and nanosleep do whatever SA_RESTART says.
  bool interrupted = false;
};

}  // namespace wb
