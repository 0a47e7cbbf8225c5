/* nanosleep and clock_nanosleep over poll_oneoff, so a sleep blocks in the
 * kernel: Emscripten's standalone libc busy-waits and ignores
 * TIMER_ABSTIME, and wasi-libc does not validate the request. A signal's
 * handler that runs meanwhile ends the sleep with EINTR, and a relative
 * sleep tells what remains. pause and sigsuspend wait for a handler alone. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "wasmbox/imports.h"

/* WASI's subscription record: a clock event. */
enum { SUB_SIZE = 48, SUB_TAG = 8, SUB_CLOCK_ID = 16, SUB_TIMEOUT = 24, SUB_FLAGS = 40 };
enum { EVENT_SIZE = 32, CLOCK_REALTIME_ID = 0, CLOCK_MONOTONIC_ID = 1, ABSTIME = 1 };

int clock_nanosleep(clockid_t clock, int flags, const struct timespec* req, struct timespec* rem) {
  if (!req || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L || req->tv_sec < 0) return EINVAL;
  uint32_t id;
  if (clock == CLOCK_REALTIME)
    id = CLOCK_REALTIME_ID;
  else if (clock == CLOCK_MONOTONIC)
    id = CLOCK_MONOTONIC_ID;
  else
    return EINVAL;
  uint64_t timeout = (uint64_t)req->tv_sec * 1000000000u + (uint64_t)req->tv_nsec;
  uint16_t subflags = (flags & TIMER_ABSTIME) ? ABSTIME : 0;
  _Alignas(8) unsigned char sub[SUB_SIZE] = {0};
  _Alignas(8) unsigned char event[EVENT_SIZE];
  sub[SUB_TAG] = 0; /* eventtype clock */
  memcpy(sub + SUB_CLOCK_ID, &id, 4);
  memcpy(sub + SUB_TIMEOUT, &timeout, 8);
  memcpy(sub + SUB_FLAGS, &subflags, 2);
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  uint32_t n;
  int e = __wasmbox_poll_oneoff(sub, event, 1, &n);
  if (e == EINTR && rem && !(flags & TIMER_ABSTIME)) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    uint64_t slept = (uint64_t)(now.tv_sec - start.tv_sec) * 1000000000u +
                     (uint64_t)(now.tv_nsec - start.tv_nsec);
    uint64_t left = slept < timeout ? timeout - slept : 0;
    rem->tv_sec = (time_t)(left / 1000000000u);
    rem->tv_nsec = (long)(left % 1000000000u);
  }
  return e;
}

/* Emscripten's returns at once; wasi-libc has none. */
int pause(void) { return __wasmbox_wait_for_signal(); }

/* pause with a mask, which the box keeps (sigprocmask) but does not
 * apply: a signal the caller blocked around the call is delivered as it
 * waits. */
int sigsuspend(const sigset_t* mask) {
  (void)mask;
  return __wasmbox_wait_for_signal();
}

int nanosleep(const struct timespec* req, struct timespec* rem) {
  int e = clock_nanosleep(CLOCK_REALTIME, 0, req, rem);
  if (e == 0) return 0;
  errno = e;
  return -1;
}
