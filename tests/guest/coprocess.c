// Processes that run side by side: a parent and a child that talk both
// ways through two pipes, taking turns (a coprocess), and two children
// that compute at once. Needs the guest library (fork, pipe, waitpid) and
// processes in workers of their own: nested on one thread, the child could
// not wait for its parent's next line (EDEADLK), so the nested runs leave
// this program out.
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "children.h"

enum { kRounds = 200 };

// The child doubles each number the parent sends, until the parent closes
// its end.
static void a_parent_and_its_child_take_turns(void) {
  int down[2], up[2];
  CHECK_EQ(pipe(down), 0);
  CHECK_EQ(pipe(up), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    int n;
    while (read(down[0], &n, sizeof n) == sizeof n) {
      n *= 2;
      if (write(up[1], &n, sizeof n) != sizeof n) _exit(2);
    }
    _exit(0);
  }
  CHECK(pid > 0);
  close(down[0]);
  close(up[1]);
  for (int i = 1; i <= kRounds; ++i) {
    int n = i, got = 0;
    CHECK_EQ(write(down[1], &n, sizeof n), (ssize_t)sizeof n);
    CHECK_EQ(read(up[0], &got, sizeof got), (ssize_t)sizeof got);
    CHECK_EQ(got, 2 * i);
  }
  close(down[1]);
  CHECK_EQ(wait_for(pid), 0);
  close(up[0]);
}

// Each child sums in a loop that never calls the kernel, then reports.
static void children_compute_at_once(void) {
  int fds[2];
  CHECK_EQ(pipe(fds), 0);
  pid_t pids[2];
  for (int c = 0; c < 2; ++c) {
    pids[c] = fork();
    if (pids[c] == 0) {
      volatile unsigned sum = 0;
      for (unsigned i = 0; i < 20000000u; ++i) sum += i;
      char line[32];
      int len = snprintf(line, sizeof line, "%u\n", sum);
      _exit(write(fds[1], line, (size_t)len) == len ? 0 : 1);
    }
  }
  close(fds[1]);
  char out[64] = {0};
  size_t got = 0;
  ssize_t n;
  while (got < sizeof out - 1 && (n = read(fds[0], out + got, sizeof out - 1 - got)) > 0) got += (size_t)n;
  close(fds[0]);
  for (int c = 0; c < 2; ++c) CHECK_EQ(wait_for(pids[c]), 0);
  CHECK(strcmp(out, "542894464\n542894464\n") == 0);
}

int main(void) {
  a_parent_and_its_child_take_turns();
  children_compute_at_once();
  return check_failures_ ? 1 : 0;
}
