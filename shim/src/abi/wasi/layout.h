// This file defines WASI preview1's constants and the sizes and field
// offsets of the structs a guest exchanges with the kernel (little-endian).
#pragma once

#include <cstdint>

#include "fd/rights.h"
#include "vfs/file_type.h"

namespace wb::wasi {

// filetype, rights and fdflags: the kernel's own types, whose numbers are
// WASI's (checked below).
using wb::FileType;
namespace right = wb::right;
namespace fdflag = wb::fdflag;
using wb::kMaxNameBytes;
using wb::kMaxPathBytes;

static_assert(uint8_t(FileType::Unknown) == 0 && uint8_t(FileType::BlockDevice) == 1 &&
              uint8_t(FileType::CharacterDevice) == 2 && uint8_t(FileType::Directory) == 3 &&
              uint8_t(FileType::RegularFile) == 4 && uint8_t(FileType::SocketDgram) == 5 &&
              uint8_t(FileType::SocketStream) == 6 && uint8_t(FileType::SymbolicLink) == 7);
static_assert(right::FdDatasync == 1 << 0 && right::FdRead == 1 << 1 && right::FdSeek == 1 << 2 &&
              right::FdFdstatSetFlags == 1 << 3 && right::FdSync == 1 << 4 &&
              right::FdTell == 1 << 5 && right::FdWrite == 1 << 6 && right::FdAdvise == 1 << 7 &&
              right::FdAllocate == 1 << 8 && right::PathCreateDirectory == 1 << 9 &&
              right::PathCreateFile == 1 << 10 && right::PathLinkSource == 1 << 11 &&
              right::PathLinkTarget == 1 << 12 && right::PathOpen == 1 << 13 &&
              right::FdReaddir == 1 << 14 && right::PathReadlink == 1 << 15 &&
              right::PathRenameSource == 1 << 16 && right::PathRenameTarget == 1 << 17 &&
              right::PathFilestatGet == 1 << 18 && right::PathFilestatSetSize == 1 << 19 &&
              right::PathFilestatSetTimes == 1 << 20 && right::FdFilestatGet == 1 << 21 &&
              right::FdFilestatSetSize == 1 << 22 && right::FdFilestatSetTimes == 1 << 23 &&
              right::PathSymlink == 1 << 24 && right::PathRemoveDirectory == 1 << 25 &&
              right::PathUnlinkFile == 1 << 26 && right::PollFdReadwrite == 1 << 27 &&
              right::SockShutdown == 1 << 28 && right::SockAccept == 1 << 29 &&
              right::All == (1ull << 30) - 1);
static_assert(fdflag::Append == 1 && fdflag::Dsync == 2 && fdflag::Nonblock == 4 &&
              fdflag::Rsync == 8 && fdflag::Sync == 16 && fdflag::All == 31);

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

}  // namespace wb::wasi
