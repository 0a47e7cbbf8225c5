// Advisory locks between processes, as on Linux: fcntl's record locks (a
// child conflicts with its parent's, sees who holds them, waits for them
// to go), lockf over them, and flock's whole-file locks, held by the open
// file description (shared with a forked child through an inherited
// descriptor, exclusive against another open of the file).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "check.h"
#include "children.h"

static struct flock range(short type, off_t start, off_t len) {
  struct flock l = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
  return l;
}

static int child_status(void) { return check_failures_ ? 1 : 0; }

static void record_locks(void) {
  int fd = CHECK_OK(open("records", O_CREAT | O_RDWR, 0644));
  struct flock held = range(F_WRLCK, 0, 10);
  CHECK_OK(fcntl(fd, F_SETLK, &held));
  const pid_t parent = getpid();
  int ready[2];
  CHECK_OK(pipe(ready));
  pid_t pid = fork();
  if (pid == 0) {
    struct flock want = range(F_WRLCK, 5, 1);
    CHECK_ERR2(fcntl(fd, F_SETLK, &want), EAGAIN, EACCES);
    struct flock probe = range(F_RDLCK, 0, 0);
    CHECK_OK(fcntl(fd, F_GETLK, &probe));
    CHECK_EQ(probe.l_type, F_WRLCK);
    CHECK_EQ(probe.l_start, 0);
    CHECK_EQ(probe.l_len, 10);
    CHECK_EQ(probe.l_pid, parent);
    struct flock past = range(F_WRLCK, 10, 5);
    CHECK_OK(fcntl(fd, F_SETLK, &past));
    CHECK_OK(lseek(fd, 0, SEEK_SET));
    CHECK_ERR2(lockf(fd, F_TEST, 1), EACCES, EAGAIN);
    // The parent lets go once it hears from this one: F_SETLKW waits.
    CHECK_EQ(write(ready[1], "!", 1), 1);
    struct flock first = range(F_WRLCK, 0, 1);
    CHECK_OK(fcntl(fd, F_SETLKW, &first));
    _exit(child_status());
  }
  char c;
  CHECK_EQ(read(ready[0], &c, 1), 1);
  usleep(50 * 1000);
  held.l_type = F_UNLCK;
  CHECK_OK(fcntl(fd, F_SETLK, &held));
  CHECK_EQ(wait_for(pid), 0);
  // The child's locks went with it.
  struct flock all = range(F_WRLCK, 0, 0);
  CHECK_OK(fcntl(fd, F_SETLK, &all));
  close(ready[0]);
  close(ready[1]);
  CHECK_OK(close(fd));
}

static void whole_file_locks(void) {
  int fd = CHECK_OK(open("whole", O_CREAT | O_RDWR, 0644));
  CHECK_OK(flock(fd, LOCK_EX));
  pid_t pid = fork();
  if (pid == 0) {
    int other = CHECK_OK(open("whole", O_RDONLY));
    CHECK_ERR(flock(other, LOCK_SH | LOCK_NB), EWOULDBLOCK);
    // The inherited descriptor is the parent's description: its lock.
    CHECK_OK(flock(fd, LOCK_SH));
    CHECK_OK(flock(other, LOCK_SH | LOCK_NB));
    CHECK_OK(close(other));
    _exit(child_status());
  }
  CHECK_EQ(wait_for(pid), 0);
  int again = CHECK_OK(open("whole", O_RDONLY));
  CHECK_OK(flock(again, LOCK_SH | LOCK_NB));  // shared with fd's, now shared
  CHECK_ERR(flock(again, LOCK_EX | LOCK_NB), EWOULDBLOCK);
  CHECK_OK(close(fd));  // its lock goes with its last descriptor
  CHECK_OK(flock(again, LOCK_EX | LOCK_NB));
  CHECK_OK(close(again));
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  record_locks();
  whole_file_locks();
  return check_done();
}
