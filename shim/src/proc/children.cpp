// This file defines the kernel's side of posix_spawn and waitpid: child
// processes, their end, and the zombies their parents collect.
#include <array>

#include "kernel.h"

namespace wb {
namespace {

constexpr int kSigAbrt = 6;
constexpr int kSigChld = 17;

// Linux's execve errors for what `path` names: a regular file starting
// with WebAssembly's magic number, or ENOEXEC.
Result<std::shared_ptr<Inode>> find_program(const DirChain& cwd, std::string_view path) {
  if (path.empty()) return Errno::NoEnt;
  WB_ASSIGN(PathTarget t, resolve(cwd, path, Follow::Yes));
  if (!t.inode) return Errno::NoEnt;
  if (t.inode->type() != FileType::RegularFile) return Errno::Acces;
  WB_ASSIGN(auto of, OpenFile::open(t.inode, OpenFile::Access::Read, 0));
  std::array<uint8_t, 4> magic{};
  // A regular file never makes a reader wait.
  WB_ASSIGN(size_t n, t.inode->read(*of, 0, magic).or_error(Errno::Io));
  if (n != magic.size() || magic != std::array<uint8_t, 4>{0, 'a', 's', 'm'}) return Errno::NoExec;
  return t.inode;
}

Status apply(Process& child, const SpawnAction& a) {
  switch (a.op) {
    case SpawnAction::Op::Close:
      return child.fds().close(a.fd);
    case SpawnAction::Op::Dup2: {
      if (a.src != a.fd) return child.fds().dup_to(a.src, a.fd);
      // dup2 onto itself keeps the descriptor open in the child.
      WB_ASSIGN(FdEntry * e, child.fds().get(a.fd));
      e->cloexec = false;
      return Errno::Success;
    }
    case SpawnAction::Op::Chdir: {
      WB_ASSIGN(PathTarget t, resolve(child.cwd, a.path, Follow::Yes));
      if (!t.inode) return Errno::NoEnt;
      if (!t.inode->is_dir()) return Errno::NotDir;
      child.cwd = take_dir_chain(t);
      return Errno::Success;
    }
  }
  return Errno::Inval;
}

// Which children waitpid's `wanted` selects, for a parent in group `pgid`.
bool selects(int32_t wanted, const Process& p, uint32_t pgid) {
  if (wanted == -1) return true;
  if (wanted == 0) return p.pgid == pgid;
  if (wanted < 0) return p.pgid == uint32_t(-int64_t(wanted));
  return p.pid() == uint32_t(wanted);
}

uint32_t wait_status(const Process& p) {
  if (p.term_signal) return *p.term_signal & 0x7f;
  return (p.exit_code.value_or(0) & 0xff) << 8;
}

}  // namespace

Result<uint32_t> Kernel::spawn_child(Process& parent, ChildSpawn spec) {
  WB_ASSIGN(std::shared_ptr<Inode> program, find_program(parent.cwd, spec.path));
  if (process_count() >= kMaxProcesses) return Errno::Again;
  const uint32_t pid = next_pid();
  auto child = make_process(pid, std::move(spec.args), std::move(spec.env), parent.fds().limit(),
                            host_.guest_memory(pid));
  child->parent = parent.pid();
  child->pgid = parent.pgid;
  child->sid = parent.sid;
  child->program = std::move(program);
  child->cwd = parent.cwd;
  child->signals = parent.signals.inherited();
  child->set_fds(parent.fds().inherited());
  for (const SpawnAction& a : spec.actions) WB_TRY(apply(*child, a));
  processes_.push_back(std::move(child));
  return pid;
}

Result<uint32_t> Kernel::fork_child(Process& parent) {
  if (process_count() >= kMaxProcesses) return Errno::Again;
  const uint32_t pid = next_pid();
  auto child =
      make_process(pid, parent.args(), parent.env(), parent.fds().limit(), host_.guest_memory(pid));
  child->parent = parent.pid();
  child->pgid = parent.pgid;
  child->sid = parent.sid;
  child->cwd = parent.cwd;
  child->signals = parent.signals.forked();
  child->set_fds(parent.fds());
  processes_.push_back(std::move(child));
  return pid;
}

size_t Kernel::process_count() const {
  size_t n = 0;
  for (const auto& p : processes_) n += p != nullptr;
  return n;
}

Status Kernel::exec(Process& p, ChildSpawn spec) {
  WB_ASSIGN(std::shared_ptr<Inode> program, find_program(p.cwd, spec.path));
  p.program = std::move(program);
  p.replace_image(std::move(spec.args), std::move(spec.env));
  p.execed = true;
  return Errno::Success;
}

Status Kernel::signal_processes(Process& from, int32_t pid, int sig) {
  if (sig != 0 && !Signals::valid(sig)) return Errno::Inval;
  bool found = false;
  for (auto& p : processes_) {
    if (!p) continue;
    bool selected;
    if (pid > 0)
      selected = p->pid() == uint32_t(pid);
    else if (pid == -1)
      selected = p->pid() != from.pid();
    else
      selected = p->pgid == (pid == 0 ? from.pgid : uint32_t(-int64_t(pid)));
    if (!selected) continue;
    found = true;
    if (sig != 0 && !p->ended) deliver(*p, sig);
  }
  return found ? Errno::Success : Errno::Srch;
}

Blocking<Waited> Kernel::wait_child(Process& parent, int32_t pid, bool nohang) {
  bool any = false;
  for (auto& p : processes_) {
    if (!p || p->parent != parent.pid() || !selects(pid, *p, parent.pgid)) continue;
    if (!p->ended) {
      any = true;
      continue;
    }
    const Waited w{p->pid(), wait_status(*p)};
    p.reset();
    return w;
  }
  if (!any) return Errno::Child;
  if (nohang) return Waited{};
  parent.wait.clear();
  parent.wait.own_events = true;
  return kWouldBlock;
}

void Kernel::reap(uint32_t pid, bool trapped) {
  Process* p = process(pid);
  if (!p || p->ended) return;
  // A trap ends a process as SIGABRT would (status 134, as wasmtime's).
  if (trapped) p->terminate(kSigAbrt);
  // A process ended by a signal or a trap left the terminal as it had set
  // it, raw mode perhaps.
  const bool abnormal = p->term_signal.has_value();
  p->exit(0);  // unless it ended otherwise: _start returned
  p->ended = true;
  p->set_fds(FdTable(p->fds().limit()));  // closes them: pipes see their end
  locks_.release_all(LockOwner::process(pid));
  p->program.reset();
  orphan_children_of(pid);
  Process* parent = process(p->parent);
  if (parent && !parent->ended) {
    deliver(*parent, kSigChld);
  } else {
    processes_[pid - 1].reset();
  }
  if (abnormal && !has_live_process()) tty_.set_termios(job_termios_, false);
  sync_interrupt_key();
}

// The children of a process that ended have no one to wait for them: those
// that ended go, the others go when they end.
void Kernel::orphan_children_of(uint32_t pid) {
  for (auto& p : processes_) {
    if (!p || p->parent != pid) continue;
    p->parent = 0;
    if (p->ended) p.reset();
  }
}

}  // namespace wb
