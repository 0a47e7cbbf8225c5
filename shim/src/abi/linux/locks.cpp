// This file defines the Linux-style ABI's advisory locks: fcntl's record
// locks (struct flock) and flock(2), over ops/locks.h.
#include "abi/linux/locks.h"

#include <cstring>

#include "abi/linux/layout.h"
#include "abi/linux/linux.h"
#include "ops/locks.h"

namespace wb::sys {
namespace {

using namespace layout;

// struct flock, read whole first (EFAULT if any of it is outside), as
// Linux does.
struct Flock {
  uint16_t type = 0;
  uint16_t whence = 0;
  int64_t start = 0;
  int64_t len = 0;
  int32_t pid = 0;
};

Result<Flock> read_flock(GuestIo& mem, P at) {
  uint8_t raw[kFlockSize];
  WB_TRY(mem.read(raw, at, kFlockSize));
  Flock f;
  std::memcpy(&f.type, raw + kFlockType, 2);
  std::memcpy(&f.whence, raw + kFlockWhence, 2);
  std::memcpy(&f.start, raw + kFlockStart, 8);
  std::memcpy(&f.len, raw + kFlockLen, 8);
  std::memcpy(&f.pid, raw + kFlockPid, 4);
  return f;
}

// F_GETLK's answer: the conflicting lock, from the start of the file, or
// only l_type F_UNLCK when there is none.
Status write_conflict(GuestIo& mem, P at, const std::optional<RecordLock>& held) {
  if (!held) return mem.write(P{at.addr + kFlockType}, &kFUnlck, 2);
  Record<kFlockSize> r;
  r.u16(kFlockType, held->kind == LockKind::Read ? kFRdlck : kFWrlck);
  r.u16(kFlockWhence, 0);
  r.u64(kFlockStart, held->range.start);
  const bool to_end = held->range.end == ByteRange::kToEnd;
  r.u64(kFlockLen, to_end ? 0 : held->range.end - held->range.start);
  // A description's lock has no process: Linux says -1.
  r.u32(kFlockPid, held->owner.file ? UINT32_MAX : held->owner.pid);
  return mem.write(at, r);
}

}  // namespace

SysBlocking record_lock(Call& c, FdEntry& e, u32 cmd, P at) {
  WB_ASSIGN(Flock f, read_flock(c.mem, at));
  const bool ofd = cmd == kFOfdGetlk || cmd == kFOfdSetlk || cmd == kFOfdSetlkw;
  const bool test = cmd == kFGetlk || cmd == kFGetlkEmscripten || cmd == kFOfdGetlk;
  const bool wait = cmd == kFSetlkw || cmd == kFSetlkwEmscripten || cmd == kFOfdSetlkw;
  // An OFD request names no process.
  if (ofd && f.pid != 0) return Errno::Inval;
  if (f.type != kFRdlck && f.type != kFWrlck && f.type != kFUnlck) return Errno::Inval;
  WB_ASSIGN(ByteRange range, ops::lock_range(*e.file, f.whence, f.start, f.len));
  const LockOwner owner =
      ofd ? LockOwner::description(e.file.get()) : LockOwner::process(c.proc.pid());
  std::optional<LockKind> kind;
  if (f.type != kFUnlck) kind = f.type == kFRdlck ? LockKind::Read : LockKind::Write;
  if (test) {
    if (!kind) return Errno::Inval;
    WB_TRY(write_conflict(c.mem, at, ops::record_conflict(c, e, owner, *kind, range)));
    return 0;
  }
  WB_TRY_BLOCKING(ops::lock_record(c, e, owner, kind, range, wait));
  return 0;
}

SysBlocking flock(Call& c, i32 fd, u32 op) {
  WB_ASSIGN(FdEntry * e, c.proc.fds().get(u32(fd)));
  const u32 what = op & ~kLockNb;
  std::optional<LockKind> kind;
  if (what == kLockSh) {
    kind = LockKind::Read;
  } else if (what == kLockEx) {
    kind = LockKind::Write;
  } else if (what != kLockUn) {
    return Errno::Inval;
  }
  WB_TRY_BLOCKING(ops::lock_whole(c, *e, kind, (op & kLockNb) != 0));
  return 0;
}

}  // namespace wb::sys
