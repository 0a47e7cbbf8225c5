// The exec family: a process goes on with another program, keeping its pid and its descriptors
// but the close-on-exec ones. Children (this program again, found at $WB_SELF, else argv[0])
// exec it once more in "report" mode, which checks what it inherited and exits with a status
// the parent reads from waitpid. Needs the guest library (not built by plain clang + wasi-libc).
#include <errno.h>
#include <fcntl.h>
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

// argv: exec DIR report PID KEPT DROPPED [EXTRA]: the pid before the exec, a descriptor that must
// be open and one that must be closed. Exit 42 when all holds, else a small number saying what
// failed.
static int report(int argc, char** argv) {
  if (argc < 6) return 1;
  if (getpid() != atoi(argv[3])) return 2;
  if (fcntl(atoi(argv[4]), F_GETFD) < 0) return 3;
  if (fcntl(atoi(argv[5]), F_GETFD) >= 0 || errno != EBADF) return 4;
  const char* extra = argc > 6 ? argv[6] : "";
  if (strcmp(extra, "env") == 0) {
    const char* v = getenv("WB_EXEC");
    if (!v || strcmp(v, "passed") != 0 || getenv("WB_SELF")) return 5;
  }
  return 42;
}

// How a child execs "report": by argv[3].
static int child(const char* how) {
  int kept = open(".", O_RDONLY | O_DIRECTORY);
  int dropped = open(".", O_RDONLY | O_DIRECTORY);
  // FD_CLOEXEC through fcntl: wasi-libc's O_CLOEXEC is 0.
  if (kept < 0 || dropped < 0 || fcntl(dropped, F_SETFD, FD_CLOEXEC) < 0) return 10;
  char pid[16], k[16], d[16];
  snprintf(pid, sizeof pid, "%d", (int)getpid());
  snprintf(k, sizeof k, "%d", kept);
  snprintf(d, sizeof d, "%d", dropped);
  char* argv[] = {"exec", (char*)dir, "report", pid, k, d, NULL, NULL};
  if (strcmp(how, "execv") == 0) {
    execv(self, argv);
  } else if (strcmp(how, "execve") == 0) {
    argv[6] = "env";
    char* env[] = {"WB_EXEC=passed", NULL};
    execve(self, argv, env);
  } else if (strcmp(how, "execl") == 0) {
    execl(self, "exec", dir, "report", pid, k, d, (char*)NULL);
  } else if (strcmp(how, "execvp") == 0) {
    // Found through PATH by its name: the directory that holds it comes second.
    char* copy = strdup(self);
    char* slash = strrchr(copy, '/');
    *slash = '\0';
    char* path = malloc(strlen(copy) + 16);
    sprintf(path, "/nowhere:%s", copy);
    setenv("PATH", path, 1);
    execvp(slash + 1, argv);
  }
  return 11;  // the exec failed
}

extern char** environ;

// Spawns a child (its argv[0] the full path, so it can exec itself) that execs "report" the way
// `how` says; it must exit 42.
static void run_child(const char* how) {
  char* argv[] = {(char*)self, (char*)dir, "child", (char*)how, NULL};
  pid_t pid = -1;
  CHECK_EQ(posix_spawn(&pid, self, NULL, NULL, argv, environ), 0);
  int status = 0;
  CHECK_EQ(waitpid(pid, &status, 0), pid);
  CHECK(WIFEXITED(status));
  if (WEXITSTATUS(status) != 42) fprintf(stderr, "%s: status %d\n", how, WEXITSTATUS(status));
  CHECK_EQ(WEXITSTATUS(status), 42);
}

// A failed exec returns -1 with Linux's errno, and the process goes on.
static void test_failures(void) {
  char* argv[] = {"x", NULL};
  CHECK_ERR(execv("/nonexistent/x", argv), ENOENT);
  CHECK_ERR(execv(".", argv), EACCES);
  FILE* f = fopen("script", "w");
  CHECK(f != NULL);
  fputs("not a program\n", f);
  CHECK_OK(fclose(f));
#ifndef __wasi__
  CHECK_OK(chmod("script", 0755));  // wasi-libc has no chmod; the box keeps no modes
#endif
  CHECK_ERR(execv("./script", argv), ENOEXEC);
  CHECK_OK(setenv("PATH", "/nowhere:/also-nowhere", 1));
  CHECK_ERR(execvp("no-such-program-anywhere", argv), ENOENT);
}

int main(int argc, char** argv) {
  self = getenv("WB_SELF") ? getenv("WB_SELF") : argv[0];
  if (argc >= 2) dir = argv[1];
  if (argc >= 3 && strcmp(argv[2], "report") == 0) return report(argc, argv);
  if (argc >= 4 && strcmp(argv[2], "child") == 0) return child(argv[3]);
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  run_child("execv");
  run_child("execve");
  run_child("execl");
  run_child("execvp");
  test_failures();
  return check_done();
}
