// poll(): regular files and /dev/null are ready at once, timeouts wait at
// least the requested time, a closed fd fails the call (EBADF, as wasmtime's
// poll_oneoff) or gives POLLNVAL.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void test_regular_file(void) {
  int fd = CHECK_OK(open("f", O_CREAT | O_RDWR, 0644));
  CHECK_EQ(write(fd, "abc", 3), 3);
  struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
  long long t0 = now_ms();
  CHECK_EQ(poll(&p, 1, 5000), 1);
  CHECK(now_ms() - t0 < 1000);
  CHECK((p.revents & POLLIN) != 0);
  CHECK((p.revents & POLLOUT) != 0);
  CHECK((p.revents & (POLLERR | POLLNVAL | POLLHUP)) == 0);

  p.events = POLLIN;
  p.revents = 0;
  CHECK_EQ(poll(&p, 1, -1), 1);
  CHECK_EQ(p.revents & (POLLIN | POLLOUT), POLLIN);

  p.events = POLLOUT;
  CHECK_EQ(poll(&p, 1, 0), 1);
  CHECK_EQ(p.revents & (POLLIN | POLLOUT), POLLOUT);

  CHECK_EQ(lseek(fd, 0, SEEK_END), 3);
  p.events = POLLIN;
  CHECK_EQ(poll(&p, 1, 0), 1);
  CHECK((p.revents & POLLIN) != 0);
  CHECK_OK(close(fd));
}

static void test_several(void) {
  int a = CHECK_OK(open("f", O_RDONLY));
  int b = CHECK_OK(open("g", O_CREAT | O_WRONLY, 0644));
  int n = CHECK_OK(open("/dev/null", O_RDWR));
  struct pollfd p[3] = {
      {.fd = a, .events = POLLIN},
      {.fd = b, .events = POLLOUT},
      {.fd = n, .events = POLLIN | POLLOUT},
  };
  CHECK_EQ(poll(p, 3, 1000), 3);
  CHECK((p[0].revents & POLLIN) != 0);
  CHECK((p[1].revents & POLLOUT) != 0);
  CHECK((p[2].revents & POLLOUT) != 0);
  CHECK_OK(close(a));
  CHECK_OK(close(b));
  CHECK_OK(close(n));
}

static void test_bad_fd(void) {
  int fd = CHECK_OK(open("f", O_RDONLY));
  int closed = CHECK_OK(open("f", O_RDONLY));
  CHECK_OK(close(closed));
  struct pollfd p[2] = {
      {.fd = closed, .events = POLLIN},
      {.fd = fd, .events = POLLIN},
  };
  int r = poll(p, 2, 0);
  if (r < 0) {
    CHECK_EQ(errno, EBADF);
  } else {
    CHECK_EQ(r, 2);
    CHECK((p[0].revents & POLLNVAL) != 0);
    CHECK((p[1].revents & POLLIN) != 0);
  }

  struct pollfd neg[2] = {
      {.fd = -1, .events = POLLIN, .revents = POLLIN},
      {.fd = fd, .events = POLLIN},
  };
  CHECK_EQ(poll(neg, 2, 0), 1);
  CHECK_EQ(neg[0].revents, 0);
  CHECK((neg[1].revents & POLLIN) != 0);
  CHECK_OK(close(fd));
}

static void test_timeouts(void) {
  long long t0 = now_us();
  CHECK_EQ(poll(NULL, 0, 50), 0);
  long long elapsed = now_us() - t0;
  CHECK(elapsed >= 50000);
  CHECK(elapsed < 2000000);

  t0 = now_us();
  CHECK_EQ(poll(NULL, 0, 0), 0);
  CHECK(now_us() - t0 < 500000);

  t0 = now_us();
  CHECK_EQ(poll(NULL, 0, 1), 0);
  CHECK(now_us() - t0 >= 1000);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_regular_file();
  test_several();
  test_bad_fd();
  test_timeouts();
  return check_done();
}
