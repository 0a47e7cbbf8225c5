// Raw poll_oneoff: no subscriptions, relative and absolute clocks, earliest clock wins, fd
// readiness, bad fds and clock ids.
#ifndef __wasi__
#include <stdio.h>
int main(void) {
  puts("skip");
  return 0;
}
#else
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wasi_check.h"

#define MS 1000000ULL

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  CHECK_WASI_OK(__wasi_clock_time_get(id, 1, &t));
  return t;
}

static __wasi_subscription_t clock_sub(__wasi_userdata_t ud, __wasi_clockid_t id,
                                       __wasi_timestamp_t timeout, __wasi_subclockflags_t flags) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = timeout;
  s.u.u.clock.flags = flags;
  return s;
}

static __wasi_subscription_t fd_sub(__wasi_userdata_t ud, __wasi_eventtype_t type, int fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = type;
  if (type == __WASI_EVENTTYPE_FD_READ)
    s.u.u.fd_read.file_descriptor = fd;
  else
    s.u.u.fd_write.file_descriptor = fd;
  return s;
}

static const __wasi_event_t* event_for(const __wasi_event_t* ev, __wasi_size_t n,
                                       __wasi_userdata_t ud) {
  for (__wasi_size_t i = 0; i < n; i++)
    if (ev[i].userdata == ud) return &ev[i];
  return NULL;
}

static void test_no_subscriptions(void) {
  __wasi_subscription_t s;
  __wasi_event_t ev;
  __wasi_size_t n = 99;
  CHECK_WASI(__wasi_poll_oneoff(&s, &ev, 0, &n), __WASI_ERRNO_INVAL);
}

static void test_relative_clock(void) {
  __wasi_subscription_t s = clock_sub(42, __WASI_CLOCKID_MONOTONIC, 20 * MS, 0);
  __wasi_event_t ev;
  memset(&ev, 0xAB, sizeof ev);
  __wasi_size_t n = 0;
  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_WASI_OK(__wasi_poll_oneoff(&s, &ev, 1, &n));
  __wasi_timestamp_t elapsed = now(__WASI_CLOCKID_MONOTONIC) - t0;
  CHECK_EQ(n, 1);
  CHECK_EQ(ev.userdata, 42);
  CHECK_EQ(ev.type, __WASI_EVENTTYPE_CLOCK);
  CHECK_EQ(ev.error, 0);
  CHECK(elapsed >= 20 * MS);
  CHECK(elapsed < 2000 * MS);

  s = clock_sub(7, __WASI_CLOCKID_REALTIME, 10 * MS, 0);
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_WASI_OK(__wasi_poll_oneoff(&s, &ev, 1, &n));
  CHECK_EQ(n, 1);
  CHECK_EQ(ev.userdata, 7);
  CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 >= 10 * MS);

  s = clock_sub(8, __WASI_CLOCKID_MONOTONIC, 0, 0);
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_WASI_OK(__wasi_poll_oneoff(&s, &ev, 1, &n));
  CHECK_EQ(n, 1);
  CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 < 500 * MS);
}

static void test_earliest_clock(void) {
  __wasi_subscription_t s[2] = {
      clock_sub(1, __WASI_CLOCKID_MONOTONIC, 1500 * MS, 0),
      clock_sub(2, __WASI_CLOCKID_MONOTONIC, 10 * MS, 0),
  };
  __wasi_event_t ev[2];
  __wasi_size_t n = 0;
  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_WASI_OK(__wasi_poll_oneoff(s, ev, 2, &n));
  __wasi_timestamp_t elapsed = now(__WASI_CLOCKID_MONOTONIC) - t0;
  CHECK_EQ(n, 1);
  CHECK_EQ(ev[0].userdata, 2);
  CHECK(elapsed >= 10 * MS);
  CHECK(elapsed < 1400 * MS);
}

static void test_fds(void) {
  int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
  CHECK_EQ(write(fd, "hello", 5), 5);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  __wasi_subscription_t s[3] = {
      fd_sub(10, __WASI_EVENTTYPE_FD_READ, fd),
      fd_sub(11, __WASI_EVENTTYPE_FD_WRITE, fd),
      clock_sub(12, __WASI_CLOCKID_MONOTONIC, 2000 * MS, 0),
  };
  __wasi_event_t ev[3];
  __wasi_size_t n = 0;
  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_WASI_OK(__wasi_poll_oneoff(s, ev, 3, &n));
  CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 < 1000 * MS);
  CHECK_EQ(n, 2);
  const __wasi_event_t *r = event_for(ev, n, 10), *w = event_for(ev, n, 11);
  CHECK(r != NULL && r->type == __WASI_EVENTTYPE_FD_READ && r->error == 0);
  CHECK(w != NULL && w->type == __WASI_EVENTTYPE_FD_WRITE && w->error == 0);
  CHECK(event_for(ev, n, 12) == NULL);

  int closed = CHECK_OK(open("f", O_RDONLY));
  close(closed);
  __wasi_subscription_t b[2] = {
      fd_sub(20, __WASI_EVENTTYPE_FD_READ, closed),
      clock_sub(21, __WASI_CLOCKID_MONOTONIC, 2000 * MS, 0),
  };
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  __wasi_errno_t e = __wasi_poll_oneoff(b, ev, 2, &n);
  CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 < 1000 * MS);
  if (e == 0) {
    const __wasi_event_t* bad = event_for(ev, n, 20);
    CHECK(bad != NULL && bad->error == __WASI_ERRNO_BADF);
  } else {
    CHECK_WASI(e, __WASI_ERRNO_BADF);
  }
  close(fd);
}

static void test_bad_clock(void) {
  __wasi_subscription_t s[2] = {
      clock_sub(30, 99, 10 * MS, 0),
      clock_sub(31, __WASI_CLOCKID_MONOTONIC, 2000 * MS, 0),
  };
  __wasi_event_t ev[2];
  __wasi_size_t n = 0;
  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  __wasi_errno_t e = __wasi_poll_oneoff(s, ev, 2, &n);
  CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 < 1000 * MS);
  if (e == 0) {
    const __wasi_event_t* bad = event_for(ev, n, 30);
    CHECK(bad != NULL && bad->error == __WASI_ERRNO_INVAL);
  } else {
    CHECK_WASI(e, __WASI_ERRNO_INVAL);
  }
}

static void test_absolute_clock(void) {
  __wasi_timestamp_t deadline = now(__WASI_CLOCKID_MONOTONIC) + 30 * MS;
  __wasi_subscription_t s = clock_sub(5, __WASI_CLOCKID_MONOTONIC, deadline,
                                      __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
  __wasi_event_t ev;
  __wasi_size_t n = 0;
  CHECK_WASI_OK(__wasi_poll_oneoff(&s, &ev, 1, &n));
  __wasi_timestamp_t after = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_EQ(n, 1);
  CHECK_EQ(ev.userdata, 5);
  CHECK(after >= deadline);
  CHECK(after < deadline + 2000 * MS);

  s = clock_sub(6, __WASI_CLOCKID_MONOTONIC, 1, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_WASI_OK(__wasi_poll_oneoff(&s, &ev, 1, &n));
  CHECK_EQ(n, 1);
  CHECK(now(__WASI_CLOCKID_MONOTONIC) - t0 < 500 * MS);

  deadline = now(__WASI_CLOCKID_REALTIME) + 20 * MS;
  s = clock_sub(9, __WASI_CLOCKID_REALTIME, deadline,
                __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
  CHECK_WASI_OK(__wasi_poll_oneoff(&s, &ev, 1, &n));
  CHECK(now(__WASI_CLOCKID_REALTIME) >= deadline);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_no_subscriptions();
  test_relative_clock();
  test_earliest_clock();
  test_fds();
  test_bad_clock();
  test_absolute_clock();
  return check_done();
}
#endif
