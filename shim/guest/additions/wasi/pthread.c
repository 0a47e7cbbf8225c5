/* POSIX threads for a wasi-libc process, which has one thread and no
 * libpthread: locks, once, keys and attributes work; pthread_create fails
 * with EAGAIN, so that programs that can do without threads do. A lock or
 * wait only another thread could end would hang for ever on Linux; here it
 * fails with EDEADLK instead (Linux's answer for an error-checking mutex),
 * except that a timed wait on a normal mutex or a condition waits out its
 * deadline and fails with ETIMEDOUT, as on Linux. The object layouts are
 * our own, inside musl's types. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct __pthread {
  int unused;
};
static struct __pthread main_thread;

#define MUTEX_TYPE(m) ((m)->__u.__i[0])
#define MUTEX_DEPTH(m) ((m)->__u.__i[1]) /* 0: unlocked */
#define COND_CLOCK(c) ((c)->__u.__i[0])
#define RWLOCK_READERS(l) ((l)->__u.__i[0])
#define RWLOCK_WRITER(l) ((l)->__u.__i[1])
#define BARRIER_COUNT(b) ((b)->__u.__i[0])
#define ATTR_STACKSIZE(a) ((a)->__u.__s[0])
#define ATTR_GUARDSIZE(a) ((a)->__u.__s[1])
#define ATTR_DETACH(a) ((a)->__u.__i[2])
#define ATTR_INHERIT(a) ((a)->__u.__i[3])

/* Bits of pthread_mutexattr_t, as musl's. */
enum { MUTEXATTR_TYPE = 3, MUTEXATTR_ROBUST = 4, MUTEXATTR_INHERIT = 8, MUTEXATTR_SHARED = 128 };
/* pthread_condattr_t: the clock, and the shared bit on top. */
#define CONDATTR_SHARED 0x80000000u

/* musl's defaults. */
enum { DEFAULT_STACKSIZE = 131072, DEFAULT_GUARDSIZE = 8192 };

static int valid_time(const struct timespec* at) {
  return at->tv_nsec >= 0 && at->tv_nsec < 1000000000L;
}

/* Sleeps until `at` on `clock`: ETIMEDOUT, or EINTR when a signal's handler
 * ran (if `interruptible`), or EINVAL for a bad time. */
static int wait_until(clockid_t clock, const struct timespec* at, int interruptible) {
  if (!valid_time(at)) return EINVAL;
  if (at->tv_sec < 0) return ETIMEDOUT;
  int e;
  while ((e = clock_nanosleep(clock, TIMER_ABSTIME, at, NULL)) == EINTR)
    if (interruptible) return EINTR;
  return e ? e : ETIMEDOUT;
}

int pthread_create(pthread_t* restrict thread, const pthread_attr_t* restrict attr,
                   void* (*start)(void*), void* restrict arg) {
  (void)thread, (void)attr, (void)start, (void)arg;
  return EAGAIN;
}

pthread_t pthread_self(void) { return &main_thread; }

#undef pthread_equal
int pthread_equal(pthread_t a, pthread_t b) { return a == b; }

int pthread_join(pthread_t thread, void** ret) {
  (void)ret;
  return thread == &main_thread ? EDEADLK : ESRCH;
}

int pthread_detach(pthread_t thread) { return thread == &main_thread ? 0 : ESRCH; }

static int cancel_state, cancel_type;

int pthread_setcancelstate(int state, int* old) {
  if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE) return EINVAL;
  if (old) *old = cancel_state;
  cancel_state = state;
  return 0;
}

int pthread_setcanceltype(int type, int* old) {
  if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS) return EINVAL;
  if (old) *old = cancel_type;
  cancel_type = type;
  return 0;
}

/* Nothing can cancel the one thread. */
void pthread_testcancel(void) {}

static int concurrency;
int pthread_getconcurrency(void) { return concurrency; }
int pthread_setconcurrency(int level) {
  if (level < 0) return EINVAL;
  concurrency = level;
  return 0;
}

/* pthread_once_t: 0 not run, 1 running, 2 done. A call from inside the
 * routine would wait for itself. */
int pthread_once(pthread_once_t* once, void (*routine)(void)) {
  if (*once == 2) return 0;
  if (*once == 1) return EDEADLK;
  *once = 1;
  routine();
  *once = 2;
  return 0;
}

/* Thread-specific data: one thread, so one value per key. */
static struct {
  int used;
  void (*destructor)(void*);
  const void* value;
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*)) {
  for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; ++k) {
    if (keys[k].used) continue;
    keys[k].used = 1;
    keys[k].destructor = destructor;
    keys[k].value = NULL;
    *key = k;
    return 0;
  }
  return EAGAIN;
}

int pthread_key_delete(pthread_key_t key) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
  keys[key].used = 0;
  return 0;
}

void* pthread_getspecific(pthread_key_t key) {
  return key < PTHREAD_KEYS_MAX && keys[key].used ? (void*)keys[key].value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void* value) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
  keys[key].value = value;
  return 0;
}

/* The last thread's end is the process's, with status 0, after the
 * thread-specific data's destructors have run. */
_Noreturn void pthread_exit(void* ret) {
  (void)ret;
  for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; ++round) {
    int ran = 0;
    for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; ++k) {
      void* value = (void*)keys[k].value;
      if (!keys[k].used || !value || !keys[k].destructor) continue;
      keys[k].value = NULL;
      keys[k].destructor(value);
      ran = 1;
    }
    if (!ran) break;
  }
  exit(0);
}

int pthread_mutexattr_init(pthread_mutexattr_t* a) {
  a->__attr = 0;
  return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t* a) {
  (void)a;
  return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t* restrict a, int* restrict type) {
  *type = (int)(a->__attr & MUTEXATTR_TYPE);
  return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t* a, int type) {
  if ((unsigned)type > PTHREAD_MUTEX_ERRORCHECK) return EINVAL;
  a->__attr = (a->__attr & ~MUTEXATTR_TYPE) | (unsigned)type;
  return 0;
}

static int set_bit(unsigned* attr, unsigned bit, int value, int off, int on) {
  if (value != off && value != on) return EINVAL;
  *attr = value == on ? *attr | bit : *attr & ~bit;
  return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t* restrict a, int* restrict pshared) {
  *pshared = a->__attr & MUTEXATTR_SHARED ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
  return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t* a, int pshared) {
  return set_bit(&a->__attr, MUTEXATTR_SHARED, pshared, PTHREAD_PROCESS_PRIVATE,
                 PTHREAD_PROCESS_SHARED);
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t* restrict a, int* restrict protocol) {
  *protocol = a->__attr & MUTEXATTR_INHERIT ? PTHREAD_PRIO_INHERIT : PTHREAD_PRIO_NONE;
  return 0;
}

/* Priority ceilings are not supported, as in musl. */
int pthread_mutexattr_setprotocol(pthread_mutexattr_t* a, int protocol) {
  if (protocol == PTHREAD_PRIO_PROTECT) return ENOTSUP;
  return set_bit(&a->__attr, MUTEXATTR_INHERIT, protocol, PTHREAD_PRIO_NONE, PTHREAD_PRIO_INHERIT);
}

int pthread_mutexattr_getrobust(const pthread_mutexattr_t* restrict a, int* restrict robust) {
  *robust = a->__attr & MUTEXATTR_ROBUST ? PTHREAD_MUTEX_ROBUST : PTHREAD_MUTEX_STALLED;
  return 0;
}

int pthread_mutexattr_setrobust(pthread_mutexattr_t* a, int robust) {
  return set_bit(&a->__attr, MUTEXATTR_ROBUST, robust, PTHREAD_MUTEX_STALLED, PTHREAD_MUTEX_ROBUST);
}

int pthread_mutex_init(pthread_mutex_t* restrict m, const pthread_mutexattr_t* restrict a) {
  *m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
  if (a) MUTEX_TYPE(m) = (int)(a->__attr & MUTEXATTR_TYPE);
  return 0;
}

int pthread_mutex_destroy(pthread_mutex_t* m) { return MUTEX_DEPTH(m) ? EBUSY : 0; }

/* A locked mutex is the caller's: a recursive one locks again, any other
 * would wait for itself. */
static int relock(pthread_mutex_t* m, int busy) {
  if (MUTEX_TYPE(m) != PTHREAD_MUTEX_RECURSIVE) return busy;
  if (MUTEX_DEPTH(m) == INT_MAX) return EAGAIN;
  ++MUTEX_DEPTH(m);
  return 0;
}

int pthread_mutex_lock(pthread_mutex_t* m) {
  if (MUTEX_DEPTH(m)) return relock(m, EDEADLK);
  MUTEX_DEPTH(m) = 1;
  return 0;
}

int pthread_mutex_trylock(pthread_mutex_t* m) {
  if (MUTEX_DEPTH(m)) return relock(m, EBUSY);
  MUTEX_DEPTH(m) = 1;
  return 0;
}

/* A normal mutex waits for the deadline, as Linux's does; an error-checking
 * one says EDEADLK. */
int pthread_mutex_timedlock(pthread_mutex_t* restrict m, const struct timespec* restrict at) {
  if (!MUTEX_DEPTH(m)) {
    MUTEX_DEPTH(m) = 1;
    return 0;
  }
  if (MUTEX_TYPE(m) != PTHREAD_MUTEX_NORMAL) return relock(m, EDEADLK);
  return wait_until(CLOCK_REALTIME, at, 0);
}

/* Unlocking a mutex that is not locked is EPERM for every type (Linux's
 * answer for the checked ones; undefined for a normal one). */
int pthread_mutex_unlock(pthread_mutex_t* m) {
  if (!MUTEX_DEPTH(m)) return EPERM;
  --MUTEX_DEPTH(m);
  return 0;
}

/* No thread can die holding a robust mutex. */
int pthread_mutex_consistent(pthread_mutex_t* m) {
  (void)m;
  return EINVAL;
}

int pthread_condattr_init(pthread_condattr_t* a) {
  a->__attr = 0;
  return 0;
}

int pthread_condattr_destroy(pthread_condattr_t* a) {
  (void)a;
  return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t* restrict a, clockid_t* restrict clock) {
  unsigned id = a->__attr & ~CONDATTR_SHARED;
  *clock = id == 1 ? CLOCK_MONOTONIC : CLOCK_REALTIME;
  return 0;
}

/* wasi-libc's clockid_t is a pointer: the attribute keeps 0 or 1. */
int pthread_condattr_setclock(pthread_condattr_t* a, clockid_t clock) {
  unsigned id;
  if (clock == CLOCK_REALTIME)
    id = 0;
  else if (clock == CLOCK_MONOTONIC)
    id = 1;
  else
    return EINVAL;
  a->__attr = (a->__attr & CONDATTR_SHARED) | id;
  return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t* restrict a, int* restrict pshared) {
  *pshared = a->__attr & CONDATTR_SHARED ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE;
  return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t* a, int pshared) {
  return set_bit(&a->__attr, CONDATTR_SHARED, pshared, PTHREAD_PROCESS_PRIVATE,
                 PTHREAD_PROCESS_SHARED);
}

int pthread_cond_init(pthread_cond_t* restrict c, const pthread_condattr_t* restrict a) {
  *c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
  if (a) COND_CLOCK(c) = (int)(a->__attr & ~CONDATTR_SHARED);
  return 0;
}

int pthread_cond_destroy(pthread_cond_t* c) {
  (void)c;
  return 0;
}

/* No thread waits to be woken. */
int pthread_cond_signal(pthread_cond_t* c) {
  (void)c;
  return 0;
}

int pthread_cond_broadcast(pthread_cond_t* c) {
  (void)c;
  return 0;
}

/* Only another thread could signal the condition: EPERM when the caller
 * does not hold the mutex, else EDEADLK at once rather than a wait that
 * never ends. */
int pthread_cond_wait(pthread_cond_t* restrict c, pthread_mutex_t* restrict m) {
  (void)c;
  return MUTEX_DEPTH(m) ? EDEADLK : EPERM;
}

/* Waits out the deadline on the condition's clock (the mutex stays the
 * caller's: nobody else could take it). A signal's handler ends the wait
 * early, as a spurious wake-up: the handler may have changed what the
 * caller waits for. */
int pthread_cond_timedwait(pthread_cond_t* restrict c, pthread_mutex_t* restrict m,
                           const struct timespec* restrict at) {
  if (!MUTEX_DEPTH(m)) return EPERM;
  clockid_t clock = COND_CLOCK(c) == 1 ? CLOCK_MONOTONIC : CLOCK_REALTIME;
  int e = wait_until(clock, at, 1);
  return e == EINTR ? 0 : e;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t* a) {
  a->__attr[0] = a->__attr[1] = 0;
  return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t* a) {
  (void)a;
  return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t* restrict a, int* restrict pshared) {
  *pshared = (int)a->__attr[0];
  return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t* a, int pshared) {
  if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED) return EINVAL;
  a->__attr[0] = (unsigned)pshared;
  return 0;
}

int pthread_rwlock_init(pthread_rwlock_t* restrict l, const pthread_rwlockattr_t* restrict a) {
  (void)a;
  *l = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
  return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t* l) {
  return RWLOCK_READERS(l) || RWLOCK_WRITER(l) ? EBUSY : 0;
}

static int try_read(pthread_rwlock_t* l, int busy) {
  if (RWLOCK_WRITER(l)) return busy;
  if (RWLOCK_READERS(l) == INT_MAX) return EAGAIN;
  ++RWLOCK_READERS(l);
  return 0;
}

static int try_write(pthread_rwlock_t* l, int busy) {
  if (RWLOCK_WRITER(l) || RWLOCK_READERS(l)) return busy;
  RWLOCK_WRITER(l) = 1;
  return 0;
}

/* Whoever holds the lock is the caller: a conflicting lock would wait for
 * itself. */
int pthread_rwlock_rdlock(pthread_rwlock_t* l) { return try_read(l, EDEADLK); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) { return try_read(l, EBUSY); }
int pthread_rwlock_wrlock(pthread_rwlock_t* l) { return try_write(l, EDEADLK); }
int pthread_rwlock_trywrlock(pthread_rwlock_t* l) { return try_write(l, EBUSY); }

int pthread_rwlock_timedrdlock(pthread_rwlock_t* restrict l, const struct timespec* restrict at) {
  return try_read(l, valid_time(at) ? EDEADLK : EINVAL);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t* restrict l, const struct timespec* restrict at) {
  return try_write(l, valid_time(at) ? EDEADLK : EINVAL);
}

int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  if (RWLOCK_WRITER(l)) {
    RWLOCK_WRITER(l) = 0;
    return 0;
  }
  if (!RWLOCK_READERS(l)) return EPERM;
  --RWLOCK_READERS(l);
  return 0;
}

int pthread_spin_init(pthread_spinlock_t* s, int pshared) {
  (void)pshared;
  *s = 0;
  return 0;
}

int pthread_spin_destroy(pthread_spinlock_t* s) {
  (void)s;
  return 0;
}

int pthread_spin_lock(pthread_spinlock_t* s) {
  if (*s) return EDEADLK;
  *s = 1;
  return 0;
}

int pthread_spin_trylock(pthread_spinlock_t* s) {
  if (*s) return EBUSY;
  *s = 1;
  return 0;
}

int pthread_spin_unlock(pthread_spinlock_t* s) {
  *s = 0;
  return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t* a) {
  a->__attr = 0;
  return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t* a) {
  (void)a;
  return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t* restrict a, int* restrict pshared) {
  *pshared = (int)a->__attr;
  return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t* a, int pshared) {
  if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED) return EINVAL;
  a->__attr = (unsigned)pshared;
  return 0;
}

int pthread_barrier_init(pthread_barrier_t* restrict b, const pthread_barrierattr_t* restrict a,
                         unsigned count) {
  (void)a;
  if (count == 0 || count > INT_MAX) return EINVAL;
  BARRIER_COUNT(b) = (int)count;
  return 0;
}

int pthread_barrier_destroy(pthread_barrier_t* b) {
  (void)b;
  return 0;
}

/* The one thread is the whole of a barrier for one; any other would wait
 * for threads that cannot come. */
int pthread_barrier_wait(pthread_barrier_t* b) {
  return BARRIER_COUNT(b) == 1 ? PTHREAD_BARRIER_SERIAL_THREAD : EDEADLK;
}

int pthread_attr_init(pthread_attr_t* a) {
  *a = (pthread_attr_t){0};
  ATTR_STACKSIZE(a) = DEFAULT_STACKSIZE;
  ATTR_GUARDSIZE(a) = DEFAULT_GUARDSIZE;
  return 0;
}

int pthread_attr_destroy(pthread_attr_t* a) {
  (void)a;
  return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t* a, int* state) {
  *state = ATTR_DETACH(a);
  return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t* a, int state) {
  if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED) return EINVAL;
  ATTR_DETACH(a) = state;
  return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t* restrict a, size_t* restrict size) {
  *size = ATTR_STACKSIZE(a);
  return 0;
}

int pthread_attr_setstacksize(pthread_attr_t* a, size_t size) {
  if (size < PTHREAD_STACK_MIN) return EINVAL;
  ATTR_STACKSIZE(a) = size;
  return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t* restrict a, size_t* restrict size) {
  *size = ATTR_GUARDSIZE(a);
  return 0;
}

int pthread_attr_setguardsize(pthread_attr_t* a, size_t size) {
  ATTR_GUARDSIZE(a) = size;
  return 0;
}

/* Threads contend system-wide, as on Linux. */
int pthread_attr_getscope(const pthread_attr_t* restrict a, int* restrict scope) {
  (void)a;
  *scope = PTHREAD_SCOPE_SYSTEM;
  return 0;
}

int pthread_attr_setscope(pthread_attr_t* a, int scope) {
  (void)a;
  if (scope == PTHREAD_SCOPE_PROCESS) return ENOTSUP;
  return scope == PTHREAD_SCOPE_SYSTEM ? 0 : EINVAL;
}

int pthread_attr_getinheritsched(const pthread_attr_t* restrict a, int* restrict inherit) {
  *inherit = ATTR_INHERIT(a);
  return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t* a, int inherit) {
  if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED) return EINVAL;
  ATTR_INHERIT(a) = inherit;
  return 0;
}
