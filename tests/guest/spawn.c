// posix_spawn, waitpid, kill, system and popen. The children are this program
// again (found at $WB_SELF, else argv[0]), told what to do by argv[2]: they
// get arguments, environment and descriptors through file actions, and
// their ends come back as wait statuses. Needs the guest library (not built
// by plain clang + wasi-libc).
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static const char* self;
static const char* dir;
static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig) { got_usr1 = sig == SIGUSR1; }

// What a child does: argv[2] and what follows.
static int child(int argc, char** argv) {
  const char* mode = argv[2];
  if (strcmp(mode, "exit") == 0) return atoi(argv[3]);
  if (strcmp(mode, "echo") == 0) {
    for (int i = 3; i < argc; ++i) printf("%s%s", argv[i], i + 1 < argc ? " " : "\n");
    return 0;
  }
  if (strcmp(mode, "env") == 0) {
    const char* v = getenv("WB_CHILD");
    printf("%s\n", v ? v : "(none)");
    return 0;
  }
  if (strcmp(mode, "upper") == 0) {  // stdin to stdout, upper-cased
    int c;
    while ((c = getchar()) != EOF) putchar(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return 0;
  }
  if (strcmp(mode, "ppid") == 0) return getppid() == atoi(argv[3]) ? 0 : 1;
  if (strcmp(mode, "term") == 0) {
    raise(SIGTERM);
    return 0;
  }
  if (strcmp(mode, "killself") == 0) {
    kill(getpid(), SIGTERM);
    return 0;
  }
  if (strcmp(mode, "usr1") == 0) {  // a caught signal runs by the next wait at the latest
    signal(SIGUSR1, on_usr1);
    if (kill(getpid(), SIGUSR1) != 0) return 2;
    usleep(1000);
    return got_usr1 ? 0 : 1;
  }
  if (strcmp(mode, "sleep") == 0) {
    sleep(10);
    return 3;
  }
  if (strcmp(mode, "cwd") == 0) {  // starts in argv[3], where here.txt is
    char cwd[512];
    return getcwd(cwd, sizeof cwd) && strcmp(cwd, argv[3]) == 0 && access("here.txt", F_OK) == 0
               ? 0
               : 1;
  }
  if (strcmp(mode, "fds") == 0) {  // argv[3] closed, argv[4] open
    return fcntl(atoi(argv[3]), F_GETFD) < 0 && errno == EBADF && fcntl(atoi(argv[4]), F_GETFD) >= 0
               ? 0
               : 1;
  }
  return 100;
}

static pid_t spawn(posix_spawn_file_actions_t* fa, char* const* env, const char* mode,
                   const char* arg) {
  char* argv[] = {"spawn", (char*)dir, (char*)mode, (char*)arg, NULL};
  pid_t pid = -1;
  CHECK_EQ(posix_spawn(&pid, self, fa, NULL, argv, env), 0);
  return pid;
}

static int wait_for(pid_t pid) {
  int status = -1;
  CHECK_EQ(waitpid(pid, &status, 0), pid);
  return status;
}

static void test_statuses(void) {
  int st = wait_for(spawn(NULL, NULL, "exit", "7"));
  CHECK(WIFEXITED(st));
  CHECK_EQ(WEXITSTATUS(st), 7);
  st = wait_for(spawn(NULL, NULL, "term", NULL));
  CHECK(WIFSIGNALED(st));
  CHECK_EQ(WTERMSIG(st), SIGTERM);
  char me[16];
  snprintf(me, sizeof me, "%d", (int)getpid());
  CHECK_EQ(wait_for(spawn(NULL, NULL, "ppid", me)), 0);
  CHECK_ERR(waitpid(-1, NULL, 0), ECHILD);
  CHECK_ERR(wait(NULL), ECHILD);
}

static void test_kill(void) {
  int st = wait_for(spawn(NULL, NULL, "killself", NULL));
  CHECK(WIFSIGNALED(st));
  CHECK_EQ(WTERMSIG(st), SIGTERM);
  CHECK_EQ(wait_for(spawn(NULL, NULL, "usr1", NULL)), 0);
  pid_t pid = spawn(NULL, NULL, "sleep", NULL);
  CHECK_OK(kill(pid, 0));
  CHECK_OK(kill(pid, SIGTERM));
  st = wait_for(pid);
  CHECK(WIFSIGNALED(st));
  CHECK_EQ(WTERMSIG(st), SIGTERM);
  CHECK_ERR(kill(pid, 0), ESRCH);
  CHECK_OK(kill(getpid(), 0));
  CHECK_ERR(kill(getpid(), 99), EINVAL);
  CHECK_ERR(kill(99999, SIGTERM), ESRCH);
}

static void test_wait_any(void) {
  pid_t a = spawn(NULL, NULL, "exit", "1"), b = spawn(NULL, NULL, "exit", "2");
  int seen = 0;
  for (int i = 0; i < 2; ++i) {
    int st;
    pid_t got = waitpid(-1, &st, 0);
    CHECK(got == a || got == b);
    seen += WEXITSTATUS(st);
  }
  CHECK_EQ(seen, 3);
}

// Reads `fd` to its end into `buf`.
static void read_all(int fd, char* buf, size_t size) {
  size_t n = 0;
  ssize_t r;
  while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0) n += (size_t)r;
  buf[n] = '\0';
}

static void test_pipes_and_environment(void) {
  int out[2], in[2];
  CHECK_OK(pipe(out));
  CHECK_OK(pipe(in));
  posix_spawn_file_actions_t fa;
  CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
  CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, in[0], 0), 0);
  CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, out[1], 1), 0);
  for (int i = 0; i < 2; ++i) {
    CHECK_EQ(posix_spawn_file_actions_addclose(&fa, in[i]), 0);
    CHECK_EQ(posix_spawn_file_actions_addclose(&fa, out[i]), 0);
  }
  pid_t pid = spawn(&fa, NULL, "upper", NULL);
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(out[1]);
  CHECK_EQ(write(in[1], "hello, child\n", 13), 13);
  close(in[1]);
  char buf[64];
  read_all(out[0], buf, sizeof buf);
  CHECK(strcmp(buf, "HELLO, CHILD\n") == 0);
  close(out[0]);
  CHECK_EQ(wait_for(pid), 0);

  CHECK_OK(pipe(out));
  CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
  CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, out[1], 1), 0);
  char* env[] = {"WB_CHILD=given", NULL};
  pid = spawn(&fa, env, "env", NULL);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  read_all(out[0], buf, sizeof buf);
  CHECK(strcmp(buf, "given\n") == 0);
  close(out[0]);
  CHECK_EQ(wait_for(pid), 0);
}

static void test_open_action_and_close_on_exec(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0644), 0);
  CHECK_EQ(wait_for(spawn(&fa, NULL, "echo", "into a file")), 0);
  posix_spawn_file_actions_destroy(&fa);
  FILE* f = fopen(path, "r");
  char buf[64] = {0};
  CHECK(f && fgets(buf, sizeof buf, f));
  CHECK(strcmp(buf, "into a file\n") == 0);
  if (f) fclose(f);

  int hidden = CHECK_OK(open(path, O_RDONLY));
  int shown = CHECK_OK(open(path, O_RDONLY));
  CHECK_OK(fcntl(hidden, F_SETFD, FD_CLOEXEC));
  char args[32];
  snprintf(args, sizeof args, "%d", hidden);
  char* argv[] = {"spawn", (char*)dir, "fds", args, NULL, NULL};
  char shown_s[16];
  snprintf(shown_s, sizeof shown_s, "%d", shown);
  argv[4] = shown_s;
  pid_t pid;
  CHECK_EQ(posix_spawn(&pid, self, NULL, NULL, argv, NULL), 0);
  CHECK_EQ(wait_for(pid), 0);
  close(hidden);
  close(shown);
}

static void test_spawn_errors(void) {
  char path[512];
  char* argv[] = {"x", NULL};
  pid_t pid;
  snprintf(path, sizeof path, "%s/missing", dir);
  CHECK_EQ(posix_spawn(&pid, path, NULL, NULL, argv, NULL), ENOENT);
  snprintf(path, sizeof path, "%s/text", dir);
  FILE* f = fopen(path, "w");
  CHECK(f != NULL);
  if (f) fputs("not a program\n", f), fclose(f);
#ifndef __wasi__  // wasi-libc has no chmod (and the box no execute bits)
  CHECK_OK(chmod(path, 0755));
#endif
  CHECK_EQ(posix_spawn(&pid, path, NULL, NULL, argv, NULL), ENOEXEC);
  CHECK_EQ(posix_spawnp(&pid, "no-such-program-anywhere", NULL, NULL, argv, NULL), ENOENT);
}

static void test_system_and_popen(void) {
  char cmd[600];
  CHECK(system(NULL) != 0);
  snprintf(cmd, sizeof cmd, "%s %s exit 3", self, dir);
  int st = system(cmd);
  CHECK(WIFEXITED(st));
  CHECK_EQ(WEXITSTATUS(st), 3);

  snprintf(cmd, sizeof cmd, "%s %s echo 'two  words' \"and \\\"more\\\"\" back\\ slash", self, dir);
  FILE* p = popen(cmd, "r");
  char buf[128] = {0};
  CHECK(p && fgets(buf, sizeof buf, p));
  CHECK(strcmp(buf, "two  words and \"more\" back slash\n") == 0);
  if (p) CHECK_EQ(pclose(p), 0);

  snprintf(cmd, sizeof cmd, "%s %s exit 5", self, dir);
  p = popen(cmd, "r");
  CHECK(p != NULL);
  if (p) CHECK_EQ(WEXITSTATUS(pclose(p)), 5);

  char path[512];
  snprintf(path, sizeof path, "%s/upper.txt", dir);
  FILE* out = fopen(path, "w");
  CHECK(out != NULL);
  // The child's stdout is ours: point ours at the file while it runs.
  fflush(stdout);
  int saved = dup(1);
  dup2(fileno(out), 1);
  snprintf(cmd, sizeof cmd, "%s %s upper", self, dir);
  p = popen(cmd, "w");
  dup2(saved, 1);
  close(saved);
  fclose(out);
  CHECK(p != NULL);
  if (p) {
    fputs("written by the parent\n", p);
    CHECK_EQ(pclose(p), 0);
  }
  FILE* f = fopen(path, "r");
  CHECK(f && fgets(buf, sizeof buf, f));
  CHECK(strcmp(buf, "WRITTEN BY THE PARENT\n") == 0);
  if (f) fclose(f);
}

// A child starts in the directory its parent is in (wasi-libc keeps its
// own, which the guest library keeps in step with the kernel's).
static void test_working_directory(void) {
  char start[512], there[512], program[512];
  CHECK(getcwd(start, sizeof start) != NULL);
  CHECK(realpath(self, program) != NULL);
  CHECK_EQ(chdir(dir), 0);
  CHECK(getcwd(there, sizeof there) != NULL);
  FILE* f = fopen("here.txt", "w");
  CHECK(f != NULL);
  if (f) fclose(f);
  const char* saved_self = self;
  self = program;
  CHECK_EQ(wait_for(spawn(NULL, NULL, "cwd", there)), 0);
  self = saved_self;
  CHECK_EQ(chdir(start), 0);
}

int main(int argc, char** argv) {
  if (argc > 2) return child(argc, argv);
  dir = argc > 1 ? argv[1] : ".";
  self = getenv("WB_SELF") ? getenv("WB_SELF") : argv[0];
  test_statuses();
  test_kill();
  test_wait_any();
  test_pipes_and_environment();
  test_open_action_and_close_on_exec();
  test_spawn_errors();
  test_system_and_popen();
  test_working_directory();
  return check_failures_ ? 1 : 0;
}
