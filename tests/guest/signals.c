// signal() and raise(): a handler runs for its signal, SIG_IGN drops it,
// SIGWINCH is ignored by default. With "wait" after the directory, it
// instead waits for lines on the terminal and reports the signals the
// terminal sends it (^C, a window change) until end of file: a test drives
// that in tmux.
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t last, count;

static void handler(int sig) {
  last = sig;
  count++;
}

static void test_handlers(void) {
  CHECK(signal(SIGUSR1, handler) == SIG_DFL);
  CHECK_EQ(raise(SIGUSR1), 0);
  CHECK_EQ(last, SIGUSR1);
  CHECK_EQ(count, 1);
  CHECK(signal(SIGUSR1, SIG_IGN) == handler);
  CHECK_EQ(raise(SIGUSR1), 0);
  CHECK_EQ(count, 1);
  CHECK(signal(SIGWINCH, SIG_DFL) == SIG_DFL);
  CHECK_EQ(raise(SIGWINCH), 0);
}

static void say(int sig) {
  const char* what = sig == SIGINT ? "[SIGINT]\n" : "[SIGWINCH]\n";
  (void)!write(STDOUT_FILENO, what, strlen(what));
}

static int wait_for_signals(void) {
  signal(SIGINT, say);
  signal(SIGWINCH, say);
  printf("ready\n");
  fflush(stdout);
  char line[256];
  while (fgets(line, sizeof line, stdin)) printf("line: %s", line);
  printf("bye\n");
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 2 && strcmp(argv[2], "wait") == 0) return wait_for_signals();
  test_handlers();
  return check_done();
}
