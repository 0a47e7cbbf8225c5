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
#include "wasmbox/imports.h"

extern char** environ;

int execve(const char* path, char* const argv[], char* const envp[]) {
  char* full = __wasmbox_absolute(path);
  if (!full) return -1;
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

/* The arguments of execl, execle and execlp as an array: `arg0` and those
 * up to the NULL; with `with_env`, the environment after it. */
static char** collect(const char* arg0, va_list ap, int with_env, char*** envp) {
  va_list count_ap;
  va_copy(count_ap, ap);
  size_t n = 1;
  while (va_arg(count_ap, char*)) ++n;
  va_end(count_ap);
  char** argv = malloc((n + 1) * sizeof *argv);
  if (!argv) return NULL;
  argv[0] = (char*)arg0;
  for (size_t i = 1; i <= n; ++i) argv[i] = va_arg(ap, char*);
  if (with_env) *envp = va_arg(ap, char**);
  return argv;
}

int execl(const char* path, const char* arg0, ...) {
  va_list ap;
  va_start(ap, arg0);
  char** argv = collect(arg0, ap, 0, NULL);
  va_end(ap);
  if (!argv) return -1;
  execv(path, argv);
  free(argv);
  return -1;
}

int execle(const char* path, const char* arg0, ...) {
  va_list ap;
  va_start(ap, arg0);
  char** envp = NULL;
  char** argv = collect(arg0, ap, 1, &envp);
  va_end(ap);
  if (!argv) return -1;
  execve(path, argv, envp);
  free(argv);
  return -1;
}

int execlp(const char* file, const char* arg0, ...) {
  va_list ap;
  va_start(ap, arg0);
  char** argv = collect(arg0, ap, 0, NULL);
  va_end(ap);
  if (!argv) return -1;
  execvp(file, argv);
  free(argv);
  return -1;
}
