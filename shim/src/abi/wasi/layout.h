// This file defines WASI preview1's constants and the sizes and field
// offsets of the structs a guest exchanges with the kernel (little-endian).
#pragma once

#include <cstdint>

namespace wb::wasi {

// filetype
enum class FileType : uint8_t {
  Unknown = 0,
  BlockDevice = 1,
  CharacterDevice = 2,
  Directory = 3,
  RegularFile = 4,
  SocketDgram = 5,
  SocketStream = 6,
  SymbolicLink = 7,
};

// rights
namespace right {
inline constexpr uint64_t FdDatasync = 1ull << 0;
inline constexpr uint64_t FdRead = 1ull << 1;
inline constexpr uint64_t FdSeek = 1ull << 2;
inline constexpr uint64_t FdFdstatSetFlags = 1ull << 3;
inline constexpr uint64_t FdSync = 1ull << 4;
inline constexpr uint64_t FdTell = 1ull << 5;
inline constexpr uint64_t FdWrite = 1ull << 6;
inline constexpr uint64_t FdAdvise = 1ull << 7;
inline constexpr uint64_t FdAllocate = 1ull << 8;
inline constexpr uint64_t PathCreateDirectory = 1ull << 9;
inline constexpr uint64_t PathCreateFile = 1ull << 10;
inline constexpr uint64_t PathLinkSource = 1ull << 11;
inline constexpr uint64_t PathLinkTarget = 1ull << 12;
inline constexpr uint64_t PathOpen = 1ull << 13;
inline constexpr uint64_t FdReaddir = 1ull << 14;
inline constexpr uint64_t PathReadlink = 1ull << 15;
inline constexpr uint64_t PathRenameSource = 1ull << 16;
inline constexpr uint64_t PathRenameTarget = 1ull << 17;
inline constexpr uint64_t PathFilestatGet = 1ull << 18;
inline constexpr uint64_t PathFilestatSetSize = 1ull << 19;
inline constexpr uint64_t PathFilestatSetTimes = 1ull << 20;
inline constexpr uint64_t FdFilestatGet = 1ull << 21;
inline constexpr uint64_t FdFilestatSetSize = 1ull << 22;
inline constexpr uint64_t FdFilestatSetTimes = 1ull << 23;
inline constexpr uint64_t PathSymlink = 1ull << 24;
inline constexpr uint64_t PathRemoveDirectory = 1ull << 25;
inline constexpr uint64_t PathUnlinkFile = 1ull << 26;
inline constexpr uint64_t PollFdReadwrite = 1ull << 27;
inline constexpr uint64_t SockShutdown = 1ull << 28;
inline constexpr uint64_t SockAccept = 1ull << 29;
inline constexpr uint64_t All = (1ull << 30) - 1;

// What a regular file and a directory can ever be granted.
inline constexpr uint64_t RegularFile = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync |
                                        FdTell | FdWrite | FdAdvise | FdAllocate | FdFilestatGet |
                                        FdFilestatSetSize | FdFilestatSetTimes | PollFdReadwrite;
inline constexpr uint64_t Directory =
    FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory | PathCreateFile | PathLinkSource |
    PathLinkTarget | PathOpen | FdReaddir | PathReadlink | PathRenameSource | PathRenameTarget |
    PathFilestatGet | PathFilestatSetSize | PathFilestatSetTimes | FdFilestatGet |
    FdFilestatSetTimes | PathSymlink | PathRemoveDirectory | PathUnlinkFile;
// A character device or stream: no seeking.
inline constexpr uint64_t Stream = FdRead | FdWrite | FdFdstatSetFlags | FdFilestatGet |
                                   FdFilestatSetTimes | PollFdReadwrite | FdSync | FdDatasync |
                                   FdAdvise;
// Rights that need the file opened for writing.
inline constexpr uint64_t WriteAccess = FdWrite | FdDatasync | FdAllocate | FdFilestatSetSize;
}  // namespace right

// fdflags
namespace fdflag {
inline constexpr uint16_t Append = 1 << 0;
inline constexpr uint16_t Dsync = 1 << 1;
inline constexpr uint16_t Nonblock = 1 << 2;
inline constexpr uint16_t Rsync = 1 << 3;
inline constexpr uint16_t Sync = 1 << 4;
inline constexpr uint16_t All = (1 << 5) - 1;
}  // namespace fdflag

// oflags
namespace oflag {
inline constexpr uint16_t Creat = 1 << 0;
inline constexpr uint16_t Directory = 1 << 1;
inline constexpr uint16_t Excl = 1 << 2;
inline constexpr uint16_t Trunc = 1 << 3;
inline constexpr uint16_t All = (1 << 4) - 1;
}  // namespace oflag

// lookupflags
inline constexpr uint32_t kLookupSymlinkFollow = 1;

// fstflags
namespace fstflag {
inline constexpr uint16_t Atim = 1 << 0;
inline constexpr uint16_t AtimNow = 1 << 1;
inline constexpr uint16_t Mtim = 1 << 2;
inline constexpr uint16_t MtimNow = 1 << 3;
inline constexpr uint16_t All = (1 << 4) - 1;
}  // namespace fstflag

enum class Whence : uint8_t { Set = 0, Cur = 1, End = 2 };

enum class ClockId : uint32_t {
  Realtime = 0,
  Monotonic = 1,
  ProcessCputime = 2,
  ThreadCputime = 3,
};

enum class Advice : uint8_t {
  Normal = 0,
  Sequential = 1,
  Random = 2,
  Willneed = 3,
  Dontneed = 4,
  Noreuse = 5,
};

enum class EventType : uint8_t { Clock = 0, FdRead = 1, FdWrite = 2 };
inline constexpr uint16_t kSubclockAbstime = 1;
inline constexpr uint16_t kEventFdReadwriteHangup = 1;

inline constexpr uint8_t kPreopenTypeDir = 0;

// Struct layouts: size, alignment is not required by the kernel (it copies
// bytes), offsets per the witx definitions.
namespace layout {
inline constexpr uint32_t kIovecSize = 8;  // buf u32 @0, len u32 @4
inline constexpr uint32_t kFdstatSize = 24;
inline constexpr uint32_t kFdstatFiletype = 0;        // u8
inline constexpr uint32_t kFdstatFlags = 2;           // u16
inline constexpr uint32_t kFdstatRightsBase = 8;      // u64
inline constexpr uint32_t kFdstatRightsInherit = 16;  // u64

inline constexpr uint32_t kFilestatSize = 64;
inline constexpr uint32_t kFilestatDev = 0;
inline constexpr uint32_t kFilestatIno = 8;
inline constexpr uint32_t kFilestatFiletype = 16;  // u8
inline constexpr uint32_t kFilestatNlink = 24;
inline constexpr uint32_t kFilestatSizeField = 32;
inline constexpr uint32_t kFilestatAtim = 40;
inline constexpr uint32_t kFilestatMtim = 48;
inline constexpr uint32_t kFilestatCtim = 56;

inline constexpr uint32_t kDirentSize = 24;  // followed by the name
inline constexpr uint32_t kDirentNext = 0;
inline constexpr uint32_t kDirentIno = 8;
inline constexpr uint32_t kDirentNamlen = 16;  // u32
inline constexpr uint32_t kDirentType = 20;    // u8

inline constexpr uint32_t kPrestatSize = 8;  // tag u8 @0, name_len u32 @4

inline constexpr uint32_t kSubscriptionSize = 48;
inline constexpr uint32_t kSubUserdata = 0;         // u64
inline constexpr uint32_t kSubTag = 8;              // u8
inline constexpr uint32_t kSubClockId = 16;         // u32
inline constexpr uint32_t kSubClockTimeout = 24;    // u64
inline constexpr uint32_t kSubClockPrecision = 32;  // u64
inline constexpr uint32_t kSubClockFlags = 40;      // u16
inline constexpr uint32_t kSubFd = 16;              // u32

inline constexpr uint32_t kEventSize = 32;
inline constexpr uint32_t kEventUserdata = 0;  // u64
inline constexpr uint32_t kEventError = 8;     // u16
inline constexpr uint32_t kEventType = 10;     // u8
inline constexpr uint32_t kEventNbytes = 16;   // u64
inline constexpr uint32_t kEventFlags = 24;    // u16
}  // namespace layout

// Limits shared by path handling and the guest-memory reader.
inline constexpr uint32_t kMaxNameBytes = 255;
inline constexpr uint32_t kMaxPathBytes = 4096;

}  // namespace wb::wasi
