// What the guest library adds to wasi-libc, as Linux does it for a box with one user, root:
// user ids, the user and group databases, temporary files, realpath, chmod and chown, umask,
// the page size, and pthreads in one thread.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

// Emscripten's one-thread pthreads lock nothing and time nothing out.
#ifdef __EMSCRIPTEN__
#define THREAD_LOCKS 0
#else
#define THREAD_LOCKS 1
#endif

static int is_dir(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int entries(const char* dir) {
  DIR* d = opendir(dir);
  if (!d) return -1;
  int n = 0;
  for (struct dirent* e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) ++n;
  closedir(d);
  return n;
}

static void test_ids(void) {
  CHECK_EQ(getuid(), geteuid());
  CHECK_EQ(getgid(), getegid());
#ifdef __wasmbox__
  CHECK_EQ(getuid(), 0);
  CHECK_EQ(getgid(), 0);
#endif
}

static void test_passwd(void) {
  errno = 0;
  CHECK(getpwnam("no-such-user.wasmbox") == NULL);
  CHECK_EQ(errno, 0);
  errno = 0;
  CHECK(getgrnam("no-such-group.wasmbox") == NULL);
  CHECK_EQ(errno, 0);
  struct passwd* pw = getpwuid(0);
  // A group lookup leaves the user entry alone (ls -l does one, then the other).
  CHECK(getgrgid(0) != NULL);
  if (CHECK(pw != NULL)) {
    CHECK(strcmp(pw->pw_name, "root") == 0);
    CHECK_EQ(pw->pw_uid, 0);
    CHECK_EQ(pw->pw_gid, 0);
    CHECK(pw->pw_dir[0] == '/');
    CHECK(pw->pw_shell[0] != 0);
  }
  pw = getpwnam("root");
  if (CHECK(pw != NULL)) CHECK_EQ(pw->pw_uid, 0);

  struct passwd entry, *res = &entry;
  char small[4], buf[1024];
  CHECK_EQ(getpwuid_r(0, &entry, small, sizeof small, &res), ERANGE);
  CHECK(res == NULL);
  CHECK_EQ(getpwnam_r("root", &entry, buf, sizeof buf, &res), 0);
  if (CHECK(res == &entry)) CHECK_EQ(entry.pw_uid, 0);
  CHECK_EQ(getpwnam_r("no-such-user.wasmbox", &entry, buf, sizeof buf, &res), 0);
  CHECK(res == NULL);

  int found = 0;
  setpwent();
  while ((pw = getpwent()))
    if (pw->pw_uid == 0 && strcmp(pw->pw_name, "root") == 0) found = 1;
  endpwent();
  CHECK(found);

  struct group* gr = getgrgid(0);
  if (CHECK(gr != NULL)) {
    CHECK(strcmp(gr->gr_name, "root") == 0);
    CHECK(gr->gr_mem != NULL);
  }
  gr = getgrnam("root");
  if (CHECK(gr != NULL)) CHECK_EQ(gr->gr_gid, 0);
  struct group gentry, *gres = &gentry;
  CHECK_EQ(getgrgid_r(0, &gentry, small, sizeof small, &gres), ERANGE);
  CHECK(gres == NULL);
  CHECK_EQ(getgrnam_r("root", &gentry, buf, sizeof buf, &gres), 0);
  if (CHECK(gres == &gentry)) CHECK_EQ(gentry.gr_gid, 0);

  gid_t groups[64];
  int ngroups = 64;
  CHECK(getgrouplist("root", 0, groups, &ngroups) >= 1);
  CHECK_EQ(groups[0], 0);

  // The files' format, parsed from files of our own (/etc may not be writable).
  write_file("passwd",
             "alice:x:1000:1000:Alice A:/home/alice:/bin/sh\n"
             "not an entry\n"
             "bob:*:1001:100::/home/bob:/bin/false\n");
  FILE* f = fopen("passwd", "r");
  if (CHECK(f != NULL)) {
    pw = fgetpwent(f);
    if (CHECK(pw != NULL)) {
      CHECK(strcmp(pw->pw_name, "alice") == 0);
      CHECK(strcmp(pw->pw_gecos, "Alice A") == 0);
      CHECK(strcmp(pw->pw_dir, "/home/alice") == 0);
      CHECK_EQ(pw->pw_uid, 1000);
    }
    pw = fgetpwent(f);
    if (CHECK(pw != NULL)) {
      CHECK(strcmp(pw->pw_name, "bob") == 0);
      CHECK(strcmp(pw->pw_gecos, "") == 0);
      CHECK(strcmp(pw->pw_shell, "/bin/false") == 0);
      CHECK_EQ(pw->pw_gid, 100);
    }
    CHECK(fgetpwent(f) == NULL);
    fclose(f);
  }
  write_file("group", "staff:x:50:alice,bob\nempty:x:51:\n");
  f = fopen("group", "r");
  if (CHECK(f != NULL)) {
    gr = fgetgrent(f);
    if (CHECK(gr != NULL)) {
      CHECK_EQ(gr->gr_gid, 50);
      CHECK(gr->gr_mem[0] && strcmp(gr->gr_mem[0], "alice") == 0);
      CHECK(gr->gr_mem[0] && gr->gr_mem[1] && strcmp(gr->gr_mem[1], "bob") == 0);
      CHECK(gr->gr_mem[0] && gr->gr_mem[1] && gr->gr_mem[2] == NULL);
    }
    gr = fgetgrent(f);
    if (CHECK(gr != NULL)) CHECK(gr->gr_mem[0] == NULL);
    CHECK(fgetgrent(f) == NULL);
    fclose(f);
  }
  unlink("passwd");
  unlink("group");
}

static void test_temp_files(const char* dir) {
  char bad[] = "tmpXXXXXY";
  CHECK_ERR(mkstemp(bad), EINVAL);
  CHECK(strcmp(bad, "tmpXXXXXY") == 0);
  char short_name[] = "XXXXX";
  CHECK_ERR(mkstemp(short_name), EINVAL);
  char missing[] = "nodir/XXXXXX";
  CHECK_ERR(mkstemp(missing), ENOENT);

  char t[] = "tmpXXXXXX";
  int fd = CHECK_OK(mkstemp(t));
  CHECK(strncmp(t, "tmp", 3) == 0 && strcmp(t, "tmpXXXXXX") != 0);
  CHECK(exists(t));
  CHECK_EQ(size_of(t), 0);
  CHECK_EQ(write(fd, "abc", 3), 3);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  char got[4] = {0};
  CHECK_EQ(read(fd, got, 3), 3);
  CHECK(strcmp(got, "abc") == 0);
  close(fd);
  // Each name is new: O_EXCL never meets an existing file.
  char names[20][16];
  for (int i = 0; i < 20; ++i) {
    strcpy(names[i], "manyXXXXXX");
    fd = CHECK_OK(mkstemp(names[i]));
    if (fd >= 0) close(fd);
    for (int j = 0; j < i; ++j) CHECK(strcmp(names[i], names[j]) != 0);
  }
  for (int i = 0; i < 20; ++i) unlink(names[i]);
  unlink(t);

  char a[] = "appXXXXXX";
  fd = CHECK_OK(mkostemp(a, O_APPEND));
  CHECK(fcntl(fd, F_GETFL) & O_APPEND);
  CHECK_EQ(write(fd, "12", 2), 2);
  CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
  CHECK_EQ(write(fd, "34", 2), 2);
  close(fd);
  CHECK(read_matches(a, "1234"));
  unlink(a);

  char s[] = "preXXXXXX.suf";
  fd = CHECK_OK(mkstemps(s, 4));
  CHECK(strncmp(s, "pre", 3) == 0 && strcmp(s + 9, ".suf") == 0 && strstr(s, "XXXXXX") == NULL);
  if (fd >= 0) close(fd);
  unlink(s);
  char bad_suffix[] = "preXXXXXX.suf";
  CHECK_ERR(mkstemps(bad_suffix, 3), EINVAL);

  char d[] = "dirXXXXXX";
  CHECK(mkdtemp(d) == d);
  CHECK(is_dir(d));
  rmdir(d);
  char bad_dir[] = "dirXXXXX";
  errno = 0;
  CHECK(mkdtemp(bad_dir) == NULL);
  CHECK_EQ(errno, EINVAL);

  // Unlinked at once: the directory stays empty (glibc's tmpfile ignores $TMPDIR, and uses
  // /tmp, which holds it just as briefly).
  setenv("TMPDIR", dir, 1);
  int before = entries(".");
  FILE* f = tmpfile();
  if (CHECK(f != NULL)) {
    CHECK_EQ(entries("."), before);
    CHECK(fputs("temporary\n", f) >= 0);
    rewind(f);
    char line[32] = "";
    CHECK(fgets(line, sizeof line, f) != NULL);
    CHECK(strcmp(line, "temporary\n") == 0);
    fclose(f);
  }
  unsetenv("TMPDIR");
}

// `path` resolves to `base` + `rest`.
static void check_realpath(const char* path, const char* base, const char* rest, int line) {
  char want[PATH_MAX];
  snprintf(want, sizeof want, "%s%s", base, rest);
  char* got = realpath(path, NULL);
  if (!got || strcmp(got, want) != 0) {
    check_(0, __FILE__, line, path);
    fprintf(stderr, "  realpath(\"%s\"): got %s (%s), want %s\n", path, got ? got : "NULL",
            got ? "" : strerror(errno), want);
  }
  free(got);
}
#define CHECK_REALPATH(path, base, rest) check_realpath(path, base, rest, __LINE__)
// -1 when realpath fails, for CHECK_ERR.
#define RESOLVE(path, buf) (realpath((path), (buf)) ? 0 : -1)

static void test_realpath(void) {
  char* base = realpath(".", NULL);
  if (!CHECK(base != NULL && base[0] == '/')) return;
  char cwd[PATH_MAX];
  if (CHECK(getcwd(cwd, sizeof cwd) != NULL)) CHECK_REALPATH(cwd, base, "");
  CHECK_REALPATH(base, base, "");
  CHECK_REALPATH("/", "/", "");
  CHECK_REALPATH("/./..", "/", "");

  CHECK_OK(mkdir("d", 0755));
  CHECK_OK(mkdir("d/e", 0755));
  write_file("d/f", "f");
  CHECK_OK(symlink("d/e", "le"));
  CHECK_OK(symlink("../f", "d/e/up"));
  // WASI refuses to make a link to an absolute path (as wasmtime does), not to follow one.
  char target[PATH_MAX];
  snprintf(target, sizeof target, "%s/d", base);
#ifdef __wasi__
  CHECK_ERR(symlink(target, "abs"), EPERM);
#else
  CHECK_OK(symlink(target, "abs"));
#endif
  CHECK_OK(symlink("loop", "loop"));
  CHECK_OK(symlink("nowhere", "dangling"));

  CHECK_REALPATH("d", base, "/d");
  CHECK_REALPATH("./d/", base, "/d");
  CHECK_REALPATH("d/./e/..//f", base, "/d/f");
  CHECK_REALPATH("d/e/../..", base, "");
  CHECK_REALPATH("le", base, "/d/e");
  CHECK_REALPATH("le/up", base, "/d/f");
  CHECK_REALPATH("le/..", base, "/d");
#ifndef __wasi__
  CHECK_REALPATH("abs/f", base, "/d/f");
  CHECK_REALPATH("abs/e/up", base, "/d/f");
#endif
  // From working directories reached through "..", a trailing slash and a
  // symbolic link (wasi-libc keeps them as typed).
  if (CHECK_OK(chdir("d/e/..")) == 0) {
    CHECK_REALPATH(".", base, "/d");
    CHECK_REALPATH("e", base, "/d/e");
  }
  if (CHECK_OK(chdir(base)) == 0 && CHECK_OK(chdir("d/")) == 0) CHECK_REALPATH("f", base, "/d/f");
  if (CHECK_OK(chdir(base)) == 0 && CHECK_OK(chdir("le")) == 0) {
    CHECK_REALPATH(".", base, "/d/e");
    CHECK_REALPATH("..", base, "/d");
  }
  CHECK_OK(chdir(base));

  char buf[PATH_MAX];
  CHECK(realpath("d", buf) == buf);
  CHECK_ERR(RESOLVE("missing", buf), ENOENT);
  CHECK_ERR(RESOLVE("d/missing/..", buf), ENOENT);
  CHECK_ERR(RESOLVE("dangling", buf), ENOENT);
  CHECK_ERR(RESOLVE("d/f/", buf), ENOTDIR);
  CHECK_ERR(RESOLVE("d/f/x", buf), ENOTDIR);
  CHECK_ERR(RESOLVE("loop", buf), ELOOP);
  CHECK_ERR(RESOLVE("", buf), ENOENT);
  char* long_path = malloc(PATH_MAX + 10);
  if (long_path) {
    memset(long_path, 'a', PATH_MAX + 9);
    long_path[PATH_MAX + 9] = 0;
    CHECK_ERR(RESOLVE(long_path, buf), ENAMETOOLONG);
    free(long_path);
  }

  unlink("le");
  unlink("abs");
  unlink("loop");
  unlink("dangling");
  unlink("d/e/up");
  unlink("d/f");
  rmdir("d/e");
  rmdir("d");
  free(base);
}

static void test_modes_and_owners(void) {
  write_file("m", "m");
  CHECK_OK(symlink("m", "lm"));
  CHECK_OK(chmod("m", 0600));
  CHECK_ERR(chmod("missing", 0600), ENOENT);
  CHECK_ERR(chmod("m/x", 0600), ENOTDIR);
  int fd = CHECK_OK(open("m", O_RDONLY));
  CHECK_OK(fchmod(fd, 0640));
  CHECK_OK(fchown(fd, getuid(), getgid()));
  close(fd);
  CHECK_EBADF(fchmod(fd, 0640));
  CHECK_EBADF(fchown(fd, getuid(), getgid()));
  CHECK_OK(fchmodat(AT_FDCWD, "m", 0644, 0));
  CHECK_ERR(fchmodat(AT_FDCWD, "missing", 0644, 0), ENOENT);

  CHECK_OK(chown("m", getuid(), getgid()));
  CHECK_OK(chown("m", (uid_t)-1, (gid_t)-1));
  CHECK_OK(lchown("lm", getuid(), getgid()));
  CHECK_OK(fchownat(AT_FDCWD, "lm", getuid(), getgid(), AT_SYMLINK_NOFOLLOW));
  CHECK_ERR(chown("missing", getuid(), getgid()), ENOENT);
  CHECK_ERR(lchown("missing", getuid(), getgid()), ENOENT);
  CHECK_ERR(fchownat(AT_FDCWD, "m", getuid(), getgid(), 0x7f0000), EINVAL);
  unlink("lm");
  unlink("m");

  mode_t old = umask(027);
  CHECK_EQ(umask(old), 027);
#ifdef __wasi__
  CHECK_EQ(old, 022);
#endif
}

static void test_page_size(void) {
  CHECK(getpagesize() > 0);
  CHECK_EQ(getpagesize(), sysconf(_SC_PAGESIZE));
#ifdef __wasmbox__
  CHECK_EQ(getpagesize(), 65536);
#endif
}

static int once_runs;
static void once_routine(void) { ++once_runs; }
static void* thread_main(void* arg) { return arg; }

static void test_threads(void) {
  CHECK(pthread_equal(pthread_self(), pthread_self()));
#ifdef __wasmbox__
  pthread_t t;
  CHECK_EQ(pthread_create(&t, NULL, thread_main, NULL), EAGAIN);
#else
  (void)thread_main;
#endif

  static pthread_once_t once = PTHREAD_ONCE_INIT;
  CHECK_EQ(pthread_once(&once, once_routine), 0);
  CHECK_EQ(pthread_once(&once, once_routine), 0);
  CHECK_EQ(once_runs, 1);

  static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  CHECK_EQ(pthread_mutex_lock(&m), 0);
#if THREAD_LOCKS
  CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
#endif
  CHECK_EQ(pthread_mutex_unlock(&m), 0);
  CHECK_EQ(pthread_mutex_trylock(&m), 0);
  CHECK_EQ(pthread_mutex_unlock(&m), 0);

  pthread_mutexattr_t attr;
  CHECK_EQ(pthread_mutexattr_init(&attr), 0);
  CHECK_EQ(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE), 0);
#if THREAD_LOCKS
  int type = -1;
  CHECK_EQ(pthread_mutexattr_gettype(&attr, &type), 0);
  CHECK_EQ(type, PTHREAD_MUTEX_RECURSIVE);
  CHECK_EQ(pthread_mutexattr_settype(&attr, 99), EINVAL);
#endif
  pthread_mutex_t r;
  CHECK_EQ(pthread_mutex_init(&r, &attr), 0);
  CHECK_EQ(pthread_mutex_lock(&r), 0);
  CHECK_EQ(pthread_mutex_lock(&r), 0);
  CHECK_EQ(pthread_mutex_trylock(&r), 0);
  CHECK_EQ(pthread_mutex_unlock(&r), 0);
  CHECK_EQ(pthread_mutex_unlock(&r), 0);
  CHECK_EQ(pthread_mutex_unlock(&r), 0);
#if THREAD_LOCKS
  CHECK_EQ(pthread_mutex_unlock(&r), EPERM);
#endif
  CHECK_EQ(pthread_mutex_destroy(&r), 0);

  CHECK_EQ(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK), 0);
  pthread_mutex_t e;
  CHECK_EQ(pthread_mutex_init(&e, &attr), 0);
  CHECK_EQ(pthread_mutex_lock(&e), 0);
#if THREAD_LOCKS
  CHECK_EQ(pthread_mutex_lock(&e), EDEADLK);
  CHECK_EQ(pthread_mutex_trylock(&e), EBUSY);
#endif
  CHECK_EQ(pthread_mutex_unlock(&e), 0);
#if THREAD_LOCKS
  CHECK_EQ(pthread_mutex_unlock(&e), EPERM);
#endif
  CHECK_EQ(pthread_mutex_destroy(&e), 0);
  CHECK_EQ(pthread_mutexattr_destroy(&attr), 0);

  pthread_key_t key;
  CHECK_EQ(pthread_key_create(&key, free), 0);
  CHECK(pthread_getspecific(key) == NULL);
  int value = 7;
  CHECK_EQ(pthread_setspecific(key, &value), 0);
  CHECK(pthread_getspecific(key) == &value);
  CHECK_EQ(pthread_setspecific(key, NULL), 0);
  CHECK_EQ(pthread_key_delete(key), 0);

  pthread_cond_t c = PTHREAD_COND_INITIALIZER;
  CHECK_EQ(pthread_cond_signal(&c), 0);
  CHECK_EQ(pthread_cond_broadcast(&c), 0);
#if THREAD_LOCKS
  // Nobody can signal: a timed wait waits out its deadline.
  CHECK_EQ(pthread_mutex_lock(&m), 0);
  struct timespec start, at, end;
  clock_gettime(CLOCK_REALTIME, &start);
  at = start;
  at.tv_nsec += 30 * 1000000;
  if (at.tv_nsec >= 1000000000) at.tv_sec += 1, at.tv_nsec -= 1000000000;
  CHECK_EQ(pthread_cond_timedwait(&c, &m, &at), ETIMEDOUT);
  clock_gettime(CLOCK_REALTIME, &end);
  CHECK((end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec) >= 29000000);
  at.tv_sec -= 10;
  CHECK_EQ(pthread_cond_timedwait(&c, &m, &at), ETIMEDOUT);
  CHECK_EQ(pthread_mutex_unlock(&m), 0);
#endif
  CHECK_EQ(pthread_cond_destroy(&c), 0);

  pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;
  CHECK_EQ(pthread_rwlock_rdlock(&l), 0);
  CHECK_EQ(pthread_rwlock_rdlock(&l), 0);
#if THREAD_LOCKS
  CHECK_EQ(pthread_rwlock_trywrlock(&l), EBUSY);
#endif
  CHECK_EQ(pthread_rwlock_unlock(&l), 0);
  CHECK_EQ(pthread_rwlock_unlock(&l), 0);
  CHECK_EQ(pthread_rwlock_wrlock(&l), 0);
#if THREAD_LOCKS
  CHECK_EQ(pthread_rwlock_tryrdlock(&l), EBUSY);
  CHECK_EQ(pthread_rwlock_trywrlock(&l), EBUSY);
#endif
  CHECK_EQ(pthread_rwlock_unlock(&l), 0);
  CHECK_EQ(pthread_rwlock_destroy(&l), 0);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_ids();
  test_passwd();
  test_temp_files(argv[1]);
  test_realpath();
  test_modes_and_owners();
  test_page_size();
  test_threads();
  return check_done();
}
