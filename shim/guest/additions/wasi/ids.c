/* Who the process runs as, for wasi-libc, which has no getuid: the kernel's
 * answer to Linux's getuid32 and the like (the box's one user, root, so 0),
 * and getlogin as musl's, from $LOGNAME (wasi-libc declares it but has
 * none). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasmbox/imports.h"

uid_t getuid(void) { return (uid_t)__wasmbox_sys_getuid32(); }
uid_t geteuid(void) { return (uid_t)__wasmbox_sys_geteuid32(); }
gid_t getgid(void) { return (gid_t)__wasmbox_sys_getgid32(); }
gid_t getegid(void) { return (gid_t)__wasmbox_sys_getegid32(); }

char* getlogin(void) {
  char* login = getenv("LOGNAME");
  if (!login) errno = ENXIO; /* no controlling terminal's login */
  return login;
}

int getlogin_r(char* name, size_t size) {
  const char* login = getlogin();
  if (!login) return ENXIO;
  if (strlen(login) >= size) return ERANGE;
  strcpy(name, login);
  return 0;
}
