/* What configure found, and a function from the project's own library. */
#include <stdio.h>

#include "config.h"

int square(int);

int main(void) {
  int found = 0;
#if defined(HAVE_TERMIOS_H) && defined(HAVE_PWD_H) && defined(HAVE_SETJMP_H)
  found += 3;
#endif
#if defined(HAVE_REALPATH) && defined(HAVE_MKSTEMP) && defined(HAVE_FORK) && defined(HAVE_GETPWUID)
  found += 4;
#endif
#ifdef HAVE_FLOCK
  found += 1;
#endif
  printf("square %d, found %d of 8\n", square(7), found);
  return 0;
}
