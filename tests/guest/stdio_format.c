// printf-family formatting to stdout (compared with stdio_format.out) plus snprintf return values
// and truncation.
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static void print_integers(void) {
  printf("[%d] [%i] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, -42, 42, 42, 42, 42, 42);
  printf("[%u] [%x] [%X] [%#x] [%o] [%#o]\n", 3000000000u, 255u, 255u, 255u, 8u, 8u);
  printf("[%ld] [%lld] [%llu] [%zu] [%zd]\n", -1L, LLONG_MIN, ULLONG_MAX, (size_t)12345,
         (ssize_t)-7);
  printf("[%d] [%d] [%hhd] [%hd]\n", INT_MAX, INT_MIN, (signed char)-1, (short)-32768);
  printf("[%" PRId64 "] [%" PRIu64 "] [%" PRIx64 "]\n", INT64_MIN, UINT64_MAX,
         (uint64_t)0xDEADBEEFCAFEULL);
  printf("[%.3d] [%8.3d] [%-8.3d|] [%.0d]\n", 7, -7, 7, 0);
  printf("[%*d] [%-*d] [%.*d]\n", 6, 1, 6, 2, 4, 3);
}

static void print_floats(void) {
  printf("[%f] [%.2f] [%10.3f] [%-10.1f|] [%+.1f]\n", 3.14159, 2.675, -1.5, 0.25, 1.0);
  printf("[%e] [%.3E] [%g] [%g] [%g] [%G]\n", 12345.678, 0.000123, 100000.0, 1000000.0, 0.0001,
         1e-10);
  printf("[%.0f] [%.0f] [%.0f] [%.0f] [%#.0f]\n", 0.5, 1.5, 2.5, -0.5, 3.0);
  printf("[%g] [%g] [%.10g] [%.17g]\n", 1.0 / 3, 2.0 / 3, 0.1, 0.1);
  printf("[%f] [%f] [%f] [%5.1f]\n", (double)INFINITY, -(double)INFINITY, (double)NAN, 0.0);
  printf("[%.3f] [%g] [%e]\n", 1e15, 1e-300, 0.0);
}

static void print_strings(void) {
  printf("[%s] [%10s] [%-10s|] [%.3s] [%c] [%%]\n", "text", "right", "left", "truncate", 'Z');
  printf("[%5c] [%-3c|] [%s]\n", 'a', 'b', "");
  printf("[%.*s] [%*s]\n", 2, "abcdef", -4, "x");
  puts("puts adds a newline");
  fputs("fputs does not", stdout);
  putchar('\n');
  fwrite("fwrite\n", 1, 7, stdout);
  int n = 0;
  printf("count%n", &n);
  printf(" -> %d\n", n);
}

// Goes through vsnprintf so the compiler does not flag the deliberate truncations.
static int fmt(char* buf, size_t size, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  int n = vsnprintf(buf, size, format, ap);
  va_end(ap);
  return n;
}

static void check_snprintf(void) {
  char buf[8];
  CHECK_EQ(fmt(buf, sizeof buf, "%s", "hello world"), 11);
  CHECK(strcmp(buf, "hello w") == 0);
  CHECK_EQ(snprintf(buf, sizeof buf, "%d", 1234567), 7);
  CHECK(strcmp(buf, "1234567") == 0);
  CHECK_EQ(fmt(NULL, 0, "%d-%s", 42, "abc"), 6);
  memset(buf, 'q', sizeof buf);
  CHECK_EQ(fmt(buf, 1, "abc"), 3);
  CHECK_EQ(buf[0], 0);
  CHECK_EQ(buf[1], 'q');
  CHECK_EQ(snprintf(buf, sizeof buf, "%.2f", 1.005), 4);
  CHECK_EQ(printf("%s", ""), 0);

  char big[64];
  double d = 0;
  int i = 0;
  CHECK_EQ(sscanf("  -17 2.5e3 word", "%d %lf %63s", &i, &d, big), 3);
  CHECK_EQ(i, -17);
  CHECK(d == 2500.0);
  CHECK(strcmp(big, "word") == 0);
  int j = 0;
  CHECK_EQ(sscanf("0x1f 017", "%i %i", &i, &j), 2);
  CHECK_EQ(i, 31);
  CHECK_EQ(j, 15);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  print_integers();
  print_floats();
  print_strings();
  check_snprintf();
  CHECK_EQ(fflush(stdout), 0);
  return check_done();
}
