/* Emscripten keeps posix_spawn, popen and pclose in one object of its
 * libstubs.a with some 25 other stubs, all strong: defining the three
 * (spawn.c, system.c) would clash with it wherever a program uses one of
 * the others. So this file defines all the others too, and that object is
 * never linked. They do what a box can: no user database. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The box has no user or group database: every lookup finds nothing. */
struct passwd* getpwnam(const char* name) {
  (void)name;
  return NULL;
}
struct passwd* getpwuid(uid_t uid) {
  (void)uid;
  return NULL;
}
int getpwnam_r(const char* name, struct passwd* pw, char* buf, size_t n, struct passwd** out) {
  (void)name, (void)pw, (void)buf, (void)n;
  *out = NULL;
  return 0;
}
int getpwuid_r(uid_t uid, struct passwd* pw, char* buf, size_t n, struct passwd** out) {
  (void)uid, (void)pw, (void)buf, (void)n;
  *out = NULL;
  return 0;
}
void setpwent(void) {}
void endpwent(void) {}
struct passwd* getpwent(void) {
  return NULL;
}

struct group* getgrnam(const char* name) {
  (void)name;
  return NULL;
}
struct group* getgrgid(gid_t gid) {
  (void)gid;
  return NULL;
}
int getgrnam_r(const char* name, struct group* gr, char* buf, size_t n, struct group** out) {
  (void)name, (void)gr, (void)buf, (void)n;
  *out = NULL;
  return 0;
}
int getgrgid_r(gid_t gid, struct group* gr, char* buf, size_t n, struct group** out) {
  (void)gid, (void)gr, (void)buf, (void)n;
  *out = NULL;
  return 0;
}
void setgrent(void) {}
void endgrent(void) {}
struct group* getgrent(void) {
  return NULL;
}

int setgroups(size_t size, const gid_t* list) {
  (void)size, (void)list;
  errno = EPERM;
  return -1;
}

int chroot(const char* path) {
  (void)path;
  errno = EPERM;
  return -1;
}

/* fork and vfork are fork.c's, execve exec.c's, flock flock.c's. */

/* waitid is not served: waitpid is (wait.c). */
int waitid(idtype_t type, id_t id, siginfo_t* info, int options) {
  (void)type, (void)id, (void)info, (void)options;
  errno = ENOSYS;
  return -1;
}

/* Ticks of the monotonic clock, and the process's CPU time; children's
 * are not counted. */
clock_t times(struct tms* buf) {
  const long tick = sysconf(_SC_CLK_TCK);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (buf) *buf = (struct tms){clock() / (CLOCKS_PER_SEC / tick), 0, 0, 0};
  return (clock_t)(now.tv_sec * tick + now.tv_nsec / (1000000000 / tick));
}

/* No DATEMSK template file exists in the box. */
struct tm* getdate(const char* string) {
  (void)string;
  return NULL;
}

int stime(const time_t* t) {
  (void)t;
  errno = EPERM;
  return -1;
}

int clock_getcpuclockid(pid_t pid, clockid_t* clock) {
  if (pid != 0 && pid != getpid()) return pid < 0 ? ESRCH : EPERM;
  *clock = CLOCK_PROCESS_CPUTIME_ID;
  return 0;
}
