// This file defines the assertions the Linux-style ABI's tests share: a
// result shown as a value or an errno name, and EXPECT_SYS_* over results
// and over poll's and select's, which may answer "would block".
#pragma once

#include <string>

#include "abi/linux/linux.h"
#include "box_fixture.h"

namespace wb::test {

inline std::string show(const sys::SysResult& r) {
  if (r.ok()) return "value " + std::to_string(r.value());
  const char* n = errno_name(r.error());
  return n ? n : "errno " + std::to_string(to_wire(r.error()));
}

inline ::testing::AssertionResult is_err(const sys::SysResult& r, Errno e) {
  if (!r.ok() && r.error() == e) return ::testing::AssertionSuccess();
  const char* n = errno_name(e);
  return ::testing::AssertionFailure()
         << "gave " << show(r) << ", expected " << (n ? n : std::to_string(to_wire(e)));
}
inline ::testing::AssertionResult is_val(const sys::SysResult& r, int32_t v) {
  if (r.ok() && r.value() == v) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "gave " << show(r) << ", expected " << v;
}
inline ::testing::AssertionResult is_some(const sys::SysResult& r) {
  if (r.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "gave " << show(r) << ", expected a value";
}
inline ::testing::AssertionResult is_err(const sys::SysBlocking& r, Errno e) {
  return is_err(settled(r), e);
}
inline ::testing::AssertionResult is_val(const sys::SysBlocking& r, int32_t v) {
  return is_val(settled(r), v);
}

}  // namespace wb::test

#define EXPECT_SYS_ERR(expr, err) EXPECT_TRUE(is_err((expr), (err))) << #expr << " "
#define EXPECT_SYS_VAL(expr, v) EXPECT_TRUE(is_val((expr), (v))) << #expr << " "
#define EXPECT_SYS_OK(expr) EXPECT_SYS_VAL(expr, 0)
// Any value, not an error.
#define EXPECT_SYS_SOME(expr) EXPECT_TRUE(is_some(expr)) << #expr << " "
