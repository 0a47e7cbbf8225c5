// Times one filesystem operation from inside the guest, so every runtime
// is measured on the same code: wasi_bench OP DIR N prints "ns <per-op>".
//   write16   N 16-byte writes to one file
//   stat      N stat() of one file
//   openclose N open()+close() of one file
//   readdir   N listings of a 1000-entry directory (time per entry)
//   write1m   N 1 MiB writes (time per MiB)
//   read1m    N 1 MiB reads (time per MiB)
//   append    N 16-byte appends through O_APPEND
//   save1m    N saves of a 1 MiB file: open with O_TRUNC, write, close
//             (time per save)
//   fsync16   N 16-byte appends each followed by fsync (time per fsync)
//   compute   N rounds of work that never calls the kernel (loops, calls
//             through a pointer, recursion): what preemption points cost
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static int must(int r, const char* what) {
  if (r < 0) {
    perror(what);
    exit(1);
  }
  return r;
}

static void make_file(const char* path, size_t size) {
  int fd = must(open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644), path);
  char* buf = calloc(1, size ? size : 1);
  if (size) must((int)write(fd, buf, size), "write");
  free(buf);
  close(fd);
}

static int compare(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

// A sieve, a sort through a comparator, a hash loop and recursion.
static unsigned compute_round(void) {
  enum { N = 1 << 20 };
  static char sieve[N];
  static int numbers[N / 4];
  memset(sieve, 0, sizeof sieve);
  unsigned primes = 0, seed = 1, h = 0;
  for (long i = 2; i < N; i++) {
    if (sieve[i]) continue;
    primes++;
    for (long j = i * i; j < N; j += i) sieve[j] = 1;
  }
  for (int i = 0; i < N / 4; i++) numbers[i] = (int)((seed = seed * 1103515245 + 12345) >> 8);
  qsort(numbers, N / 4, sizeof numbers[0], compare);
  for (int i = 0; i < N / 4; i++) h = h * 31 + (unsigned)numbers[i];
  return primes + h + fib(25);
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: wasi_bench OP DIR N\n");
    return 2;
  }
  const char* op = argv[1];
  const long n = atol(argv[3]);
  must(chdir(argv[2]), argv[2]);
  char small[16] = "0123456789abcde";
  double per = 1, start = 0, end = 0;

  if (!strcmp(op, "write16") || !strcmp(op, "append")) {
    int flags = O_CREAT | O_TRUNC | O_WRONLY | (!strcmp(op, "append") ? O_APPEND : 0);
    int fd = must(open("w.dat", flags, 0644), "open");
    start = now_ns();
    for (long i = 0; i < n; i++) must((int)write(fd, small, 16), "write");
    end = now_ns();
    close(fd);
  } else if (!strcmp(op, "stat")) {
    make_file("s.dat", 100);
    struct stat st;
    start = now_ns();
    for (long i = 0; i < n; i++) must(stat("s.dat", &st), "stat");
    end = now_ns();
  } else if (!strcmp(op, "openclose")) {
    make_file("o.dat", 100);
    start = now_ns();
    for (long i = 0; i < n; i++) close(must(open("o.dat", O_RDONLY), "open"));
    end = now_ns();
  } else if (!strcmp(op, "readdir")) {
    mkdir("d", 0755);
    char name[64];
    for (int i = 0; i < 1000; i++) {
      snprintf(name, sizeof name, "d/entry-%04d", i);
      make_file(name, 0);
    }
    long entries = 0;
    start = now_ns();
    for (long i = 0; i < n; i++) {
      DIR* d = opendir("d");
      while (readdir(d)) entries++;
      closedir(d);
    }
    end = now_ns();
    per = (double)entries / n;
  } else if (!strcmp(op, "write1m") || !strcmp(op, "read1m")) {
    const size_t mib = 1 << 20;
    char* buf = calloc(1, mib);
    make_file("m.dat", mib);
    int fd = must(open("m.dat", O_RDWR), "open");
    const int reading = !strcmp(op, "read1m");
    start = now_ns();
    for (long i = 0; i < n; i++)
      must((int)(reading ? pread(fd, buf, mib, 0) : pwrite(fd, buf, mib, 0)), "io");
    end = now_ns();
    close(fd);
    free(buf);
  } else if (!strcmp(op, "save1m")) {
    const size_t mib = 1 << 20;
    char* buf = calloc(1, mib);
    start = now_ns();
    for (long i = 0; i < n; i++) {
      buf[i % mib] = (char)i;
      int fd = must(open("save.dat", O_CREAT | O_TRUNC | O_WRONLY, 0644), "open");
      must((int)write(fd, buf, mib), "write");
      must(close(fd), "close");
    }
    end = now_ns();
    free(buf);
  } else if (!strcmp(op, "fsync16")) {
    int fd = must(open("f.dat", O_CREAT | O_TRUNC | O_WRONLY | O_APPEND, 0644), "open");
    start = now_ns();
    for (long i = 0; i < n; i++) {
      must((int)write(fd, small, 16), "write");
      must(fsync(fd), "fsync");
    }
    end = now_ns();
    close(fd);
  } else if (!strcmp(op, "compute")) {
    unsigned sum = 0;
    start = now_ns();
    for (long i = 0; i < n; i++) sum += compute_round();
    end = now_ns();
    if (sum == 1) puts("");  // keeps the work
  } else {
    fprintf(stderr, "unknown op %s\n", op);
    return 2;
  }
  printf("ns %.1f\n", (end - start) / n / per);
  return 0;
}
