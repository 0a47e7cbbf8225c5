// This file defines Process: a running guest's arguments, environment,
// descriptors, memory, exit status and what it waits for.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "abi/guest_memory.h"
#include "fd/fd_table.h"
#include "proc/signals.h"
#include "proc/wait.h"
#include "vfs/path.h"

namespace wb {

// The processes a box holds at once, zombies included (Linux's
// RLIMIT_NPROC): each live one holds an instance and its memory, so a guest
// that forks or spawns without end gets EAGAIN, not the host's memory.
inline constexpr size_t kMaxProcesses = 256;

// The largest exit status a parent (or a shell) can see.
inline constexpr uint32_t kMaxExitStatus = 255;

class Process {
 public:
  Process(uint32_t pid, std::vector<std::string> args, std::vector<std::string> env,
          uint32_t fd_limit, std::unique_ptr<GuestMemory> memory)
      : pid_(pid),
        args_(std::move(args)),
        env_(std::move(env)),
        fds_(fd_limit),
        memory_(std::move(memory)) {}

  uint32_t pid() const { return pid_; }
  const std::vector<std::string>& args() const { return args_; }
  const std::vector<std::string>& env() const { return env_; }
  FdTable& fds() { return fds_; }
  // execve's new image: arguments and environment replaced, close-on-exec
  // descriptors closed, caught signals back at their default.
  void replace_image(std::vector<std::string> args, std::vector<std::string> env) {
    args_ = std::move(args);
    env_ = std::move(env);
    fds_.close_on_exec();
    signals = signals.inherited();
    wait.clear();
    pending_poll = {};
  }
  // The process's descriptors become `fds`; the process's drop hook stays
  // (a forked copy comes with its parent's).
  void set_fds(FdTable fds) {
    fds.on_drop(fds_.drop_hook());
    fds_ = std::move(fds);
  }
  GuestMemory& memory() { return *memory_; }

  // The working directory of the Linux-style ABI (WASI has none).
  DirChain cwd;
  // The process that spawned this one; 0 for one the host started.
  uint32_t parent = 0;
  // Its process group and session (proc/groups.cpp): a process the host
  // starts leads both; a child starts in its parent's.
  uint32_t pgid = 0;
  uint32_t sid = 0;
  // It has run exec since it was spawned or forked (setpgid from its
  // parent then answers EACCES).
  bool execed = false;
  // Its program is built for the Linux-like ABI (it imports Emscripten's
  // syscalls or wasmbox's extensions, as the guest library does), which
  // the runtime tells: it gets Linux's SIGPIPE. A plain WASI (or WASIX)
  // command gets wasmtime's EPIPE alone.
  bool linux_signals = false;
  // The program a guest spawned, for the runtime to load (null for one the
  // host started with a module of its own).
  std::shared_ptr<Inode> program;
  // The runtime is done with it: it holds no descriptors, and waits as a
  // zombie for its parent to collect its status.
  bool ended = false;
  std::optional<uint32_t> exit_code;
  // The signal that ended the process, if one did.
  std::optional<uint32_t> term_signal;
  bool has_ended() const { return exit_code.has_value(); }
  // Ends the process with `code` (proc_exit), unless it has ended already.
  void exit(uint32_t code) {
    if (!exit_code) exit_code = code;
  }
  // Ends the process by Linux signal `sig`: status 128 + sig, as a shell
  // reports it. The one place that computes it.
  void terminate(int sig) {
    if (exit_code) return;
    exit_code = 128 + uint32_t(sig);
    term_signal = uint32_t(sig);
  }
  Signals signals;
  WaitSpec wait;
  PendingPoll pending_poll;

 private:
  uint32_t pid_;
  std::vector<std::string> args_;
  std::vector<std::string> env_;
  FdTable fds_;
  std::unique_ptr<GuestMemory> memory_;
};

}  // namespace wb
