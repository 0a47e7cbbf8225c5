// This file defines the kernel's gate (gate.h). Its words are read and
// written by the runtime too, with Atomics (web/src/core/kernel-gate.js
// has the same layout):
//   [0] held: 0 free, 1 held, 2 held and others wait
//   [1] changes: counts the kernel's exits (but those of entries that only
//       read), so that a process waiting for the kernel's state to change
//       waits for this word to move
//   [2] waiters: how many wait for [1] (no wake-up is sent to none)
//   [3] holder: 1 + the slot of the instance that holds the gate, 0 when
//       none does (or the runtime does), so that the runtime can release
//       a gate an instance left held when the kernel trapped or a host
//       function threw inside it
//   [4 + slot] the generation of each instance slot
//   [4 + 1024 + pid % 1024] each process's wake word: it moves when the
//       process is sent a signal (a child's end sends SIGCHLD), for a
//       process that waits for its own events alone (WaitSpec::own_events)
//       to sleep through the kernel's other changes
#include "bind/gate.h"

#include <atomic>

#include "bind/instance.h"
#include "bind/wire.h"
#include "kernel.h"

namespace wb::bind {
namespace {

constexpr int kSlots = 1024;
constexpr uint32_t kWakeWords = 1024;

struct Gate {
  std::atomic<int32_t> held{0};
  std::atomic<int32_t> changes{0};
  std::atomic<int32_t> waiters{0};
  std::atomic<int32_t> holder{0};
  std::atomic<int32_t> generation[kSlots] = {};
  std::atomic<int32_t> wake[kWakeWords] = {};
};
constinit Gate g_gate;

// This instance's slot and the generation it joined in (each instance of
// the module has its own thread-local storage).
thread_local int32_t t_slot = 0;
thread_local int32_t t_generation = 0;

#ifdef __wasm_atomics__
void wait_while(std::atomic<int32_t>& word, int32_t value) {
  __builtin_wasm_memory_atomic_wait32(reinterpret_cast<int32_t*>(&word), value, -1);
}
void wake(std::atomic<int32_t>& word, uint32_t count) {
  __builtin_wasm_memory_atomic_notify(reinterpret_cast<int32_t*>(&word), count);
}
#else
// One instance on unshared memory: the gate is never contended.
void wait_while(std::atomic<int32_t>&, int32_t) {}
void wake(std::atomic<int32_t>&, uint32_t) {}
#endif

std::atomic<int32_t>& my_generation() { return g_gate.generation[t_slot]; }

// An instance the gate was closed on never enters again: it waits here
// until its worker is terminated.
void wait_if_closed() {
  for (int32_t now = my_generation().load(); now != t_generation; now = my_generation().load()) {
    wait_while(my_generation(), now);
  }
}

// Tries a while before sleeping: an instance holds the gate for
// microseconds, less than a sleep and a wake-up cost.
constexpr int kSpins = 2000;

// A futex mutex (Drepper's "Futexes are tricky", mutex 2), spinning first.
void lock() {
  int32_t c = 0;
  for (int i = 0; i < kSpins; ++i) {
    c = 0;
    if (g_gate.held.compare_exchange_strong(c, 1)) return;
    if (c == 2) break;  // others sleep already: join them
  }
  if (c != 2) c = g_gate.held.exchange(2);
  while (c != 0) {
    wait_while(g_gate.held, 2);
    c = g_gate.held.exchange(2);
  }
}

// Wakes the processes sent a signal inside the gate, in case they wait
// for their own events.
void wake_signalled() {
  Kernel* k = kernel();
  if (!k) return;
  for (uint32_t pid : k->take_woken()) {
    std::atomic<int32_t>& word = g_gate.wake[pid % kWakeWords];
    word.fetch_add(1);
    wake(word, UINT32_MAX);
  }
}

void unlock(bool changes) {
  wake_signalled();
  g_gate.holder.store(0);
  if (changes) {
    g_gate.changes.fetch_add(1);
    if (g_gate.waiters.load() > 0) wake(g_gate.changes, UINT32_MAX);
  }
  if (g_gate.held.exchange(0) == 2) wake(g_gate.held, 1);
}

}  // namespace

GateGuard::GateGuard(bool changes) : changes_(changes) {
  for (;;) {
    wait_if_closed();
    lock();
    // The gate may have been closed on this instance while it waited.
    if (my_generation().load() == t_generation) {
      g_gate.holder.store(t_slot + 1);
      return;
    }
    unlock(false);
  }
}

GateGuard::~GateGuard() { unlock(changes_); }

}  // namespace wb::bind

// The gate's words, for the runtime.
WB_EXPORT int32_t* wb_gate() { return reinterpret_cast<int32_t*>(&wb::bind::g_gate); }

// This instance takes instance slot `slot` (the runtime hands them out;
// 0 is the first instance's) in the slot's current generation.
WB_EXPORT void wb_gate_attach(int32_t slot) {
  if (slot < 0 || slot >= wb::bind::kSlots) return;
  wb::bind::t_slot = slot;
  wb::bind::t_generation = wb::bind::my_generation().load();
}
