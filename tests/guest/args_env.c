// Program arguments and environment: argv beyond argv[1] and WB_TEST are printed (compared with
// args_env.out); setenv/getenv/unsetenv work. Run as: args_env DIR extra1 "two words" ''   with
// WB_TEST=hello in the environment.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

extern char** environ;

static void print_args(int argc, char** argv) {
  printf("argc=%d\n", argc);
  for (int i = 2; i < argc; i++) printf("argv[%d]=[%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  const char* v = getenv("WB_TEST");
  if (v)
    printf("WB_TEST=[%s]\n", v);
  else
    printf("WB_TEST unset\n");
}

static void check_args(int argc, char** argv) {
  CHECK(argv[0] != NULL && strlen(argv[0]) > 0);
  CHECK(argv[argc] == NULL);
  for (int i = 0; i < argc; i++) CHECK(argv[i] != NULL);
}

static void check_environ(void) {
  int found = 0, malformed = 0;
  for (char** e = environ; *e; e++) {
    if (strcmp(*e, "WB_TEST=hello") == 0) found++;
    if (strchr(*e, '=') == NULL) malformed++;
  }
  CHECK_EQ(found, getenv("WB_TEST") && strcmp(getenv("WB_TEST"), "hello") == 0 ? 1 : 0);
  CHECK_EQ(malformed, 0);
}

static void check_setenv(void) {
  CHECK(getenv("WB_NOT_SET_ANYWHERE") == NULL);
  CHECK_OK(setenv("WB_NEW", "value one", 0));
  CHECK(getenv("WB_NEW") && strcmp(getenv("WB_NEW"), "value one") == 0);
  CHECK_OK(setenv("WB_NEW", "ignored", 0));
  CHECK(getenv("WB_NEW") && strcmp(getenv("WB_NEW"), "value one") == 0);
  CHECK_OK(setenv("WB_NEW", "", 1));
  CHECK(getenv("WB_NEW") && strcmp(getenv("WB_NEW"), "") == 0);
  int listed = 0;
  for (char** e = environ; *e; e++) listed += strcmp(*e, "WB_NEW=") == 0;
  CHECK_EQ(listed, 1);
  CHECK_OK(unsetenv("WB_NEW"));
  CHECK(getenv("WB_NEW") == NULL);
  CHECK_ERR(setenv("BAD=NAME", "x", 1), EINVAL);
  CHECK_ERR(setenv("", "x", 1), EINVAL);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  print_args(argc, argv);
  check_args(argc, argv);
  check_environ();
  check_setenv();
  return check_done();
}
