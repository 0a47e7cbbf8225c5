/* Emscripten keeps posix_spawn, popen and pclose in one object of its
 * libstubs.a with some 25 other stubs, all strong: defining the three
 * (spawn.c, system.c) would clash with it wherever a program uses one of
 * the others. So this file defines all the others too (but the user and
 * group databases, users.c's), and that object is never linked. They do
 * what a box can. */
#include <errno.h>
#include <grp.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
