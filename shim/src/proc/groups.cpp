// This file defines process groups and sessions: setpgid, getpgid, setsid,
// getsid and the terminal's foreground group, with Linux's errors, enough
// for a shell's job control.
#include "kernel.h"

namespace wb {

// A group lasts while one of its members is in the table: running, or
// ended and not yet waited for (a zombie), as on Linux.
bool Kernel::group_exists(uint32_t pgid, uint32_t sid) const {
  for (const auto& p : processes_) {
    if (p && p->pgid == pgid && p->sid == sid) return true;
  }
  return false;
}

Status Kernel::set_pgid(Process& caller, uint32_t pid, uint32_t pgid) {
  if (int32_t(pgid) < 0) return Errno::Inval;
  Process* target = pid == 0 ? &caller : process(pid);
  // The caller itself or one of its children, until it has been waited
  // for: side by side, a child may end before its parent sets its group.
  if (!target || (target != &caller && target->parent != caller.pid())) return Errno::Srch;
  if (target != &caller && target->execed) return Errno::Acces;
  if (target->sid != caller.sid || target->pid() == target->sid) return Errno::Perm;
  if (pgid == 0) pgid = target->pid();
  if (pgid != target->pid() && !group_exists(pgid, caller.sid)) return Errno::Perm;
  target->pgid = pgid;
  return Errno::Success;
}

Result<uint32_t> Kernel::get_pgid(Process& caller, uint32_t pid) {
  Process* p = pid == 0 ? &caller : process(pid);
  if (!p) return Errno::Srch;
  return p->pgid;
}

Result<uint32_t> Kernel::set_sid(Process& caller) {
  // A group leader cannot: its group would be split across two sessions.
  for (const auto& p : processes_) {
    if (p && p->pgid == caller.pid()) return Errno::Perm;
  }
  caller.sid = caller.pgid = caller.pid();
  return caller.sid;
}

Result<uint32_t> Kernel::get_sid(Process& caller, uint32_t pid) {
  Process* p = pid == 0 ? &caller : process(pid);
  if (!p) return Errno::Srch;
  return p->sid;
}

Status Kernel::set_foreground_group(Process& caller, uint32_t pgid) {
  if (int32_t(pgid) <= 0) return Errno::Inval;
  if (!group_exists(pgid, caller.sid)) return Errno::Perm;
  foreground_pgid_ = pgid;
  sync_interrupt_key();
  return Errno::Success;
}

}  // namespace wb
