// This file defines how a handler's outcome crosses to the runtime: WASI
// and extension calls answer an errno, Linux-style calls a value or a
// negated errno, and "would block" is kWouldBlockWire (abi.js WOULD_BLOCK),
// a number no errno has. An export whose handler may block is defined with
// WB_EXPORT_MAY_BLOCK, which also exports `<name>__may_block`: the runtime
// learns from these markers which imports may block (abi.js
// blockingImports), so the list exists only in the handlers' types.
#pragma once

#include <emscripten/emscripten.h>

#include <type_traits>

#include "abi/call.h"
#include "base/blocking.h"
#include "bind/gate.h"
#include "bind/instance.h"

namespace wb::bind {

inline constexpr uint16_t kWouldBlockWire = 0xffff;

inline uint32_t wire(Errno e) { return to_wire(e); }
inline uint32_t wire(const Unfinished& u) {
  return u.would_block() ? kWouldBlockWire : to_wire(u.error());
}
inline uint32_t wire(const BlockingStatus& b) { return b.ok() ? 0 : wire(b.error()); }
inline int32_t wire(const Result<int32_t>& r) {
  return r.ok() ? r.value() : -int32_t(wire(r.error()));
}
inline int32_t wire(const Blocking<int32_t>& r) {
  return r.ok() ? r.value() : -int32_t(wire(r.error()));
}

template <class T>
inline constexpr bool kIsBlocking = false;
template <class T>
inline constexpr bool kIsBlocking<Blocking<T>> = true;

// Runs `f` for process `pid`. kMayBlock says how the export was defined;
// a handler whose type disagrees does not compile.
template <bool kMayBlock, class F>
auto run(uint32_t pid, F&& f) {
  using Outcome = std::invoke_result_t<F, Call&>;
  static_assert(kIsBlocking<Outcome> == kMayBlock,
                "a handler that may block is exported with WB_EXPORT_MAY_BLOCK, and only such one");
  using Wire = decltype(wire(std::declval<const Outcome&>()));
  GateGuard guard;
  Process* proc = process(pid);
  if (!proc) {  // a runtime bug, not a guest's
    if constexpr (std::is_signed_v<Wire>)
      return Wire(-int32_t(to_wire(Errno::Srch)));
    else
      return Wire(to_wire(Errno::Srch));
  }
  Call c(*kernel(), *proc);
  auto outcome = f(c);
  // A call that would block changed nothing another process waits for:
  // waiting processes that retry their calls must not wake each other.
  if constexpr (kMayBlock) {
    if (outcome.would_block()) guard.changed_nothing();
  }
  return wire(outcome);
}

// Reads process `pid` for the runtime (or takes what only it receives, its
// caught signals), inside the gate: `fallback` when there is no such
// process. No other process waits on what it does: it counts as no change.
template <class T, class F>
T with_process(uint32_t pid, T fallback, F&& f) {
  GateGuard guard(/*changes=*/false);
  Process* proc = process(pid);
  return proc ? f(*proc) : fallback;
}

}  // namespace wb::bind

#define WB_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
// Defines the export `name` (the return type and parameters follow) and its
// marker `name__may_block`.
#define WB_EXPORT_MAY_BLOCK(type, name) \
  WB_EXPORT void name##__may_block() {} \
  WB_EXPORT type name
