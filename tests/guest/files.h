// File helpers shared by the guest tests; failures are reported through
// check.h like any other check.
#ifndef WASMBOX_GUEST_FILES_H
#define WASMBOX_GUEST_FILES_H

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static inline int exists(const char* path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

static inline void touch(const char* path) {
  int fd = CHECK_OK(open(path, O_CREAT | O_WRONLY, 0644));
  if (fd >= 0) close(fd);
}

static inline void write_file(const char* path, const char* data) {
  int fd = CHECK_OK(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644));
  if (fd < 0) return;
  CHECK_EQ(write(fd, data, strlen(data)), (long long)strlen(data));
  close(fd);
}

// A new file holding `data`, left open for reading and writing.
static inline int make_file(const char* path, const char* data) {
  int fd = CHECK_OK(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
  CHECK_EQ(write(fd, data, strlen(data)), (long long)strlen(data));
  return fd;
}

// The file holds exactly `expect`.
static inline int read_matches(const char* path, const char* expect) {
  char buf[256];
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n < 0) return 0;
  buf[n] = 0;
  return strcmp(buf, expect) == 0;
}

static inline long long size_of(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static inline long long fd_size(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 ? (long long)st.st_size : -1;
}

#endif
