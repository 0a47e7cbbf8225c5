// Times process operations from inside a process, the same way natively
// and in the box (scripts/bench-processes.mjs runs it under each):
//   proc_bench spawn N   posix_spawn of this program (which exits at once)
//                        and waitpid, N times
//   proc_bench fork N    fork, _exit in the child, waitpid, N times
//   proc_bench pipe N    N times: fork a child that writes 8 MiB into a pipe
//                        in 64 KiB writes, read it all, wait
// Prints "ns T": nanoseconds per spawn or fork, per MiB for pipe. A pipe is
// timed from the first bytes read to the end, not counting them: its
// throughput, without the fork (which `fork` times). The program is at
// $WB_SELF (else argv[0]).
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { kChunk = 64 * 1024, kPipeBytes = 8 * 1024 * 1024 };

extern char** environ;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int wait_ok(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int spawn_once(const char* self) {
  char* argv[] = {"proc_bench", "exit", NULL};
  pid_t pid;
  return posix_spawn(&pid, self, NULL, NULL, argv, environ) == 0 && wait_ok(pid);
}

static int fork_once(void) {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  return pid > 0 && wait_ok(pid);
}

// The time and bytes the pipes took, from their first read on.
static double pipe_ns;
static size_t pipe_bytes;

static int pipe_once(void) {
  static char buf[kChunk];
  int fds[2];
  if (pipe(fds) != 0) return 0;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    memset(buf, 'x', sizeof buf);
    for (size_t left = kPipeBytes; left > 0;) {
      ssize_t n = write(fds[1], buf, left < kChunk ? left : kChunk);
      if (n <= 0) _exit(1);
      left -= (size_t)n;
    }
    _exit(0);
  }
  close(fds[1]);
  ssize_t n = read(fds[0], buf, sizeof buf);
  size_t got = n > 0 ? (size_t)n : 0;
  const double first = now_ns();
  const size_t counted = got;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) got += (size_t)n;
  pipe_ns += now_ns() - first;
  pipe_bytes += got - counted;
  close(fds[0]);
  return pid > 0 && wait_ok(pid) && got == kPipeBytes;
}

int main(int argc, char** argv) {
  if (argc == 2 && strcmp(argv[1], "exit") == 0) return 0;
  if (argc != 3) {
    fprintf(stderr, "usage: proc_bench spawn|fork|pipe N\n");
    return 2;
  }
  const char* self = getenv("WB_SELF") ? getenv("WB_SELF") : argv[0];
  const int n = atoi(argv[2]);
  const double start = now_ns();
  for (int i = 0; i < n; ++i) {
    int ok = strcmp(argv[1], "spawn") == 0  ? spawn_once(self)
             : strcmp(argv[1], "fork") == 0 ? fork_once()
                                            : pipe_once();
    if (!ok) {
      fprintf(stderr, "proc_bench: %s failed\n", argv[1]);
      return 1;
    }
  }
  const double per = (now_ns() - start) / n;
  printf("ns %.0f\n",
         strcmp(argv[1], "pipe") == 0 ? pipe_ns / ((double)pipe_bytes / (1 << 20)) : per);
  return 0;
}
