// This file declares every function the kernel imports from JavaScript;
// imports.js defines them (over Module.wasmboxHost, see web/src/core).
#pragma once

#include <cstdint>

extern "C" {
// Copies between a process's memory and the kernel's: 0, or -1 when the
// guest range is out of bounds (nothing is copied then).
int32_t wb_js_guest_read(uint32_t pid, void* dst, uint32_t src, uint32_t len);
int32_t wb_js_guest_write(uint32_t pid, uint32_t dst, const void* src, uint32_t len);
double wb_js_guest_size(uint32_t pid);

uint64_t wb_js_clock(uint32_t id);  // ns; 0 realtime, 1 monotonic, 2 cputime
void wb_js_random(void* dst, uint32_t len);

// Bytes written, or a negative errno.
int32_t wb_js_stream_write(uint32_t stream, const void* src, uint32_t len);
int32_t wb_js_stream_isatty(uint32_t stream);
void wb_js_interrupt_key(int32_t key);  // see Host::interrupt_key
// Host::store_write: 0 or a negative errno.
int32_t wb_js_store_write(uint32_t store, uint32_t file, double offset, const void* src,
                          uint32_t len);
// Images read from the host (vfs/image_fs.h): up to `len` bytes at
// `offset` of image `image` into `dst` (fewer only at its end): how many,
// or a negative errno.
int32_t wb_js_image_read(uint32_t image, double offset, void* dst, uint32_t len);
}

// Host directories (vfs/host_fs.h), by mount number and a path relative to
// its root (UTF-8, not NUL-terminated). Results are >= 0 or a negative errno.
// A stat is 7 u64 at `out`: type, ino, nlink, size, atim, mtim, ctim.
extern "C" {
int32_t wb_js_fs_lstat(uint32_t mount, const char* path, uint32_t len, uint64_t* out);
int32_t wb_js_fs_open(uint32_t mount, const char* path, uint32_t len, uint32_t flags);
void wb_js_fs_close(int32_t handle);
int32_t wb_js_fs_pread(int32_t handle, void* buf, uint32_t len, uint64_t offset);
int32_t wb_js_fs_pwrite(int32_t handle, const void* buf, uint32_t len, uint64_t offset);
int32_t wb_js_fs_fstat(int32_t handle, uint64_t* out);
int32_t wb_js_fs_ftruncate(int32_t handle, uint64_t size);
int32_t wb_js_fs_fsync(int32_t handle);
// A time of -1 is left unchanged.
int32_t wb_js_fs_utimes(uint32_t mount, const char* path, uint32_t len, int64_t atim, int64_t mtim);
int32_t wb_js_fs_mkdir(uint32_t mount, const char* path, uint32_t len);
int32_t wb_js_fs_rmdir(uint32_t mount, const char* path, uint32_t len);
int32_t wb_js_fs_unlink(uint32_t mount, const char* path, uint32_t len);
int32_t wb_js_fs_rename(uint32_t mount, const char* from, uint32_t from_len, const char* to,
                        uint32_t to_len);
int32_t wb_js_fs_link(uint32_t mount, const char* from, uint32_t from_len, const char* to,
                      uint32_t to_len);
int32_t wb_js_fs_symlink(uint32_t mount, const char* target, uint32_t target_len, const char* path,
                         uint32_t len);
// Write at most `cap` bytes to `out`; return the full length (retry when
// larger than `cap`). readdir writes entries as: u8 type, u64 ino,
// u32 name length, name bytes.
int32_t wb_js_fs_readlink(uint32_t mount, const char* path, uint32_t len, char* out, uint32_t cap);
int32_t wb_js_fs_readdir(uint32_t mount, const char* path, uint32_t len, uint8_t* out,
                         uint32_t cap);
}
