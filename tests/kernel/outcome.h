// This file defines how tests and the fuzzer compare a call's outcome: as
// an Errno, with "would block" (a type of its own in the kernel) as
// kBlocked, a value no errno has.
#pragma once

#include "base/blocking.h"

namespace wb {

inline constexpr Errno kBlocked = static_cast<Errno>(0xffff);
template <class T>
Errno outcome(const Blocking<T>& b) {
  if (b.ok()) return Errno::Success;
  return b.would_block() ? kBlocked : b.error().error();
}
inline Errno outcome(Errno e) { return e; }
// A Blocking as a Result, "would block" as kBlocked (a Result as itself).
template <class T>
Result<T> settled(Result<T> r) {
  return r;
}
template <class T>
Result<T> settled(const Blocking<T>& b) {
  return Blocking<T>(b).or_error(kBlocked);
}
template <class T>
bool operator==(const Blocking<T>& b, Errno e) {
  return outcome(b) == e;
}
}  // namespace wb
