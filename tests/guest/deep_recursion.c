// Recursion as deep as ordinary programs go (a parser on nested input, a
// regex engine): 4000 calls with a kilobyte of locals each, 4 MB of stack,
// which wasmbox-cc's default (5 MiB with either toolchain) holds, as a
// native 8 MB stack does.
#include <string.h>

#include "check.h"

// Where each frame's locals are published, so that they take their room.
static char* volatile seen;

__attribute__((noinline)) static int nest(int depth, const char* text) {
  char frame[1024];
  seen = frame;
  memset(frame, depth & 0x7f, sizeof frame);
  frame[sizeof frame - 1] = text[depth % 4];
  if (depth == 0) return frame[0] + frame[sizeof frame - 1];
  return nest(depth - 1, text) + (frame[3] == (char)(depth & 0x7f));
}

int main(void) {
  CHECK_EQ(nest(4000, "abcd"), 4000 + 'a');
  return check_done();
}
