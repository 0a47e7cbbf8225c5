/* posix_spawn, posix_spawnp and their file actions, over the kernel's
 * proc_spawn. An "open" action opens the file here, in the parent, and
 * becomes a dup2 and a close in the child (so open errors come back from
 * posix_spawn itself). The actions live in an array this file owns; they
 * replace Emscripten's (musl's) versions as a whole. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search_path.h"
#include "wasmbox/cwd.h"
#include "wasmbox/imports.h"

enum { OP_CLOSE = 1, OP_DUP2 = 2, OP_CHDIR = 3, OP_OPEN = 4, OP_FCHDIR = 5 };

struct action {
  int op, fd, src, oflag;
  mode_t mode;
  char* path;
};

struct actions {
  size_t count, capacity;
  struct action items[];
};

extern char** environ;

int posix_spawn_file_actions_init(posix_spawn_file_actions_t* fa) {
  memset(fa, 0, sizeof *fa);
  return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t* fa) {
  struct actions* a = fa->__actions;
  for (size_t i = 0; a && i < a->count; ++i) free(a->items[i].path);
  free(a);
  fa->__actions = NULL;
  return 0;
}

static int add(posix_spawn_file_actions_t* fa, struct action item) {
  if (item.fd < 0 || item.src < 0) return EBADF;
  struct actions* a = fa->__actions;
  if (!a || a->count == a->capacity) {
    size_t capacity = a ? a->capacity * 2 : 4;
    struct actions* bigger = realloc(a, sizeof *a + capacity * sizeof a->items[0]);
    if (!bigger) return ENOMEM;
    if (!a) bigger->count = 0;
    bigger->capacity = capacity;
    fa->__actions = a = bigger;
  }
  a->items[a->count++] = item;
  return 0;
}

static int add_path(posix_spawn_file_actions_t* fa, struct action item, const char* path) {
  item.path = strdup(path);
  if (!item.path) return ENOMEM;
  int r = add(fa, item);
  if (r) free(item.path);
  return r;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t* fa, int fd) {
  return add(fa, (struct action){.op = OP_CLOSE, .fd = fd});
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t* fa, int src, int fd) {
  return add(fa, (struct action){.op = OP_DUP2, .fd = fd, .src = src});
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t* restrict fa, int fd,
                                     const char* restrict path, int oflag, mode_t mode) {
  return add_path(fa, (struct action){.op = OP_OPEN, .fd = fd, .oflag = oflag, .mode = mode}, path);
}

int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t* restrict fa,
                                         const char* restrict path) {
  return add_path(fa, (struct action){.op = OP_CHDIR}, path);
}

int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t* fa, int fd) {
  return add(fa, (struct action){.op = OP_FCHDIR, .fd = fd});
}

/* The kernel's records for `a`, opening the files of open actions here;
 * `opened` collects what the parent closes afterwards. */
static int translate(const struct actions* a, struct __wasmbox_spawn_action* out, int* opened,
                     size_t* nout, size_t* nopened) {
  for (size_t i = 0; a && i < a->count; ++i) {
    const struct action* x = &a->items[i];
    switch (x->op) {
      case OP_CLOSE:
      case OP_DUP2:
        out[(*nout)++] =
            (struct __wasmbox_spawn_action){(uint32_t)x->op, (uint32_t)x->fd, (uint32_t)x->src, 0};
        break;
      case OP_CHDIR:
        out[(*nout)++] = (struct __wasmbox_spawn_action){OP_CHDIR, 0, (uint32_t)x->path,
                                                         (uint32_t)strlen(x->path)};
        break;
      case OP_OPEN: {
        int fd = open(x->path, x->oflag, x->mode);
        if (fd < 0) return errno;
        opened[(*nopened)++] = fd;
        /* Opened onto the very number: the child inherits it as it is. */
        if (fd == x->fd) break;
        out[(*nout)++] = (struct __wasmbox_spawn_action){OP_DUP2, (uint32_t)x->fd, (uint32_t)fd, 0};
        out[(*nout)++] = (struct __wasmbox_spawn_action){OP_CLOSE, (uint32_t)fd, 0, 0};
        break;
      }
      default:
        return ENOSYS; /* fchdir: the kernel has no such action */
    }
  }
  return 0;
}

/* Attributes are accepted but not applied: a child starts with default
 * signal handling (ignored signals stay ignored), one process group and
 * no signal mask, whatever they say. */
int posix_spawn(pid_t* restrict pid, const char* restrict path,
                const posix_spawn_file_actions_t* fa, const posix_spawnattr_t* restrict attr,
                char* const* restrict argv, char* const* restrict envp) {
  (void)attr;
  __wasmbox_share_cwd();
  const struct actions* a = fa ? fa->__actions : NULL;
  size_t n = a ? a->count : 0;
  struct __wasmbox_spawn_action* records = malloc((2 * n + 1) * sizeof *records);
  int* opened = malloc((n + 1) * sizeof *opened);
  size_t nrecords = 0, nopened = 0;
  int r = records && opened ? translate(a, records, opened, &nrecords, &nopened) : ENOMEM;
  char* full = r == 0 ? __wasmbox_absolute(path) : NULL;
  if (r == 0 && !full) r = errno;
  if (r == 0) {
    uint32_t child = 0;
    r = __wasmbox_proc_spawn(full, (uint32_t)strlen(full), argv, __wasmbox_count(argv), envp,
                             __wasmbox_count(envp), records, (uint32_t)nrecords, &child);
    if (r == 0 && pid) *pid = (pid_t)child;
  }
  free(full);
  while (nopened > 0) close(opened[--nopened]);
  free(records);
  free(opened);
  return r;
}

struct spawnp_args {
  pid_t* pid;
  const posix_spawn_file_actions_t* fa;
  const posix_spawnattr_t* attr;
  char *const *argv, *const *envp;
};

static int spawn_at(const char* path, void* ctx) {
  struct spawnp_args* a = ctx;
  return posix_spawn(a->pid, path, a->fa, a->attr, a->argv, a->envp);
}

/* Each directory of PATH in turn for a name without a slash, as execvp. */
int posix_spawnp(pid_t* restrict pid, const char* restrict file,
                 const posix_spawn_file_actions_t* fa, const posix_spawnattr_t* restrict attr,
                 char* const* restrict argv, char* const* restrict envp) {
  struct spawnp_args a = {pid, fa, attr, argv, envp};
  return __wasmbox_search_path(file, spawn_at, &a);
}
