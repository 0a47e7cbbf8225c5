// This file declares the kernel's gate: every entry into the kernel (a
// hot-path export, a control-API call) passes it. In the build on shared
// memory each worker of a box runs its own instance of kernel-shared.wasm
// on the one memory, and the gate lets one instance in at a time (they
// share the kernel's stack too). The runtime can close the gate on one
// instance for good (its slot's generation moves on), so that the worker
// it is about to terminate is never stopped inside the kernel: an instance
// the gate was closed on waits at the gate until its worker is gone.
#pragma once

#include <cstdint>

namespace wb::bind {

// Holds the gate for its scope. An entry that only reads the kernel's state
// (`changes` false) leaves the count of the kernel's exits alone: a waiting
// process that asks what it waits for must not wake itself, nor the others.
class GateGuard {
 public:
  explicit GateGuard(bool changes = true);
  ~GateGuard();
  GateGuard(const GateGuard&) = delete;
  GateGuard& operator=(const GateGuard&) = delete;
  // The entry turned out to change nothing (a call that would block).
  void changed_nothing() { changes_ = false; }

 private:
  bool changes_;
};

// Runs F(args...) inside the gate: for the control API's functions.
template <auto F>
struct Gated;
template <class R, class... A, R (*F)(A...)>
struct Gated<F> {
  static R call(A... args) {
    GateGuard guard;
    return F(args...);
  }
};

}  // namespace wb::bind
