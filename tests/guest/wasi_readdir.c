// Raw fd_readdir: dirent layout, types and inodes, resuming from d_next cookies, truncated last
// entry in a small buffer, end of directory.
#ifndef __wasi__
#include <stdio.h>
int main(void) {
  puts("skip");
  return 0;
}
#else
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "wasi_check.h"

#define MAXENT 64
#define HDR sizeof(__wasi_dirent_t)

struct entry {
  __wasi_dirent_t d;
  char name[64];
};

static struct entry ents[MAXENT];
static int nents;

static const char* long_name = "beta_with_a_rather_long_name_0123456789";

// Parses complete entries out of buf; returns how many.
static int parse(const uint8_t* buf, size_t used, struct entry* out, int max) {
  size_t off = 0;
  int n = 0;
  while (n < max && off + HDR <= used) {
    memcpy(&out[n].d, buf + off, HDR);
    size_t len = out[n].d.d_namlen;
    if (off + HDR + len > used || len >= sizeof out[n].name) break;
    memcpy(out[n].name, buf + off + HDR, len);
    out[n].name[len] = 0;
    off += HDR + len;
    n++;
  }
  return n;
}

static int find(const char* name) {
  for (int i = 0; i < nents; i++)
    if (strcmp(ents[i].name, name) == 0) return i;
  return -1;
}

static void test_full_listing(int dir) {
  static uint8_t buf[8192];
  __wasi_size_t used = 0;
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
  CHECK(used < sizeof buf);
  nents = parse(buf, used, ents, MAXENT);
  size_t total = 0;
  for (int i = 0; i < nents; i++) total += HDR + ents[i].d.d_namlen;
  CHECK_EQ(total, used);

  int a = find("alpha"), b = find(long_name), g = find("gamma"), l = find("delta");
  CHECK(a >= 0 && b >= 0 && g >= 0 && l >= 0);
  if (a < 0 || b < 0 || g < 0 || l < 0) return;
  CHECK_EQ(ents[a].d.d_type, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ(ents[b].d.d_type, __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ(ents[g].d.d_type, __WASI_FILETYPE_DIRECTORY);
  CHECK_EQ(ents[l].d.d_type, __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK_EQ(ents[b].d.d_namlen, strlen(long_name));

  __wasi_filestat_t st;
  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, "alpha", &st));
  CHECK_EQ(ents[a].d.d_ino, st.ino);
  CHECK_WASI_OK(__wasi_path_filestat_get(dir, 0, "gamma", &st));
  CHECK_EQ(ents[g].d.d_ino, st.ino);

  int others = 0;
  for (int i = 0; i < nents; i++)
    others += i != a && i != b && i != g && i != l && strcmp(ents[i].name, ".") != 0 &&
              strcmp(ents[i].name, "..") != 0;
  CHECK_EQ(others, 0);

  int distinct = 1;
  for (int i = 0; i < nents; i++)
    for (int j = i + 1; j < nents; j++)
      distinct &= strcmp(ents[i].name, ents[j].name) != 0 && ents[i].d.d_next != ents[j].d.d_next;
  CHECK(distinct);
}

static void test_cookies(int dir) {
  static uint8_t buf[8192];
  struct entry rest[MAXENT];
  int ok = 1;
  for (int k = 0; k < nents; k++) {
    __wasi_size_t used = 0;
    if (__wasi_fd_readdir(dir, buf, sizeof buf, ents[k].d.d_next, &used) != 0) {
      ok = 0;
      continue;
    }
    int n = parse(buf, used, rest, MAXENT);
    ok &= n == nents - k - 1;
    for (int i = 0; i < n && i + k + 1 < nents; i++)
      ok &= strcmp(rest[i].name, ents[i + k + 1].name) == 0;
  }
  CHECK(ok);
  if (nents == 0) return;
  __wasi_size_t used = 99;
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, sizeof buf, ents[nents - 1].d.d_next, &used));
  CHECK_EQ(used, 0);
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
  CHECK_EQ(parse(buf, used, rest, MAXENT), nents);
}

static void test_small_buffer(int dir) {
  if (nents == 0) return;
  uint8_t buf[HDR + 64];
  memset(buf, 0xCC, sizeof buf);
  __wasi_size_t used = 0;
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, HDR + 3, 0, &used));
  CHECK_EQ(used, HDR + 3);
  __wasi_dirent_t d;
  memcpy(&d, buf, HDR);
  CHECK_EQ(d.d_namlen, ents[0].d.d_namlen);
  CHECK_EQ(d.d_next, ents[0].d.d_next);
  CHECK(memcmp(buf + HDR, ents[0].name, ents[0].d.d_namlen < 3 ? ents[0].d.d_namlen : 3) == 0);
  CHECK_EQ(buf[HDR + 3], 0xCC);

  memset(buf, 0xCC, sizeof buf);
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, 10, 0, &used));
  CHECK_EQ(used, 10);
  CHECK_EQ(buf[10], 0xCC);

  int b = find(long_name);
  if (b <= 0) return;
  memset(buf, 0xCC, sizeof buf);
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, HDR + 10, ents[b - 1].d.d_next, &used));
  CHECK_EQ(used, HDR + 10);
  memcpy(&d, buf, HDR);
  CHECK_EQ(d.d_namlen, strlen(long_name));
  CHECK(memcmp(buf + HDR, long_name, 10) == 0);
}

static void test_errors(int dir) {
  uint8_t buf[256];
  __wasi_size_t used;
  int fd = CHECK_OK(open("alpha", O_RDONLY));
  __wasi_errno_t e = __wasi_fd_readdir(fd, buf, sizeof buf, 0, &used);
  CHECK(e == __WASI_ERRNO_NOTDIR || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE);
  close(fd);
  CHECK_WASI(__wasi_fd_readdir(fd, buf, sizeof buf, 0, &used), __WASI_ERRNO_BADF);
  CHECK_WASI_OK(__wasi_fd_readdir(dir, buf, 0, 0, &used));
  CHECK_EQ(used, 0);
}

int main(int argc, char** argv) {
  if (argc < 2 || chdir(argv[1]) != 0) {
    fprintf(stderr, "usage: %s DIR (an empty writable directory)\n", argv[0]);
    return 2;
  }
  touch("alpha");
  touch(long_name);
  CHECK_OK(mkdir("gamma", 0755));
  CHECK_OK(symlink("alpha", "delta"));
  int dir = CHECK_OK(open(".", O_RDONLY | O_DIRECTORY));
  test_full_listing(dir);
  test_cookies(dir);
  test_small_buffer(dir);
  test_errors(dir);
  close(dir);
  return check_done();
}
#endif
