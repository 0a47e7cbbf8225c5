/* system, popen and pclose. The command runs under /bin/sh -c when the box
 * has one. Without a shell, a command that needs none (words, quotes and
 * backslashes only) runs directly, found on PATH; any other fails as a
 * shell's "not found" would (status 127), with a line on stderr. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { NOT_FOUND = 127 };

/* Splits a command into words as sh would if it needs nothing else of a
 * shell; null if it does (or memory ran out). The words share one buffer. */
static char **split_words(const char *cmd) {
  size_t len = strlen(cmd);
  char *buf = malloc(len + 1);
  char **words = calloc(len / 2 + 2, sizeof *words);
  size_t n = 0;
  char *out = buf;
  int in_word = 0;
  if (!buf || !words) goto refuse;
  for (const char *p = cmd; *p; ++p) {
    char c = *p;
    if (c == ' ' || c == '\t') {
      if (in_word) *out++ = '\0';
      in_word = 0;
      continue;
    }
    if (!in_word) {
      if (c == '#' || c == '~') goto refuse;
      words[n++] = out;
      in_word = 1;
    }
    if (c == '\\') {
      if (!*++p || *p == '\n') goto refuse;
      *out++ = *p;
    } else if (c == '\'') {
      const char *end = strchr(p + 1, '\'');
      if (!end) goto refuse;
      memcpy(out, p + 1, (size_t)(end - p - 1));
      out += end - p - 1;
      p = end;
    } else if (c == '"') {
      for (++p; *p != '"'; ++p) {
        if (!*p || *p == '$' || *p == '`') goto refuse;
        if (*p == '\\' && strchr("\\\"$`", p[1])) ++p;
        *out++ = *p;
      }
    } else if (strchr("|&;<>()$`*?[=\n", c)) {
      goto refuse;
    } else {
      *out++ = c;
    }
  }
  if (in_word) *out = '\0';
  if (n == 0) goto refuse;
  return words;
refuse:
  free(buf);
  free(words);
  return NULL;
}

static void free_words(char **words) {
  if (!words) return;
  free(words[0]);
  free(words);
}

/* Spawns `cmd` with `fa`: through /bin/sh if there is one, else directly.
 * Returns 0 or an errno; NOT_FOUND when it cannot run at all (reported). */
static int spawn_command(pid_t *pid, const char *cmd, const posix_spawn_file_actions_t *fa) {
  if (access("/bin/sh", X_OK) == 0) {
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    return posix_spawn(pid, "/bin/sh", fa, NULL, argv, environ);
  }
  char **words = split_words(cmd);
  if (!words) {
    fprintf(stderr, "wasmbox: cannot run \"%s\": it needs a shell, and there is no /bin/sh\n", cmd);
    return NOT_FOUND;
  }
  int r = posix_spawnp(pid, words[0], fa, NULL, words, environ);
  if (r == ENOENT || r == ENOEXEC || r == EACCES) {
    fprintf(stderr, "%s: %s\n", words[0], r == ENOENT ? "command not found" : strerror(r));
    r = NOT_FOUND;
  }
  free_words(words);
  return r;
}

/* A shell is always there to ask: a command without one still runs. */
int system(const char *cmd) {
  if (!cmd) return 1;
  pid_t pid;
  int r = spawn_command(&pid, cmd, NULL);
  if (r == NOT_FOUND) return NOT_FOUND << 8;
  if (r) {
    errno = r;
    return -1;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

/* The streams popen opened, with their children: a later child must not
 * hold their pipes open, and pclose waits for the right one. */
struct piped {
  FILE *file;
  pid_t pid;
  struct piped *next;
};
static struct piped *opened;

FILE *popen(const char *cmd, const char *mode) {
  int reading = mode[0] == 'r';
  if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && mode[1] != 'e')) {
    errno = EINVAL;
    return NULL;
  }
  int ends[2];
  if (pipe(ends) < 0) return NULL;
  /* The child's end becomes its stdout (reading) or stdin (writing). */
  int mine = ends[reading ? 0 : 1], theirs = ends[reading ? 1 : 0];
  struct piped *p = malloc(sizeof *p);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  int r = p ? 0 : ENOMEM;
  for (struct piped *q = opened; q && !r; q = q->next) {
    r = posix_spawn_file_actions_addclose(&fa, fileno(q->file));
  }
  if (!r) r = posix_spawn_file_actions_addclose(&fa, mine);
  if (!r) r = posix_spawn_file_actions_adddup2(&fa, theirs, reading ? 1 : 0);
  if (!r && theirs != (reading ? 1 : 0)) r = posix_spawn_file_actions_addclose(&fa, theirs);
  if (!r) r = spawn_command(&p->pid, cmd, &fa);
  posix_spawn_file_actions_destroy(&fa);
  close(theirs);
  if (r == 0) p->file = fdopen(mine, mode);
  if (r || !p->file) {
    if (r == NOT_FOUND) r = ENOENT;
    close(mine);
    free(p);
    errno = r ? r : errno;
    return NULL;
  }
  p->next = opened;
  opened = p;
  return p->file;
}

int pclose(FILE *file) {
  struct piped **at = &opened;
  while (*at && (*at)->file != file) at = &(*at)->next;
  struct piped *p = *at;
  if (!p) {
    errno = ECHILD;
    return -1;
  }
  *at = p->next;
  fclose(file);
  pid_t pid = p->pid;
  free(p);
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}
