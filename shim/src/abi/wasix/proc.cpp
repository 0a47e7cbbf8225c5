// This file defines the process calls of the extension ABI: identity,
// signal dispositions, spawning, forking and waiting for children.
#include <algorithm>
#include <array>

#include "abi/wasix/wasix.h"

namespace wb::wasix {
namespace {

// Linux's ARG_MAX: what the arguments and environment of one spawn hold.
constexpr size_t kArgMax = 2 * 1024 * 1024;
constexpr uint32_t kMaxActions = 1024;

// `count` NUL-terminated strings through an array of pointers, charged to
// `budget`.
Result<std::vector<std::string>> read_strings(Call& c, P array, u32 count, size_t& budget) {
  if (count > kArgMax / 4) return Errno::TooBig;
  WB_TRY(c.mem.check_range(array, uint64_t(count) * 4));
  std::vector<std::string> out;
  out.reserve(count);
  auto& scratch = c.kernel.scratch().path;
  for (u32 i = 0; i < count; ++i) {
    WB_ASSIGN(u32 at, c.mem.read_u32(P{array.addr + i * 4}));
    WB_ASSIGN(std::string_view s, c.mem.read_cstr(P{at}, budget, scratch));
    budget -= std::min(budget, s.size() + 1);
    out.emplace_back(s);
  }
  return out;
}

// The file actions: records of four u32s, {op, fd, src, 0} for close and
// dup2, {op, 0, path, path_len} for chdir.
Result<std::vector<SpawnAction>> read_actions(Call& c, P actions, u32 count) {
  if (count > kMaxActions) return Errno::Inval;
  std::vector<SpawnAction> out;
  for (u32 i = 0; i < count; ++i) {
    std::array<uint32_t, 4> r{};
    WB_TRY(c.mem.read(r.data(), P{actions.addr + i * 16}, 16));
    SpawnAction a{SpawnAction::Op(r[0]), r[1], r[2], {}};
    switch (a.op) {
      case SpawnAction::Op::Close:
      case SpawnAction::Op::Dup2:
        break;
      case SpawnAction::Op::Chdir: {
        WB_ASSIGN(std::string_view path, c.mem.read_path(P{r[2]}, r[3], c.kernel.scratch().path));
        a.path = path;
        break;
      }
      default:
        return Errno::Inval;
    }
    out.push_back(std::move(a));
  }
  return out;
}

// The program, arguments and environment of a spawn or an exec.
Result<ChildSpawn> read_program(Call& c, P path, u32 path_len, P argv, u32 argc, P envp, u32 envc) {
  ChildSpawn spec;
  WB_ASSIGN(std::string_view p, c.mem.read_path(path, path_len, c.kernel.scratch().path2));
  spec.path = p;
  size_t budget = kArgMax;
  WB_ASSIGN(spec.args, read_strings(c, argv, argc, budget));
  WB_ASSIGN(spec.env, read_strings(c, envp, envc, budget));
  return spec;
}

}  // namespace

Errno proc_id(Call& c, P pid) { return c.mem.write_u32(pid, c.proc.pid()); }

Errno proc_parent(Call& c, u32 pid, P parent) {
  if (pid != c.proc.pid()) return Errno::Srch;
  return c.mem.write_u32(parent, c.proc.parent);
}

Errno proc_sigaction(Call& c, u32 sig, u32 disposition, u32 entry) {
  if (sig >= u32(Signals::kCount) || disposition > u32(Disposition::Catch)) return Errno::Inval;
  if (disposition == u32(Disposition::Catch)) c.proc.signals.entry = entry;
  return c.kernel.set_disposition(c.proc, int(sig), Disposition(disposition));
}

Errno proc_spawn(Call& c, P path, u32 path_len, P argv, u32 argc, P envp, u32 envc, P actions,
                 u32 nactions, P ret_pid) {
  WB_TRY(c.mem.check_range(ret_pid, 4));
  WB_ASSIGN(ChildSpawn spec, read_program(c, path, path_len, argv, argc, envp, envc));
  WB_ASSIGN(spec.actions, read_actions(c, actions, nactions));
  WB_ASSIGN(uint32_t pid, c.kernel.spawn_child(c.proc, std::move(spec)));
  return c.mem.write_u32(ret_pid, pid);
}

Errno proc_kill(Call& c, u32 pid, u32 sig) {
  return c.kernel.signal_processes(c.proc, int32_t(pid), int(sig));
}

Errno proc_exec(Call& c, P path, u32 path_len, P argv, u32 argc, P envp, u32 envc) {
  WB_ASSIGN(ChildSpawn spec, read_program(c, path, path_len, argv, argc, envp, envc));
  return c.kernel.exec(c.proc, std::move(spec));
}

Errno proc_fork(Call& c, P buf, u32 buf_len, P ret_pid) {
  if (buf_len < kMinForkBuffer) return Errno::Inval;
  WB_TRY(c.mem.check_range(buf, buf_len));
  WB_TRY(c.mem.check_range(ret_pid, 4));
  WB_ASSIGN(uint32_t pid, c.kernel.fork_child(c.proc));
  return c.mem.write_u32(ret_pid, pid);
}

Errno proc_setpgid(Call& c, u32 pid, u32 pgid) { return c.kernel.set_pgid(c.proc, pid, pgid); }

Errno proc_getpgid(Call& c, u32 pid, P ret_pgid) {
  WB_TRY(c.mem.check_range(ret_pgid, 4));
  WB_ASSIGN(uint32_t pgid, c.kernel.get_pgid(c.proc, pid));
  return c.mem.write_u32(ret_pgid, pgid);
}

Errno proc_setsid(Call& c, P ret_sid) {
  WB_TRY(c.mem.check_range(ret_sid, 4));
  WB_ASSIGN(uint32_t sid, c.kernel.set_sid(c.proc));
  return c.mem.write_u32(ret_sid, sid);
}

Errno proc_getsid(Call& c, u32 pid, P ret_sid) {
  WB_TRY(c.mem.check_range(ret_sid, 4));
  WB_ASSIGN(uint32_t sid, c.kernel.get_sid(c.proc, pid));
  return c.mem.write_u32(ret_sid, sid);
}

BlockingStatus proc_wait(Call& c, u32 pid, u32 options, P status, P ret_pid) {
  constexpr u32 kNohang = 1, kKnown = 1 | 2 | 8;  // WNOHANG, WUNTRACED, WCONTINUED
  if (options & ~kKnown) return Errno::Inval;
  WB_TRY(c.mem.check_range(status, 4));
  WB_TRY(c.mem.check_range(ret_pid, 4));
  WB_ASSIGN(Waited w, c.kernel.wait_child(c.proc, int32_t(pid), (options & kNohang) != 0));
  WB_TRY(c.mem.write_u32(status, w.status));
  return c.mem.write_u32(ret_pid, w.pid);
}

}  // namespace wb::wasix
