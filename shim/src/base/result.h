// This file defines Result<T>, a value or an Errno (C++20 has no
// std::expected), and the TRY macros that return early on an error.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "base/check.h"
#include "base/errno.h"

namespace wb {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Errno error) : error_(error) {          // NOLINT: implicit by design
    WB_CHECK(error != Errno::Success, "an error Result needs an error");
  }

  bool ok() const { return value_.has_value(); }
  Errno error() const { return error_; }
  // The outcome alone, for a caller that needs no value.
  Errno status() const { return error_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& value() const& { return *value_; }
  T* operator->() { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Errno error_ = Errno::Success;
};

// Result<void> is spelled Status: Errno::Success or an error. Errno is
// [[nodiscard]], so a Status cannot be dropped unread either.
using Status = Errno;

}  // namespace wb

#define WB_CONCAT_INNER(a, b) a##b
#define WB_CONCAT(a, b) WB_CONCAT_INNER(a, b)

// WB_TRY(status_expr): return the error of a Status-returning call.
#define WB_TRY(expr)                                                                   \
  do {                                                                                 \
    if (::wb::Errno wb_err_ = (expr); wb_err_ != ::wb::Errno::Success) return wb_err_; \
  } while (0)

// WB_ASSIGN(decl, result_expr): bind the value of a Result or return its error.
#define WB_ASSIGN(decl, expr) WB_ASSIGN_IMPL(WB_CONCAT(wb_res_, __LINE__), decl, expr)
#define WB_ASSIGN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                    \
  if (!tmp.ok()) return tmp.error();    \
  decl = std::move(tmp).value()

// WB_ASSIGN_OR_DIE(decl, result_expr): for results only a kernel bug can fail.
// WB_TRY_BLOCKING(blocking_expr): pass on the error or "would block" of a
// call that may block (base/blocking.h) and answers no value.
#define WB_TRY_BLOCKING(expr)                                   \
  do {                                                          \
    if (auto wb_r_ = (expr); !wb_r_.ok()) return wb_r_.error(); \
  } while (0)

#define WB_ASSIGN_OR_DIE(decl, expr) WB_ASSIGN_OR_DIE_IMPL(WB_CONCAT(wb_res_, __LINE__), decl, expr)
#define WB_ASSIGN_OR_DIE_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                           \
  WB_CHECK(tmp.ok(), #expr);                   \
  decl = std::move(tmp).value()
