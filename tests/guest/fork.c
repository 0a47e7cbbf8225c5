// fork and vfork: both processes go on from the call, the child on a copy
// of the memory (globals, heap, stack) with the parent's descriptors; exit
// statuses, pipes (and SIGPIPE), shared offsets, nested forks, a fork deep in recursion
// or under setjmp, and exec from a forked child (this program again, found
// at $WB_SELF, else argv[0]). Needs the guest library (not built by plain
// clang + wasi-libc).
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#if !defined(__wasi__)
#include <setjmp.h>
#endif

#include "check.h"
#include "children.h"

static int global_counter = 1;

static void returns_twice_with_the_childs_pid_and_zero(void) {
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) _exit(getppid() == parent && getpid() != parent ? 7 : 1);
  CHECK(pid > 0);
  CHECK(pid != parent);
  CHECK_EQ(wait_for(pid), 7);
  CHECK_EQ(getpid(), parent);
}

static void the_child_works_on_a_copy_of_the_memory(void) {
  char local[32] = "stack";
  char* heap = strdup("heap");
  global_counter = 10;
  pid_t pid = fork();
  if (pid == 0) {
    int ok = global_counter == 10 && strcmp(local, "stack") == 0 && strcmp(heap, "heap") == 0;
    global_counter = 99;
    strcpy(local, "changed");
    strcpy(heap, "HEAP");
    _exit(ok ? 0 : 1);
  }
  CHECK_EQ(wait_for(pid), 0);
  CHECK_EQ(global_counter, 10);
  CHECK(strcmp(local, "stack") == 0);
  CHECK(strcmp(heap, "heap") == 0);
  free(heap);
}

static void a_pipe_carries_the_childs_output(void) {
  int fds[2];
  CHECK_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    char msg[64];
    int n = snprintf(msg, sizeof msg, "hello from %d", (int)getpid());
    _exit(write(fds[1], msg, (size_t)n) == n ? 0 : 1);
  }
  close(fds[1]);
  char buf[64] = {0}, want[64];
  size_t got = 0;
  ssize_t n;
  while ((n = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)n;
  CHECK_EQ(n, 0);  // EOF once the child's copy of the write end closed
  snprintf(want, sizeof want, "hello from %d", (int)pid);
  CHECK(strcmp(buf, want) == 0);
  close(fds[0]);
  CHECK_EQ(wait_for(pid), 0);
}

static void parent_and_child_share_an_offset(const char* dir) {
  char path[256];
  snprintf(path, sizeof path, "%s/fork_offset", dir);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK_EQ(write(fd, "abcdef", 6), 6);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  pid_t pid = fork();
  if (pid == 0) {
    char two[2];
    _exit(read(fd, two, 2) == 2 && two[0] == 'a' ? 0 : 1);
  }
  CHECK_EQ(wait_for(pid), 0);
  char rest[8] = {0};
  CHECK_EQ(read(fd, rest, sizeof rest), 4);
  CHECK(strcmp(rest, "cdef") == 0);
  close(fd);
  CHECK_EQ(unlink(path), 0);
}

static void a_child_can_fork_too(void) {
  pid_t pid = fork();
  if (pid == 0) {
    pid_t grandchild = fork();
    if (grandchild == 0) _exit(5);
    int status = 0;
    if (waitpid(grandchild, &status, 0) != grandchild) _exit(1);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) + 1 : 2);
  }
  CHECK_EQ(wait_for(pid), 6);
}

// Forks at the bottom of `depth` frames; each frame adds its own depth to
// the result on the way back, in both processes.
static int fork_deep(int depth, pid_t* pid) {
  volatile int mine = depth;
  if (depth == 0) {
    *pid = fork();
    return 0;
  }
  return fork_deep(depth - 1, pid) + mine;
}

static void a_fork_deep_in_recursion_returns_through_every_frame(void) {
  pid_t pid = -1;
  int sum = fork_deep(200, &pid);
  if (pid == 0) _exit(sum == 200 * 201 / 2 ? 0 : 1);
  CHECK_EQ(sum, 200 * 201 / 2);
  CHECK_EQ(wait_for(pid), 0);
}

static void many_forks_one_after_another(void) {
  pid_t last = 0;
  for (int i = 0; i < 40; ++i) {
    pid_t pid = fork();
    if (pid == 0) _exit(i % 256);
    CHECK(pid != last);
    CHECK_EQ(wait_for(pid), i);
    last = pid;
  }
}

static void a_signal_ends_a_child(void) {
  pid_t pid = fork();
  if (pid == 0) {
    raise(SIGTERM);
    _exit(0);
  }
  CHECK_EQ(wait_for(pid), 128 + SIGTERM);
}

static void a_write_no_one_reads_ends_the_writer_by_sigpipe(void) {
  int fds[2];
  CHECK_EQ(pipe(fds), 0);
  close(fds[0]);
  pid_t pid = fork();
  if (pid == 0) {
    (void)write(fds[1], "x", 1);
    _exit(0);  // not reached
  }
  CHECK_EQ(wait_for(pid), 128 + SIGPIPE);
  // Ignored, it is EPIPE.
  signal(SIGPIPE, SIG_IGN);
  CHECK_ERR(write(fds[1], "x", 1), EPIPE);
  signal(SIGPIPE, SIG_DFL);
  close(fds[1]);
}

static void vfork_then_exit(void) {
  pid_t pid = vfork();
  if (pid == 0) _exit(3);
  CHECK(pid > 0);
  CHECK_EQ(wait_for(pid), 3);
}

static void a_forked_child_can_exec(const char* self) {
  pid_t pid = fork();
  if (pid == 0) {
    char* argv[] = {"fork", "-", "exit", "9", NULL};
    execv(self, argv);
    _exit(127);
  }
  CHECK_EQ(wait_for(pid), 9);
}

#if !defined(__wasi__)
static jmp_buf jump;

static pid_t fork_here(void) { return fork(); }

// setjmp's and longjmp's machinery (Emscripten's invoke_* calls) is on the
// stack when fork unwinds and rewinds it.
static void fork_under_setjmp(void) {
  volatile pid_t pid = -1;
  int jumped = setjmp(jump);
  if (jumped) {
    if (pid == 0) _exit(jumped);
    CHECK_EQ(jumped, 1);
    CHECK_EQ(wait_for(pid), 42);
    return;
  }
  pid = fork_here();
  longjmp(jump, pid == 0 ? 42 : 1);
}
#endif

int main(int argc, char** argv) {
  if (argc > 3 && strcmp(argv[2], "exit") == 0) return atoi(argv[3]);
  const char* dir = argc > 1 ? argv[1] : ".";
  const char* self = getenv("WB_SELF") ? getenv("WB_SELF") : argv[0];
  returns_twice_with_the_childs_pid_and_zero();
  the_child_works_on_a_copy_of_the_memory();
  a_pipe_carries_the_childs_output();
  parent_and_child_share_an_offset(dir);
  a_child_can_fork_too();
  a_fork_deep_in_recursion_returns_through_every_frame();
  many_forks_one_after_another();
  a_signal_ends_a_child();
  a_write_no_one_reads_ends_the_writer_by_sigpipe();
  vfork_then_exit();
  a_forked_child_can_exec(self);
#if !defined(__wasi__)
  fork_under_setjmp();
#endif
  return check_failures_ ? 1 : 0;
}
