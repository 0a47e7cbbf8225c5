/* uname: the box is a Linux-like system on wasm32 (its ABI is Linux's:
 * syscalls, errno, signals, wait statuses), named by /etc/hostname.
 * Emscripten's libc answers "Emscripten"; wasi-libc's, "wasi". */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* The first line of /etc/hostname, or "wasmbox". */
static void host_name(char* out, size_t size) {
  strncpy(out, "wasmbox", size);
  int fd = open("/etc/hostname", O_RDONLY);
  if (fd < 0) return;
  char buf[256];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return;
  buf[n] = '\0';
  buf[strcspn(buf, "\n")] = '\0';
  if (buf[0]) strncpy(out, buf, size);
  out[size - 1] = '\0';
}

int uname(struct utsname* u) {
  memset(u, 0, sizeof *u);
  strncpy(u->sysname, "Linux", sizeof u->sysname - 1);
  host_name(u->nodename, sizeof u->nodename);
  strncpy(u->release, "6.1.0-wasmbox", sizeof u->release - 1);
  strncpy(u->version, "#1 wasmbox", sizeof u->version - 1);
  strncpy(u->machine, "wasm32", sizeof u->machine - 1);
  return 0;
}

int gethostname(char* name, size_t len) {
  struct utsname u;
  uname(&u);
  if (strlen(u.nodename) >= len) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(name, u.nodename);
  return 0;
}
