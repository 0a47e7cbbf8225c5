// This file defines the poll engine.
#include "ops/poll.h"

#include "host.h"

namespace wb::ops {

Poll::Poll(Call& c, uint32_t key, uint32_t count) : c_(c), now_(c.kernel.host().monotonic_ns()) {
  PendingPoll& pending = c.proc.pending_poll;
  if (!pending.active || pending.subscriptions != key || pending.count != count)
    pending = {key, count, now_, true};
  start_ = pending.start_ns;
}

Poll::~Poll() {
  if (!waiting_) c_.proc.pending_poll.active = false;
}

Readiness Poll::read(OpenFile& of) {
  descriptors_ = true;
  Readiness r = of.inode->poll_read(of);
  if (!r.ready && r.host_input) wait_.host_inputs |= 1u << *r.host_input;
  return r;
}

Readiness Poll::write(OpenFile& of) {
  descriptors_ = true;
  return of.inode->poll_write(of);
}

bool Poll::due(uint64_t deadline) {
  if (now_ >= deadline) return true;
  if (!wait_.deadline || deadline < *wait_.deadline) wait_.deadline = deadline;
  return false;
}

}  // namespace wb::ops
