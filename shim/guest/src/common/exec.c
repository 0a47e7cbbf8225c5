/* The exec family over the kernel's proc_exec: the process goes on with
 * another program, keeping its pid and its descriptors but the close-on-exec
 * ones. On success none of these returns. (A box has no /bin/sh to run a
 * script execvp finds, so ENOEXEC comes back as it is.) */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search_path.h"
#include "wasmbox/cwd.h"
#include "wasmbox/imports.h"

extern char** environ;

int execve(const char* path, char* const argv[], char* const envp[]) {
  char* full = __wasmbox_absolute(path);
  if (!full) return -1;
  __wasmbox_share_cwd();
  errno = __wasmbox_proc_exec(full, (uint32_t)strlen(full), argv, __wasmbox_count(argv), envp,
                              __wasmbox_count(envp));
  free(full);
  return -1;
}

int execv(const char* path, char* const argv[]) { return execve(path, argv, environ); }

struct exec_args {
  char *const *argv, *const *envp;
};

static int exec_at(const char* path, void* ctx) {
  struct exec_args* a = ctx;
  execve(path, a->argv, a->envp);
  return errno;
}

int execvpe(const char* file, char* const argv[], char* const envp[]) {
  struct exec_args a = {argv, envp};
  errno = __wasmbox_search_path(file, exec_at, &a);
  return -1;
}

int execvp(const char* file, char* const argv[]) { return execvpe(file, argv, environ); }

enum { kPath, kPathWithEnv, kSearch };

/* execl, execle and execlp: `arg0` and the arguments up to the NULL as an
 * array (for execle, the environment after it), then execve or execvpe. */
static int exec_list(const char* file, const char* arg0, va_list ap, int how) {
  va_list count_ap;
  va_copy(count_ap, ap);
  size_t n = 1;
  while (va_arg(count_ap, char*)) ++n;
  va_end(count_ap);
  char** argv = malloc((n + 1) * sizeof *argv);
  if (!argv) return -1;
  argv[0] = (char*)arg0;
  for (size_t i = 1; i <= n; ++i) argv[i] = va_arg(ap, char*);
  char** envp = how == kPathWithEnv ? va_arg(ap, char**) : environ;
  if (how == kSearch)
    execvpe(file, argv, envp);
  else
    execve(file, argv, envp);
  free(argv);
  return -1;
}

int execl(const char* path, const char* arg0, ...) {
  va_list ap;
  va_start(ap, arg0);
  int r = exec_list(path, arg0, ap, kPath);
  va_end(ap);
  return r;
}

int execle(const char* path, const char* arg0, ...) {
  va_list ap;
  va_start(ap, arg0);
  int r = exec_list(path, arg0, ap, kPathWithEnv);
  va_end(ap);
  return r;
}

int execlp(const char* file, const char* arg0, ...) {
  va_list ap;
  va_start(ap, arg0);
  int r = exec_list(file, arg0, ap, kSearch);
  va_end(ap);
  return r;
}
