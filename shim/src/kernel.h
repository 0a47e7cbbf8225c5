// This file defines Kernel, the object that owns all of a box's state: its
// filesystem tree, devices, processes and scratch buffers. Nothing in the
// kernel is global; bind/ holds the one instance a web build has.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "abi/guest_memory.h"
#include "fd/file_locks.h"
#include "host.h"
#include "pipe/pipe.h"
#include "proc/process.h"
#include "tty/terminal_stream.h"
#include "tty/tty.h"
#include "vfs/devices.h"
#include "vfs/host_fs.h"
#include "vfs/image_fs.h"
#include "vfs/memory_fs.h"
#include "vfs/store.h"
#include "vfs/vfs_ops.h"

namespace wb {

struct KernelConfig {
  uint32_t max_fds = 1024;
  uint64_t memfs_capacity = 1ull << 30;
  // Bytes a pipe holds before a writer waits. A runtime that runs a
  // spawned process only while its parent waits (nested, without JSPI)
  // raises it, so that a child can write all a parent reads afterwards.
  size_t pipe_capacity = kPipeCapacity;
  // stdin is the terminal: keyboard input goes through its line discipline.
  bool stdin_tty = false;
};

struct Preopen {
  std::string name;  // what fd_prestat_dir_name reports
  DirPtr dir;
};

struct SpawnOptions {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::vector<Preopen> preopens;  // fds 3, 4, ... in order
  std::string cwd = "/";          // an absolute path of the box's tree
};

// What a guest's posix_spawn asks the child to do before it starts, in
// order (its file actions).
struct SpawnAction {
  enum class Op : uint32_t { Close = 1, Dup2 = 2, Chdir = 3 };
  Op op;
  uint32_t fd = 0;
  uint32_t src = 0;  // Dup2: the descriptor `fd` becomes a copy of
  std::string path;  // Chdir
};

struct ChildSpawn {
  std::string path;  // the program, from the parent's working directory
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::vector<SpawnAction> actions;
};

// A child whose status a wait collected.
struct Waited {
  uint32_t pid = 0;     // 0: WNOHANG found none ended yet
  uint32_t status = 0;  // as Linux's wait status: code << 8, or the signal
};
// Device numbers of the kernel's own filesystems; host mounts count up
// from kFirstHostDev, mounted images and stores from kFirstImageDev.
inline constexpr uint64_t kMemoryDev = 1;
inline constexpr uint64_t kDeviceDev = 2;
inline constexpr uint64_t kPipeDev = 3;
inline constexpr uint64_t kFirstHostDev = 16;
inline constexpr uint64_t kFirstImageDev = 1 << 16;

class Kernel {
 public:
  Kernel(Host& host, KernelConfig config);
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  Host& host() { return host_; }
  const KernelConfig& config() const { return config_; }
  MemoryFs& memfs() { return memfs_; }
  DirPtr root() { return memfs_.root(); }
  // The root as a chain: where rooted walks start.
  DirChain root_chain() { return {{root(), ""}}; }

  // The pid the next spawn() will get (its memory is built for it first).
  uint32_t next_pid() const { return uint32_t(processes_.size() + 1); }
  Result<uint32_t> spawn(SpawnOptions options, std::unique_ptr<GuestMemory> memory);
  Process* process(uint32_t pid) {
    return pid - 1 < processes_.size() ? processes_[pid - 1].get() : nullptr;
  }
  // posix_spawn: a child of `parent` that runs the program at spec.path
  // (checked to be a WebAssembly module), with the parent's descriptors but
  // the close-on-exec ones, its working directory and its ignored signals,
  // then spec.actions. The runtime starts it. (proc/children.cpp)
  Result<uint32_t> spawn_child(Process& parent, ChildSpawn spec);
  // execve: `p` runs the program at spec.path (checked as for a spawn)
  // next, with spec.args and spec.env, keeping its pid, its descriptors but
  // the close-on-exec ones, its working directory and the signals it
  // ignores (spec.actions are a spawn's only). The runtime then replaces
  // its module. (proc/children.cpp)
  Status exec(Process& p, ChildSpawn spec);
  // fork: a child of `parent` that goes on from where the parent called,
  // on a copy of its memory (the runtime copies it), with the same
  // arguments, environment, working directory, descriptors (close-on-exec
  // ones too, sharing their open files) and signal dispositions, and no
  // pending signal. (proc/children.cpp)
  Result<uint32_t> fork_child(Process& parent);
  // waitpid: a child of `parent` that ended (`pid` > 0: that one; -1 any;
  // 0 one of the parent's group; below -1 one of group -pid), which is
  // then gone. ECHILD when there is none to wait for;
  // "would block" while none has ended, unless `nohang`.
  Blocking<Waited> wait_child(Process& parent, int32_t pid, bool nohang);
  // The runtime is done with process `pid` (`trapped`: its guest trapped).
  // Its descriptors close; it stays a zombie while its parent runs.
  void reap(uint32_t pid, bool trapped = false);

  // Host input stream `stream` (0: stdin) received bytes, or ended.
  void feed_input(uint32_t stream, std::span<const uint8_t> bytes);
  void close_input(uint32_t stream);
  // Gives a plain (not terminal) host input stream a fresh start, so that a
  // box running one process after another gives each its own stdin.
  void reopen_input(uint32_t stream);
  Tty& tty() { return tty_; }
  // The terminal's window changed size (SIGWINCH for the foreground).
  void resize_terminal(const WinSize& size);
  // Delivers signals (bit n: signal n) to the processes of the terminal's
  // foreground group: each is caught (pending until the runtime calls the
  // guest's handler), ignored, or ends the process.
  void signal_foreground(uint32_t signals);
  // Sends `sig` to process `pid`, as kill(2) does (ESRCH once it ended).
  Status kill(uint32_t pid, int sig);
  // kill(2) from process `from`: `pid` > 0 that process (a zombie takes
  // nothing); 0 the caller's process group, below -1 the group -pid, -1
  // every process but the caller. Signal 0 only checks that one exists.
  // ESRCH when none is there, EINVAL for a number that is no signal.
  // (proc/children.cpp)
  Status signal_processes(Process& from, int32_t pid, int sig);
  // TCSETS*: the terminal's settings, through the kernel so that the host
  // learns the interrupt key.
  void set_termios(const Termios& t, bool flush);
  // Process groups and sessions (proc/groups.cpp), as Linux's setpgid,
  // getpgid, setsid and getsid; `pid` 0 is the caller.
  Status set_pgid(Process& caller, uint32_t pid, uint32_t pgid);
  Result<uint32_t> get_pgid(Process& caller, uint32_t pid);
  Result<uint32_t> set_sid(Process& caller);
  Result<uint32_t> get_sid(Process& caller, uint32_t pid);
  // The terminal's foreground process group (TIOCGPGRP, TIOCSPGRP): the
  // keys' signals go to it. Setting it needs a group of the caller's
  // session (EPERM).
  uint32_t foreground_group() const { return foreground_pgid_; }
  Status set_foreground_group(Process& caller, uint32_t pgid);
  // The caught signals of `p` waiting for its handler (bit n: signal n),
  // handed over for the runtime to deliver now; a poll `p` waits in then
  // ends with EINTR.
  uint32_t take_signals(Process& p);
  // The processes sent a signal since the last call, each once: the
  // runtime wakes those that wait for their own events (WaitSpec).
  std::vector<uint32_t> take_woken() { return std::exchange(woken_, {}); }
  // What `proc` does with `sig` from now on.
  Status set_disposition(Process& proc, int sig, Disposition d);

  // The root of the host directory the host registered as `mount`.
  Result<DirPtr> host_root(uint32_t mount);

  // Creates the directories of an absolute path in the memory tree, then
  // mounts `dir` there (--dir HOST::/guest).
  Status mount(std::string_view guest_path, DirPtr dir);

  // Unpacks a tar image into the directory at absolute path `at`, which is
  // created if missing (vfs/tar_unpack.h).
  Status load_image(std::string_view at, std::span<const uint8_t> tar);
  // Mounts the tar archive `tar` read-only at the absolute path `at`,
  // read in place (vfs/tar_fs.h): EINVAL for a damaged archive, else as
  // mount().
  Status mount_tar(std::string_view at, Bytes tar);
  // The same, the archive read where it is as it is used (vfs/tar_fs.h).
  Status mount_tar(std::string_view at, std::unique_ptr<ImageData> tar);
  // Mounts the persistent store kept in the host's files `a` and `b`
  // (vfs/store.h) at the absolute path `at`, its data taking at most
  // `capacity` bytes; `id` names it to Host::store_write.
  Status mount_store(std::string_view at, uint32_t id, std::span<const uint8_t> a,
                     std::span<const uint8_t> b, uint64_t capacity);
  // Commits the changes of every store; the first error.
  Status commit_stores();
  // Mounts the wasmbox image `data` reads (vfs/image_fs.h) read-only at
  // the absolute path `at` and returns its manifest. At "/" its top-level
  // entries go into the root, but for names the root has (/dev). With
  // `writable`, its folders are under overlays whose changes stay in
  // memory, as a container's root. EINVAL for what is not an image, else
  // as mount().
  Result<std::string> mount_image(std::string_view at, std::unique_ptr<ImageData> data,
                                  bool writable = false);
  // Mounts at `at` the overlay (vfs/overlay_fs.h) of the folder `upper`
  // over the folders `lowers` (the first on top), all absolute paths of
  // the box's tree: ENOTDIR or ENOENT for one that is not a folder.
  Status mount_overlay(std::string_view at, std::string_view upper,
                       const std::vector<std::string>& lowers);
  // An image of the tree at the absolute path `path`, with `manifest`.
  Result<std::vector<uint8_t>> pack_image(std::string_view path, std::string_view manifest);

  // A new pipe, its ends not yet open.
  Pipe make_pipe();

  // The box's advisory locks (fcntl's record locks, flock).
  FileLocks& locks() { return locks_; }

  // Reusable buffers for the hot path: a call allocates nothing once they
  // have grown.
  struct Scratch {
    std::vector<uint8_t> io;
    std::vector<char> path;
    std::vector<char> path2;
    std::vector<Iovec> iovecs;
  };
  Scratch& scratch() { return scratch_; }

 private:
  void make_dev();
  // The folder at the absolute path `path` of the tree.
  Result<DirPtr> dir_at(std::string_view path);
  // A device number for a filesystem about to be mounted (one that fails
  // to mount leaves a gap).
  uint64_t new_dev() { return next_image_dev_++; }
  void sync_interrupt_key();
  bool has_live_process() const;
  // Whether a process of session `sid` is in group `pgid`.
  bool group_exists(uint32_t pgid, uint32_t sid) const;
  // The processes the box holds, zombies included.
  size_t process_count() const;
  void orphan_children_of(uint32_t pid);
  // A new process whose descriptors' closes release its record locks.
  std::unique_ptr<Process> make_process(uint32_t pid, std::vector<std::string> args,
                                        std::vector<std::string> env, uint32_t fd_limit,
                                        std::unique_ptr<GuestMemory> memory);
  // Catches, ignores or acts on `sig` as `p` disposed of it.
  void deliver(Process& p, int sig);

  Host& host_;
  KernelConfig config_;
  // Before the tree they are mounted in, which holds their inodes.
  std::vector<std::unique_ptr<Store>> stores_;
  // Roots of images mounted at "/" folder by folder: their folders name
  // them as parent (for "..").
  std::vector<DirPtr> image_roots_;
  MemoryFs memfs_;
  // Before the processes: their open files, going, release their locks.
  FileLocks locks_;
  Tty tty_;
  uint32_t foreground_pgid_ = 0;
  uint64_t next_device_ino_ = 1;
  uint64_t next_pipe_ino_ = 1;
  uint64_t next_image_dev_ = kFirstImageDev;
  // stdin: the terminal, or a plain host stream.
  std::shared_ptr<TerminalStream> terminal_;
  std::shared_ptr<HostInputStream> stdin_;
  std::vector<std::shared_ptr<HostOutputStream>> outputs_;
  std::vector<std::unique_ptr<Process>> processes_;
  std::vector<uint32_t> woken_;  // see take_woken
  Scratch scratch_;
  int interrupt_key_ = 3;  // what the host was last told
  Termios job_termios_;    // the terminal's settings when the job started
};

}  // namespace wb
