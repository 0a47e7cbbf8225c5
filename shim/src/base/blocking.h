// This file defines Blocking<T>, the outcome of a call that may have to
// wait: a value, an Errno, or "would block". "Would block" is the kernel's
// own answer, never a guest's errno: the call has recorded on the process
// what it waits for, and the runtime parks the process and calls again.
// It is a type of its own, so only a call declared to return Blocking can
// answer it, and WB_ASSIGN/WB_TRY cannot drop it into a plain Result.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "base/result.h"

namespace wb {

// The "would block" answer.
struct WouldBlock {};
inline constexpr WouldBlock kWouldBlock{};

// Success of a call that answers no value.
struct Done {};

// What a Blocking<T> that has no value carries to its caller: an error or
// "would block". It converts to any Blocking<U>, never to a Result or an
// Errno, so "would block" cannot leak into a call that cannot block.
class Unfinished {
 public:
  Unfinished(Errno e) : error_(e) {}              // NOLINT: implicit by design
  Unfinished(WouldBlock) : would_block_(true) {}  // NOLINT: implicit by design
  bool would_block() const { return would_block_; }
  // The error, when it is not "would block".
  Errno error() const { return error_; }

 private:
  Errno error_ = Errno::Success;
  bool would_block_ = false;
};

// What a stream with nothing to give answers: EAGAIN when its description
// is non-blocking, else "would block".
inline Unfinished again_or_block(bool nonblock) {
  return nonblock ? Unfinished(Errno::Again) : Unfinished(kWouldBlock);
}

template <class T>
class [[nodiscard]] Blocking {
 public:
  Blocking(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // An Errno: an error, or Success for a Blocking<Done>.
  Blocking(Errno e) : failure_(e) {  // NOLINT: implicit by design
    if constexpr (std::is_same_v<T, Done>) {
      if (e == Errno::Success) value_ = Done{};
    } else {
      WB_CHECK(e != Errno::Success, "an error Blocking needs an error");
    }
  }
  Blocking(WouldBlock w) : failure_(w) {}        // NOLINT: implicit by design
  Blocking(Unfinished f) : failure_(f) {}        // NOLINT: implicit by design
  Blocking(Result<T> r) : failure_(r.error()) {  // NOLINT: implicit by design
    if (r.ok()) value_ = std::move(r).value();
  }

  bool ok() const { return value_.has_value(); }
  bool would_block() const { return !ok() && failure_.would_block(); }
  // What the caller passes on when !ok() (WB_ASSIGN does).
  Unfinished error() const { return failure_; }
  // For a caller that cannot wait: "would block" becomes `if_blocked`.
  Result<T> or_error(Errno if_blocked) && {
    if (ok()) return std::move(*value_);
    return failure_.would_block() ? if_blocked : failure_.error();
  }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& value() const& { return *value_; }
  T* operator->() { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Unfinished failure_{Errno::Success};
};

using BlockingStatus = Blocking<Done>;

}  // namespace wb
