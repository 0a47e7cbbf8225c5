// This file defines the constants and struct layouts of Emscripten's
// Linux-style syscall ABI (`env.__syscall_*`, wasm32, Emscripten 3.1.6's
// musl): open flags, *at flags, file modes, and the field offsets of the
// structs a guest exchanges with the kernel. Errno values are WASI's, as
// Emscripten's own are.
#pragma once

#include <cstdint>

namespace wb::sys {

// open(2) flags (octal, as in <bits/fcntl.h>).
namespace oflag {
inline constexpr uint32_t AccMode = 03;
inline constexpr uint32_t RdOnly = 00;
inline constexpr uint32_t WrOnly = 01;
inline constexpr uint32_t RdWr = 02;
inline constexpr uint32_t Creat = 0100;
inline constexpr uint32_t Excl = 0200;
inline constexpr uint32_t NoCtty = 0400;
inline constexpr uint32_t Trunc = 01000;
inline constexpr uint32_t Append = 02000;
inline constexpr uint32_t Nonblock = 04000;
inline constexpr uint32_t Dsync = 010000;
inline constexpr uint32_t Sync = 04010000;
inline constexpr uint32_t LargeFile = 0100000;
inline constexpr uint32_t Directory = 0200000;
inline constexpr uint32_t NoFollow = 0400000;
inline constexpr uint32_t NoAtime = 01000000;
inline constexpr uint32_t Cloexec = 02000000;
inline constexpr uint32_t Path = 010000000;
inline constexpr uint32_t TmpFile = 020000000;
}  // namespace oflag

inline constexpr int32_t kAtFdcwd = -100;
inline constexpr uint32_t kAtSymlinkNofollow = 0x100;
inline constexpr uint32_t kAtRemovedir = 0x200;
inline constexpr uint32_t kAtEaccess = 0x200;
inline constexpr uint32_t kAtSymlinkFollow = 0x400;
inline constexpr uint32_t kAtEmptyPath = 0x1000;

// st_mode file types.
inline constexpr uint32_t kIfMt = 0170000;
inline constexpr uint32_t kIfSock = 0140000;
inline constexpr uint32_t kIfLnk = 0120000;
inline constexpr uint32_t kIfReg = 0100000;
inline constexpr uint32_t kIfBlk = 0060000;
inline constexpr uint32_t kIfDir = 0040000;
inline constexpr uint32_t kIfChr = 0020000;
inline constexpr uint32_t kIfIfo = 0010000;

// fcntl commands.
inline constexpr uint32_t kFDupfd = 0;
inline constexpr uint32_t kFGetfd = 1;
inline constexpr uint32_t kFSetfd = 2;
inline constexpr uint32_t kFGetfl = 3;
inline constexpr uint32_t kFSetfl = 4;
// The record-lock commands, F_GETLK64, F_SETLK64 and F_SETLKW64 on a
// 32-bit Linux. Emscripten 3.1.6's <fcntl.h> tests __LONG_MAX before
// anything defines it and so sends them as 5, 6 and 7 (musl's numbers
// where off_t is 64 bits), with the 64-bit struct flock all the same; the
// guest library's <fcntl.h> for wasi-libc does too. Both mean the same.
inline constexpr uint32_t kFGetlk = 12;
inline constexpr uint32_t kFSetlk = 13;
inline constexpr uint32_t kFSetlkw = 14;
inline constexpr uint32_t kFGetlkEmscripten = 5;
inline constexpr uint32_t kFSetlkEmscripten = 6;
inline constexpr uint32_t kFSetlkwEmscripten = 7;
// Linux's open-file-description locks: owned by the description.
inline constexpr uint32_t kFOfdGetlk = 36;
inline constexpr uint32_t kFOfdSetlk = 37;
inline constexpr uint32_t kFOfdSetlkw = 38;
inline constexpr uint32_t kFDupfdCloexec = 1030;
inline constexpr uint32_t kFdCloexec = 1;
// struct flock's l_type.
inline constexpr uint16_t kFRdlck = 0;
inline constexpr uint16_t kFWrlck = 1;
inline constexpr uint16_t kFUnlck = 2;

// flock(2)'s operations.
inline constexpr uint32_t kLockSh = 1;
inline constexpr uint32_t kLockEx = 2;
inline constexpr uint32_t kLockNb = 4;
inline constexpr uint32_t kLockUn = 8;

// posix_fadvise advice: POSIX_FADV_NORMAL (0) to POSIX_FADV_NOREUSE (5).
inline constexpr uint32_t kPosixFadvNoreuse = 5;

// access(2) modes.
inline constexpr uint32_t kROk = 4;
inline constexpr uint32_t kWOk = 2;
inline constexpr uint32_t kXOk = 1;

// utimensat's special nanoseconds.
inline constexpr int32_t kUtimeNow = 0x3fffffff;
inline constexpr int32_t kUtimeOmit = 0x3ffffffe;

// poll(2) events.
inline constexpr uint16_t kPollIn = 0x001;
inline constexpr uint16_t kPollPri = 0x002;
inline constexpr uint16_t kPollOut = 0x004;
inline constexpr uint16_t kPollErr = 0x008;
inline constexpr uint16_t kPollHup = 0x010;
inline constexpr uint16_t kPollNval = 0x020;
inline constexpr uint16_t kPollRdNorm = 0x040;
inline constexpr uint16_t kPollWrNorm = 0x100;

// d_type values of struct dirent.
inline constexpr uint8_t kDtUnknown = 0;
inline constexpr uint8_t kDtFifo = 1;
inline constexpr uint8_t kDtChr = 2;
inline constexpr uint8_t kDtDir = 4;
inline constexpr uint8_t kDtBlk = 6;
inline constexpr uint8_t kDtReg = 8;
inline constexpr uint8_t kDtLnk = 10;
inline constexpr uint8_t kDtSock = 12;

namespace layout {
// struct stat (88 bytes; time_t is 32 bits in this ABI).
inline constexpr uint32_t kStatSize = 88;
inline constexpr uint32_t kStatDev = 0;
inline constexpr uint32_t kStatInoTruncated = 8;
inline constexpr uint32_t kStatMode = 12;
inline constexpr uint32_t kStatNlink = 16;
inline constexpr uint32_t kStatUid = 20;
inline constexpr uint32_t kStatGid = 24;
inline constexpr uint32_t kStatRdev = 28;
inline constexpr uint32_t kStatSize64 = 40;
inline constexpr uint32_t kStatBlksize = 48;
inline constexpr uint32_t kStatBlocks = 52;
inline constexpr uint32_t kStatAtim = 56;  // struct timespec {i32 sec, i32 nsec}
inline constexpr uint32_t kStatMtim = 64;
inline constexpr uint32_t kStatCtim = 72;
inline constexpr uint32_t kStatIno = 80;

// struct dirent: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name.
inline constexpr uint32_t kDirentIno = 0;
inline constexpr uint32_t kDirentOff = 8;
inline constexpr uint32_t kDirentReclen = 16;
inline constexpr uint32_t kDirentType = 18;
inline constexpr uint32_t kDirentName = 19;

// struct statfs (64 bytes, 32-bit counts).
inline constexpr uint32_t kStatfsSize = 64;
inline constexpr uint32_t kStatfsType = 0;
inline constexpr uint32_t kStatfsBsize = 4;
inline constexpr uint32_t kStatfsBlocks = 8;
inline constexpr uint32_t kStatfsBfree = 12;
inline constexpr uint32_t kStatfsBavail = 16;
inline constexpr uint32_t kStatfsFiles = 20;
inline constexpr uint32_t kStatfsFfree = 24;
inline constexpr uint32_t kStatfsFsid = 28;
inline constexpr uint32_t kStatfsNamelen = 36;
inline constexpr uint32_t kStatfsFrsize = 40;
inline constexpr uint32_t kStatfsFlags = 44;

// struct flock: l_type i16, l_whence i16, l_start i64, l_len i64, l_pid.
inline constexpr uint32_t kFlockSize = 32;  // l_start at 8: wasm32 aligns i64 to 8
inline constexpr uint32_t kFlockType = 0;
inline constexpr uint32_t kFlockWhence = 2;
inline constexpr uint32_t kFlockStart = 8;
inline constexpr uint32_t kFlockLen = 16;
inline constexpr uint32_t kFlockPid = 24;

// struct pollfd: fd i32, events i16, revents i16.
inline constexpr uint32_t kPollfdSize = 8;
inline constexpr uint32_t kPollfdFd = 0;
inline constexpr uint32_t kPollfdEvents = 4;
inline constexpr uint32_t kPollfdRevents = 6;

// struct timespec / struct timeval: i32 seconds, i32 ns / µs.
inline constexpr uint32_t kTimeSize = 8;

// fd_set: a bit per descriptor below FD_SETSIZE.
inline constexpr uint32_t kFdSetSize = 1024;
}  // namespace layout

}  // namespace wb::sys
