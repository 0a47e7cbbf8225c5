// Clocks and sleeping: REALTIME plausible, MONOTONIC never goes back, resolutions,
// nanosleep/clock_nanosleep wait long enough.
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long long ns_of(struct timespec ts) {
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long now_ns(clockid_t id) {
  struct timespec ts = {0, 0};
  CHECK_OK(clock_gettime(id, &ts));
  return ns_of(ts);
}

static void test_realtime(void) {
  struct timespec ts;
  CHECK_OK(clock_gettime(CLOCK_REALTIME, &ts));
  CHECK(ts.tv_sec > 1577836800);
  CHECK((long long)ts.tv_sec < 4102444800LL);  // time_t may be 32 bits
  CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);

  time_t t = time(NULL);
  CHECK(t >= ts.tv_sec && t <= ts.tv_sec + 2);

  struct timeval tv;
  CHECK_OK(gettimeofday(&tv, NULL));
  CHECK(tv.tv_sec >= ts.tv_sec && tv.tv_sec <= ts.tv_sec + 2);
  CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
}

static void test_monotonic(void) {
  long long prev = now_ns(CLOCK_MONOTONIC);
  int ok = 1;
  for (int i = 0; i < 10000; i++) {
    long long cur = now_ns(CLOCK_MONOTONIC);
    ok &= cur >= prev;
    prev = cur;
  }
  CHECK(ok);
  struct timespec ts;
  CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &ts));
  CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);

  long long start = now_ns(CLOCK_MONOTONIC);
  long long later = start;
  for (int i = 0; i < 1000000 && later == start; i++) later = now_ns(CLOCK_MONOTONIC);
  CHECK(later > start);
}

static void test_resolution(void) {
  struct timespec res = {-1, -1};
  CHECK_OK(clock_getres(CLOCK_MONOTONIC, &res));
  CHECK(ns_of(res) > 0 && ns_of(res) <= 1000000000LL);
  res.tv_sec = res.tv_nsec = -1;
  CHECK_OK(clock_getres(CLOCK_REALTIME, &res));
  CHECK(ns_of(res) > 0 && ns_of(res) <= 1000000000LL);
}

static void test_sleeps(void) {
  long long t0 = now_ns(CLOCK_MONOTONIC);
  long long r0 = now_ns(CLOCK_REALTIME);
  struct timespec req = {0, 20000000};
  CHECK_OK(nanosleep(&req, NULL));
  long long elapsed = now_ns(CLOCK_MONOTONIC) - t0;
  CHECK(elapsed >= 20000000);
  CHECK(elapsed < 2000000000);
  CHECK(now_ns(CLOCK_REALTIME) - r0 >= 19000000);

  t0 = now_ns(CLOCK_MONOTONIC);
  req.tv_nsec = 10000000;
  CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), 0);
  CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 10000000);

  struct timespec deadline;
  CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &deadline));
  deadline.tv_nsec += 30000000;
  if (deadline.tv_nsec >= 1000000000) {
    deadline.tv_nsec -= 1000000000;
    deadline.tv_sec++;
  }
  CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL), 0);
  CHECK(now_ns(CLOCK_MONOTONIC) >= ns_of(deadline));

  struct timespec past = {0, 1};
  t0 = now_ns(CLOCK_MONOTONIC);
  CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL), 0);
  CHECK(now_ns(CLOCK_MONOTONIC) - t0 < 500000000);

  t0 = now_ns(CLOCK_MONOTONIC);
  CHECK_OK(usleep(15000));
  CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 15000000);

#ifndef __wasi__
  // Debian's wasi-libc (2022-05) does not validate the timespec.
  struct timespec bad = {0, 1000000000};
  CHECK_ERR(nanosleep(&bad, NULL), EINVAL);
  bad.tv_sec = -1;
  bad.tv_nsec = 0;
  CHECK_ERR(nanosleep(&bad, NULL), EINVAL);
#endif
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_realtime();
  test_monotonic();
  test_resolution();
  test_sleeps();
  return check_done();
}
