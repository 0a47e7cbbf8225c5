// This file defines Poll, the engine under every ABI's poll call
// (poll_oneoff, poll, select): what descriptors are ready for, timeouts
// measured from the call's first attempt, and what the call waits for when
// nothing is ready. The ABIs only decode their records and encode results.
#pragma once

#include <cstdint>
#include <optional>

#include "abi/call.h"
#include "base/blocking.h"

namespace wb::ops {

class Poll {
 public:
  // A poll identified by `key` and `count` (the guest's array and its
  // length): while the same call is re-issued after waiting, its relative
  // timeouts keep counting from its first attempt.
  Poll(Call& c, uint32_t key, uint32_t count);
  // Unless it answered "would block", the call is over: a new one with the
  // same key starts its own timeouts.
  ~Poll();
  Poll(const Poll&) = delete;
  Poll& operator=(const Poll&) = delete;

  uint64_t monotonic_now() const { return now_; }
  // Monotonic time since the call's first attempt.
  uint64_t elapsed() const { return now_ - start_; }
  uint64_t started() const { return start_; }

  // What `of` is ready for in one direction. When it is not ready, what
  // would make it so goes into what the call waits for. Files and
  // directories are always ready (their inodes' default), as on Linux.
  Readiness read(OpenFile& of);
  Readiness write(OpenFile& of);

  // A timeout at monotonic time `deadline`: true once it has passed, else
  // the call wakes by then at the latest.
  bool due(uint64_t deadline);

  // With something to report the call ends and `result` is its answer;
  // else, if a signal's handler ran while it waited, EINTR; else it records
  // what it waits for and answers "would block". A poll of no descriptor
  // (a sleep) waits for its own events alone.
  template <class T>
  Blocking<T> finish(bool any, T result) {
    if (any) return result;
    if (c_.proc.pending_poll.interrupted) return Errno::Intr;
    wait_.own_events = !descriptors_;
    c_.proc.wait = wait_;
    waiting_ = true;
    return kWouldBlock;
  }

 private:
  Call& c_;
  uint64_t now_;
  uint64_t start_;
  WaitSpec wait_;
  bool waiting_ = false;
  bool descriptors_ = false;  // it polls one
};

}  // namespace wb::ops
