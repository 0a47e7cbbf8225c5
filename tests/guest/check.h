// Minimal check macros for guest tests: a failure prints "FAIL file:line: text" to stderr and the
// test goes on.
#ifndef WASMBOX_GUEST_CHECK_H
#define WASMBOX_GUEST_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures_;

static inline const char* check_errname_(int e) {
  switch (e) {
#define E_(x) \
  case x:     \
    return #x;
    E_(EPERM)
    E_(ENOENT)
    E_(EINTR)
    E_(EIO) E_(ENXIO) E_(E2BIG) E_(EBADF) E_(EAGAIN) E_(ENOMEM) E_(EACCES) E_(EFAULT) E_(EBUSY)
        E_(EEXIST) E_(EXDEV) E_(ENODEV) E_(ENOTDIR) E_(EISDIR) E_(EINVAL) E_(ENFILE) E_(EMFILE)
            E_(ENOTTY) E_(EFBIG) E_(ENOSPC) E_(ESPIPE) E_(EROFS) E_(EMLINK) E_(EPIPE) E_(ERANGE)
                E_(ENAMETOOLONG) E_(ENOSYS) E_(ENOTEMPTY) E_(ELOOP) E_(EOVERFLOW) E_(EILSEQ)
                    E_(ENOTSOCK) E_(ENOTSUP) E_(ETIMEDOUT)
#ifdef ENOTCAPABLE
                        E_(ENOTCAPABLE)
#endif
#undef E_
                            case 0 : return "0";
    default:
      return "E?";
  }
}

static inline int check_(int ok, const char* file, int line, const char* text) {
  if (!ok) {
    check_failures_++;
    fprintf(stderr, "FAIL %s:%d: %s\n", file, line, text);
  }
  return ok;
}

static inline int check_eq_(long long a, long long b, const char* file, int line, const char* ta,
                            const char* tb) {
  if (a != b) {
    check_failures_++;
    fprintf(stderr, "FAIL %s:%d: %s == %s (%lld != %lld)\n", file, line, ta, tb, a, b);
  }
  return a == b;
}

// errno is read here, after `r` was computed and before anything else can change it.
static inline int check_err_(long long r, int e1, int e2, const char* file, int line,
                             const char* text, const char* names) {
  int e = errno;
  if (r == -1 && (e == e1 || e == e2)) return 1;
  check_failures_++;
  if (r == -1)
    fprintf(stderr, "FAIL %s:%d: %s: expected %s, got errno %s (%d: %s)\n", file, line, text, names,
            check_errname_(e), e, strerror(e));
  else
    fprintf(stderr, "FAIL %s:%d: %s: expected -1 with %s, got %lld\n", file, line, text, names, r);
  return 0;
}

static inline long long check_ok_(long long r, const char* file, int line, const char* text) {
  int e = errno;
  if (r == -1) {
    check_failures_++;
    fprintf(stderr, "FAIL %s:%d: %s: %s (%s)\n", file, line, text, strerror(e), check_errname_(e));
  }
  return r;
}

#define CHECK(cond) check_(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ(a, b) check_eq_((long long)(a), (long long)(b), __FILE__, __LINE__, #a, #b)
#define CHECK_ERR(expr, err) \
  (errno = 0, check_err_((long long)(expr), (err), (err), __FILE__, __LINE__, #expr, #err))
// Either of two errnos is acceptable (POSIX or WASI leave the choice open).
#define CHECK_ERR2(expr, e1, e2) \
  (errno = 0, check_err_((long long)(expr), (e1), (e2), __FILE__, __LINE__, #expr, #e1 " or " #e2))
// Evaluates to the value of expr, so `int fd = CHECK_OK(open(...));` works.
#define CHECK_OK(expr) (errno = 0, check_ok_((long long)(expr), __FILE__, __LINE__, #expr))

// Using an fd for an operation its open mode forbids: POSIX says EBADF, a WASI
// kernel may report the missing right as ENOTCAPABLE instead.
#ifdef ENOTCAPABLE
#define EBADF_OR_NOTCAPABLE ENOTCAPABLE
#else
#define EBADF_OR_NOTCAPABLE EBADF
#endif
#define CHECK_EBADF(expr) CHECK_ERR2(expr, EBADF, EBADF_OR_NOTCAPABLE)

// A file time, in ns since the epoch, matches what was set, exactly (on a
// host directory too, whose host keeps coarser times: the box remembers).
#define NS(sec, nsec) ((long long)(sec)*1000000000LL + (long long)(nsec))
static inline int time_matches_(long long got_ns, long long want_ns) { return got_ns == want_ns; }
#define CHECK_TIME(ts, sec, nsec)                                                         \
  check_(time_matches_(NS((ts).tv_sec, (ts).tv_nsec), NS(sec, nsec)), __FILE__, __LINE__, \
         #ts " is " #sec "." #nsec)
#define CHECK_TIME_NS(got, want) \
  check_(time_matches_((long long)(got), (long long)(want)), __FILE__, __LINE__, #got " is " #want)

static inline int check_done(void) {
  if (check_failures_ == 0) return 0;
  fprintf(stderr, "%d checks failed\n", check_failures_);
  return 1;
}

#endif
