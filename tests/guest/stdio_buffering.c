// stdio on files: buffering modes (full/line/none) as seen through stat, fflush, fopen modes,
// ungetc, fgets/getline, fdopen, memory streams.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "files.h"

static void test_full_buffering(void) {
  FILE* f = fopen("full", "w");
  CHECK(f != NULL);
  if (!f) return;
  static char buf[4096];
  CHECK_EQ(setvbuf(f, buf, _IOFBF, sizeof buf), 0);
  CHECK_EQ(fwrite("0123456789", 1, 10, f), 10);
  CHECK(fputs("line\n", f) >= 0);
  CHECK_EQ(size_of("full"), 0);
  CHECK_EQ(fflush(f), 0);
  CHECK_EQ(size_of("full"), 15);

  static char big[10000];
  memset(big, 'x', sizeof big);
  CHECK_EQ(fwrite(big, 1, sizeof big, f), sizeof big);
  CHECK(size_of("full") >= 15 + 4096);
  CHECK_EQ(fclose(f), 0);
  CHECK_EQ(size_of("full"), 15 + 10000);
}

static void test_line_buffering(void) {
  FILE* f = fopen("line", "w");
  CHECK(f != NULL);
  if (!f) return;
  CHECK_EQ(setvbuf(f, NULL, _IOLBF, 1024), 0);
  CHECK(fputs("abc", f) >= 0);
  CHECK_EQ(size_of("line"), 0);
  CHECK(fputs("def\nghi", f) >= 0);
  CHECK_EQ(size_of("line"), 7);
  CHECK_EQ(fputc('\n', f), '\n');
  CHECK_EQ(size_of("line"), 11);
  CHECK_EQ(fclose(f), 0);
}

static void test_unbuffered(void) {
  FILE* f = fopen("none", "w");
  CHECK(f != NULL);
  if (!f) return;
  CHECK_EQ(setvbuf(f, NULL, _IONBF, 0), 0);
  CHECK_EQ(fputc('a', f), 'a');
  CHECK_EQ(size_of("none"), 1);
  CHECK(fprintf(f, "%d", 42) == 2);
  CHECK_EQ(size_of("none"), 3);
  CHECK_EQ(fclose(f), 0);
}

static void test_fflush_null(void) {
  FILE* a = fopen("fa", "w");
  FILE* b = fopen("fb", "w");
  CHECK(a != NULL && b != NULL);
  if (!a || !b) return;
  fputs("aaa", a);
  fputs("bb", b);
  CHECK_EQ(fflush(NULL), 0);
  CHECK_EQ(size_of("fa"), 3);
  CHECK_EQ(size_of("fb"), 2);
  fclose(a);
  fclose(b);
}

static void test_modes(void) {
  errno = 0;
  CHECK(fopen("missing", "r") == NULL && errno == ENOENT);
  CHECK(fopen("missing", "r+") == NULL);

  FILE* f = fopen("m", "w+");
  CHECK(f != NULL);
  if (!f) return;
  CHECK(fputs("hello\nworld\n", f) >= 0);
  rewind(f);
  char line[32];
  CHECK(fgets(line, sizeof line, f) != NULL && strcmp(line, "hello\n") == 0);
  CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);
  CHECK(fputs("W", f) >= 0);
  CHECK_EQ(fclose(f), 0);

  f = fopen("m", "r+");
  CHECK(f != NULL);
  if (!f) return;
  CHECK(fgets(line, sizeof line, f) != NULL && strcmp(line, "hello\n") == 0);
  CHECK(fgets(line, sizeof line, f) != NULL && strcmp(line, "World\n") == 0);
  CHECK(fgets(line, sizeof line, f) == NULL);
  CHECK(feof(f));
  CHECK(!ferror(f));
  CHECK_EQ(fclose(f), 0);
  CHECK_EQ(size_of("m"), 12);

  f = fopen("m", "w");
  CHECK(f != NULL);
  if (f) fclose(f);
  CHECK_EQ(size_of("m"), 0);

  f = fopen("m", "r");
  CHECK(f != NULL);
  if (!f) return;
  CHECK_EQ(fputc('x', f), EOF);
  CHECK(ferror(f));
  clearerr(f);
  CHECK(!ferror(f));
  CHECK_EQ(fgetc(f), EOF);
  CHECK(feof(f));
  fclose(f);
}

static void test_reading(void) {
  FILE* f = fopen("r", "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs("first line\nsecond\n\nlast without newline", f);
  fclose(f);

  f = fopen("r", "r");
  CHECK(f != NULL);
  if (!f) return;
  CHECK_EQ(fgetc(f), 'f');
  CHECK_EQ(ungetc('F', f), 'F');
  CHECK_EQ(fgetc(f), 'F');
  char small[5];
  CHECK(fgets(small, sizeof small, f) != NULL && strcmp(small, "irst") == 0);

  char* line = NULL;
  size_t cap = 0;
  CHECK_EQ(getline(&line, &cap, f), 6);
  CHECK(line && strcmp(line, " line\n") == 0);
  CHECK_EQ(getline(&line, &cap, f), 7);
  CHECK_EQ(getline(&line, &cap, f), 1);
  CHECK_EQ(getline(&line, &cap, f), 20);
  CHECK(line && strcmp(line, "last without newline") == 0);
  CHECK_EQ(getline(&line, &cap, f), -1);
  CHECK(feof(f));
  free(line);

  rewind(f);
  char word[16], word2[16];
  int n = 0;
  CHECK_EQ(fscanf(f, "%15s %15s%n", word, word2, &n), 2);
  CHECK(strcmp(word, "first") == 0 && strcmp(word2, "line") == 0);
  CHECK_EQ(n, 10);
  char block[64];
  rewind(f);
  CHECK_EQ(fread(block, 1, sizeof block, f), 39);
  CHECK(feof(f));
  fclose(f);
}

static void test_fdopen(void) {
  int fd = CHECK_OK(open("fd", O_CREAT | O_RDWR | O_TRUNC, 0644));
  FILE* f = fdopen(fd, "w+");
  CHECK(f != NULL);
  if (!f) return;
  CHECK_EQ(fileno(f), fd);
  CHECK(fprintf(f, "via %s", "fdopen") == 10);
  CHECK_EQ(fflush(f), 0);
  char buf[16] = {0};
  CHECK_EQ(pread(fd, buf, sizeof buf, 0), 10);
  CHECK(strcmp(buf, "via fdopen") == 0);
  CHECK_EQ(fclose(f), 0);
  CHECK_ERR(write(fd, "x", 1), EBADF);
}

static void test_memory_streams(void) {
  char buf[32] = "0123456789";
  FILE* f = fmemopen(buf, 10, "r");
  CHECK(f != NULL);
  if (f) {
    char out[4] = {0};
    CHECK_EQ(fread(out, 1, 3, f), 3);
    CHECK(strcmp(out, "012") == 0);
    CHECK_EQ(ftell(f), 3);
    fclose(f);
  }

  char* mem = NULL;
  size_t len = 0;
  f = open_memstream(&mem, &len);
  CHECK(f != NULL);
  if (f) {
    fprintf(f, "%s-%d", "mem", 7);
    fclose(f);
    CHECK_EQ(len, 5);
    CHECK(mem && strcmp(mem, "mem-7") == 0);
    free(mem);
  }
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  test_full_buffering();
  test_line_buffering();
  test_unbuffered();
  test_fflush_null();
  test_modes();
  test_reading();
  test_fdopen();
  test_memory_streams();
  return check_done();
}
