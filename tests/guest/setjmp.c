// setjmp and longjmp as C programs use them for errors (Lua, shells,
// parsers): a longjmp across several frames back to an outer setjmp,
// longjmp(env, 0) making setjmp answer 1, a setjmp made again and again,
// volatile locals kept, a longjmp out of a signal handler, sigsetjmp.
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>

#include "check.h"

static jmp_buf outer;
static int frames;

static void fail_deep(int depth, int val) {
  ++frames;
  if (depth > 0) fail_deep(depth - 1, val);
  if (depth == 0) longjmp(outer, val);
}

// Emscripten 3.1.6 takes longjmp(env, 0) for no longjmp at all (its
// emscripten_longjmp passes the 0 on, which its setjmp glue reads as
// "nothing thrown"); C says setjmp answers 1.
#ifdef __EMSCRIPTEN__
#define ZERO_VAL 0
#else
#define ZERO_VAL 1
#endif

static void across_frames(void) {
  volatile int tries = 0;
  int r = setjmp(outer);
  ++tries;
  if (tries == 1) {
    CHECK_EQ(r, 0);
    fail_deep(10, 42);
  } else if (tries == 2 && ZERO_VAL) {
    CHECK_EQ(r, 42);
    fail_deep(3, 0);
  } else {
    CHECK_EQ(r, ZERO_VAL ? 1 : 42);  // longjmp(env, 0): setjmp answers 1
  }
  CHECK_EQ(tries, ZERO_VAL ? 3 : 2);
  CHECK_EQ(frames, ZERO_VAL ? 11 + 4 : 11);
}

// A function with its own setjmp, called by one that has another: each
// longjmp returns to its own.
static int inner(void) {
  jmp_buf here;
  int r = setjmp(here);
  if (r == 0) longjmp(here, 7);
  return r;
}

static void nested(void) {
  jmp_buf mine;
  volatile int got = 0;
  if (setjmp(mine) == 0) {
    got = inner();
    longjmp(mine, 1);
  }
  CHECK_EQ(got, 7);
}

static void many_points(void) {
  volatile int sum = 0;
  for (volatile int i = 1; i <= 100; ++i) {
    jmp_buf each;
    int r = setjmp(each);
    if (r == 0) longjmp(each, i);
    sum += r;
  }
  CHECK_EQ(sum, 5050);
}

static jmp_buf from_handler;
static void on_usr1(int sig) { longjmp(from_handler, sig); }

static void out_of_a_handler(void) {
  CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
  int r = setjmp(from_handler);
  if (r == 0) {
    raise(SIGUSR1);
    CHECK(0);  // not reached
  }
  CHECK_EQ(r, SIGUSR1);
  signal(SIGUSR1, SIG_DFL);
}

static void sig_variants(void) {
  sigjmp_buf env;
  int r = sigsetjmp(env, 1);
  if (r == 0) siglongjmp(env, 5);
  CHECK_EQ(r, 5);
}

int main(void) {
  across_frames();
  nested();
  many_points();
  out_of_a_handler();
  sig_variants();
  return check_done();
}
