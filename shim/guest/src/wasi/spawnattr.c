/* posix_spawnattr_* for wasi-libc, which has none (Emscripten's libc has
 * musl's). posix_spawn accepts attributes but applies none (spawn.c). */
#include <errno.h>
#include <spawn.h>
#include <string.h>

int posix_spawnattr_init(posix_spawnattr_t *a) {
  memset(a, 0, sizeof *a);
  return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *a) {
  (void)a;
  return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *a, short flags) {
  const unsigned all = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                       POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSCHEDPARAM |
                       POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID;
  if ((unsigned)flags & ~all) return EINVAL;
  a->__flags = flags;
  return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict a, short *restrict flags) {
  *flags = (short)a->__flags;
  return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *a, pid_t pgrp) {
  a->__pgrp = pgrp;
  return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict a, pid_t *restrict pgrp) {
  *pgrp = a->__pgrp;
  return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict a, const sigset_t *restrict mask) {
  a->__mask = *mask;
  return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict a, sigset_t *restrict mask) {
  *mask = a->__mask;
  return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict a, const sigset_t *restrict def) {
  a->__def = *def;
  return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict a, sigset_t *restrict def) {
  *def = a->__def;
  return 0;
}
