// This file defines the kernel's start-up, process creation and mounts.
#include "kernel.h"

#include <algorithm>

#include "fd/rights.h"
#include "vfs/overlay_fs.h"
#include "vfs/tar_fs.h"
#include "vfs/tar_unpack.h"

namespace wb {

namespace {

// The host stream that shows the terminal: stdout, unless only stderr is one.
uint32_t screen_stream(Host& host) {
  return !host.stream_isatty(1) && host.stream_isatty(2) ? 2 : 1;
}

}  // namespace

Kernel::Kernel(Host& host, KernelConfig config)
    : host_(host),
      config_(config),
      memfs_(host, kMemoryDev, config.memfs_capacity),
      tty_(host, screen_stream(host)) {
  const uint64_t now = host_.realtime_ns();
  if (config_.stdin_tty)
    terminal_ = std::make_shared<TerminalStream>(tty_, kDeviceDev, next_device_ino_++, now);
  else
    stdin_ = std::make_shared<HostInputStream>(0, kDeviceDev, next_device_ino_++, now);
  for (uint32_t stream : {1u, 2u})
    outputs_.push_back(
        std::make_shared<HostOutputStream>(host_, stream, kDeviceDev, next_device_ino_++, now));
  for (auto& out : outputs_) out->attach(&tty_);
  make_dev();
  (void)make_dir(root(), "tmp");
}

// Open files close after this: their stores commit nothing more.
Kernel::~Kernel() {
  for (auto& store : stores_) store->close();
}

void Kernel::make_dev() {
  WB_CHECK(make_dir(root(), "dev") == Errno::Success, "fresh root has /dev");
  WB_ASSIGN_OR_DIE(PathTarget dev, resolve(root(), "dev", Follow::Yes));
  auto dir = std::static_pointer_cast<Directory>(dev.inode);
  const uint64_t now = host_.realtime_ns();
  const auto add = [&](std::string_view name, std::shared_ptr<Inode> node) {
    WB_CHECK(memfs_.attach(*dir, name, std::move(node)) == Errno::Success,
             "fresh /dev accepts devices");
  };
  add("null",
      std::make_shared<NullDevice>(FileType::CharacterDevice, kDeviceDev, next_device_ino_++, now));
  add("zero",
      std::make_shared<ZeroDevice>(FileType::CharacterDevice, kDeviceDev, next_device_ino_++, now));
  add("urandom", std::make_shared<RandomDevice>(host_, kDeviceDev, next_device_ino_++, now));
  add("random", std::make_shared<RandomDevice>(host_, kDeviceDev, next_device_ino_++, now));
  if (terminal_) add("tty", terminal_);
}

void Kernel::feed_input(uint32_t stream, std::span<const uint8_t> bytes) {
  if (stream != 0) return;
  if (terminal_) return signal_foreground(tty_.receive(bytes));
  stdin_->feed(bytes);
}

void Kernel::close_input(uint32_t stream) {
  if (stream != 0) return;
  if (terminal_) return tty_.hangup();
  stdin_->close_input();
}

void Kernel::reopen_input(uint32_t stream) {
  if (stream == 0 && !terminal_) stdin_->reopen();
}

void Kernel::resize_terminal(const WinSize& size) {
  if (tty_.set_winsize(size)) signal_foreground(1u << sig::WINCH);
}

void Kernel::signal_foreground(uint32_t signals) {
  for (int s = 1; s < Signals::kCount; ++s) {
    if (!(signals & (1u << s))) continue;
    for (auto& p : processes_) {
      if (p && !p->ended && p->pgid == foreground_pgid_) deliver(*p, s);
    }
  }
}

Status Kernel::kill(uint32_t pid, int sig) {
  Process* p = process(pid);
  if (!p || p->exit_code) return Errno::Srch;
  if (!Signals::valid(sig)) return Errno::Inval;
  deliver(*p, sig);
  return Errno::Success;
}

void Kernel::deliver(Process& p, int sig) {
  if (p.exit_code) return;
  if (std::find(woken_.begin(), woken_.end(), p.pid()) == woken_.end()) woken_.push_back(p.pid());
  switch (p.signals.disposition(sig)) {
    case Disposition::Catch:
      p.signals.add_pending(sig);
      break;
    case Disposition::Ignore:
      break;
    case Disposition::Default:
      if (Signals::terminates_by_default(sig)) p.terminate(sig);
  }
}

void Kernel::set_termios(const Termios& t, bool flush) {
  tty_.set_termios(t, flush);
  sync_interrupt_key();
}

Status Kernel::set_disposition(Process& proc, int sig, Disposition d) {
  if (!Signals::valid(sig) || uint8_t(d) > uint8_t(Disposition::Catch)) return Errno::Inval;
  // SIGKILL and SIGSTOP cannot be caught or ignored.
  if (d != Disposition::Default && (sig == sig::KILL || sig == sig::STOP)) return Errno::Inval;
  proc.signals.set(sig, d);
  sync_interrupt_key();
  return Errno::Success;
}

// The host interrupts a busy guest on the interrupt key only where that
// key would end it: INTR enabled and SIGINT left at its default.
void Kernel::sync_interrupt_key() {
  const Termios& t = tty_.termios();
  int key = (t.lflag & tc::Isig) && t.cc[tc::Vintr] ? int(t.cc[tc::Vintr]) : -1;
  for (auto& p : processes_) {
    if (p && !p->exit_code && p->pgid == foreground_pgid_ &&
        p->signals.disposition(sig::INT) != Disposition::Default)
      key = -1;
  }
  if (key == interrupt_key_) return;
  interrupt_key_ = key;
  host_.interrupt_key(key);
}

Result<uint32_t> Kernel::spawn(SpawnOptions options, std::unique_ptr<GuestMemory> memory) {
  const uint32_t pid = next_pid();
  auto proc = make_process(pid, std::move(options.args), std::move(options.env), config_.max_fds,
                           std::move(memory));
  const DirChain top = root_chain();
  WB_ASSIGN(PathTarget cwd, resolve(top, options.cwd, Follow::Yes));
  if (!cwd.inode) return Errno::NoEnt;
  if (!cwd.inode->is_dir()) return Errno::NotDir;
  proc->cwd = take_dir_chain(cwd);
  using OA = OpenFile::Access;
  const auto stdio = [&](uint32_t fd, std::shared_ptr<Inode> node, OA access) -> Status {
    WB_ASSIGN(auto of, OpenFile::open(std::move(node), access, 0));
    // Each stream holds the right of its own direction only.
    const uint64_t rights = right::Stream & ~(access == OA::Read ? right::FdWrite : right::FdRead);
    return proc->fds().insert_at(fd, {of, rights, 0, {}});
  };
  WB_TRY(stdio(0, terminal_ ? std::shared_ptr<Inode>(terminal_) : stdin_, OA::Read));
  WB_TRY(stdio(1, outputs_[0], OA::Write));
  WB_TRY(stdio(2, outputs_[1], OA::Write));
  uint32_t fd = 3;
  for (Preopen& p : options.preopens) {
    WB_ASSIGN(auto of, OpenFile::open(p.dir, OA::Read, 0));
    WB_TRY(proc->fds().insert_at(fd++, {of, right::Directory, right::All, std::move(p.name)}));
  }
  // The first process of a job: its terminal settings, to put back if it
  // cannot (a shell does the same for a job a signal ended).
  if (!has_live_process()) job_termios_ = tty_.termios();
  // It leads a session and a group, the terminal's foreground one.
  proc->pgid = proc->sid = pid;
  foreground_pgid_ = pid;
  processes_.push_back(std::move(proc));
  return pid;
}

std::unique_ptr<Process> Kernel::make_process(uint32_t pid, std::vector<std::string> args,
                                              std::vector<std::string> env, uint32_t fd_limit,
                                              std::unique_ptr<GuestMemory> memory) {
  auto p =
      std::make_unique<Process>(pid, std::move(args), std::move(env), fd_limit, std::move(memory));
  p->fds().on_drop(
      [this, pid](const OpenFile& of) { locks_.release(of.file_key(), LockOwner::process(pid)); });
  return p;
}

uint32_t Kernel::take_signals(Process& p) {
  const uint32_t taken = p.signals.take_pending();
  if (taken && p.pending_poll.active) p.pending_poll.interrupted = true;
  return taken;
}

bool Kernel::has_live_process() const {
  for (const auto& p : processes_) {
    if (p && !p->ended) return true;
  }
  return false;
}

Result<DirPtr> Kernel::host_root(uint32_t mount) {
  HostFs* fs = host_.fs();
  if (!fs) return Errno::NoSys;
  return make_host_root(*fs, mount, kFirstHostDev + mount);
}

Status Kernel::load_image(std::string_view at, std::span<const uint8_t> tar) {
  if (!at.starts_with('/')) return Errno::Inval;
  const DirChain top = root_chain();
  at.remove_prefix(1);
  if (!at.empty()) WB_TRY(make_dirs(top, at));
  WB_ASSIGN(PathTarget t, resolve(top, at.empty() ? "." : at, Follow::Yes));
  if (!t.inode) return Errno::NoEnt;
  if (!t.inode->is_dir()) return Errno::NotDir;
  return unpack_tar(std::static_pointer_cast<Directory>(t.inode), tar);
}

Status Kernel::mount_tar(std::string_view at, Bytes tar) {
  WB_ASSIGN(DirPtr root, make_tar_fs(std::move(tar), new_dev()));
  return mount(at, std::move(root));
}

Status Kernel::mount_tar(std::string_view at, std::unique_ptr<ImageData> tar) {
  WB_ASSIGN(DirPtr root, make_lazy_tar_fs(std::move(tar), new_dev()));
  return mount(at, std::move(root));
}

Status Kernel::mount_store(std::string_view at, uint32_t id, std::span<const uint8_t> a,
                           std::span<const uint8_t> b, uint64_t capacity) {
  WB_ASSIGN(auto store, Store::open(host_, id, new_dev(), capacity, a, b));
  WB_TRY(mount(at, store->root()));
  stores_.push_back(std::move(store));
  return Errno::Success;
}

Result<std::string> Kernel::mount_image(std::string_view at, std::unique_ptr<ImageData> data,
                                        bool writable) {
  WB_ASSIGN(ImageMount image, make_image_fs(std::move(data), new_dev()));
  // Writable: under an overlay whose upper layer is a folder in memory.
  const auto layered = [&](DirPtr dir) {
    if (!writable) return dir;
    return make_overlay(memfs_.make_detached_dir(), {std::move(dir)}, new_dev());
  };
  if (at.find_first_not_of('/') != std::string_view::npos) {
    WB_TRY(mount(at, layered(image.root)));
    return std::move(image.manifest);
  }
  // At the root: each top-level entry, as a container's image is its root.
  image_roots_.push_back(image.root);
  WB_ASSIGN(auto names, entry_names(image.root));
  for (const std::string& name : names) {
    if (root()->lookup(name).ok()) continue;
    WB_ASSIGN(auto node, image.root->lookup(name));
    if (node->is_dir())
      WB_TRY(memfs_.mount(*root(), name, layered(std::static_pointer_cast<Directory>(node))));
    else
      WB_TRY(memfs_.attach(*root(), name, node));
  }
  return std::move(image.manifest);
}

Result<DirPtr> Kernel::dir_at(std::string_view path) {
  if (!path.starts_with('/')) return Errno::Inval;
  WB_ASSIGN(PathTarget t, resolve(root_chain(), path, Follow::Yes));
  if (!t.inode) return Errno::NoEnt;
  if (!t.inode->is_dir()) return Errno::NotDir;
  return std::static_pointer_cast<Directory>(t.inode);
}

Result<std::vector<uint8_t>> Kernel::pack_image(std::string_view path, std::string_view manifest) {
  WB_ASSIGN(DirPtr dir, dir_at(path));
  return wb::pack_image(dir, manifest);
}

Status Kernel::mount_overlay(std::string_view at, std::string_view upper,
                             const std::vector<std::string>& lowers) {
  WB_ASSIGN(DirPtr top, dir_at(upper));
  std::vector<DirPtr> below;
  for (const std::string& path : lowers) {
    WB_ASSIGN(DirPtr dir, dir_at(path));
    below.push_back(std::move(dir));
  }
  return mount(at, make_overlay(std::move(top), std::move(below), new_dev()));
}

Status Kernel::commit_stores() {
  Status first = Errno::Success;
  for (auto& store : stores_)
    if (Status s = store->commit(); s != Errno::Success && first == Errno::Success) first = s;
  return first;
}

Status Kernel::mount(std::string_view guest_path, DirPtr dir) {
  if (guest_path.empty() || guest_path.front() != '/') return Errno::Inval;
  std::string_view rest = guest_path.substr(1);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty()) return Errno::Busy;  // the root itself
  // Create each missing parent, then attach at the last component.
  DirPtr at = root();
  for (;;) {
    const size_t slash = rest.find('/');
    const std::string_view name = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      // Like a real mount, it may cover an empty directory of the tree.
      if (auto old = at->lookup(name); old.ok()) {
        if (!old.value()->is_dir() || old.value()->dev() != kMemoryDev) return Errno::Exist;
        WB_ASSIGN(bool empty, static_cast<Directory&>(*old.value()).empty());
        if (!empty) return Errno::NotEmpty;
        WB_TRY(at->remove_dir(name));
      }
      return memfs_.mount(*at, name, std::move(dir));
    }
    auto next = at->lookup(name);
    if (!next.ok()) {
      WB_TRY(at->make_dir(name));
      next = at->lookup(name);
    }
    if (!next.ok()) return next.error();
    if (!next.value()->is_dir()) return Errno::NotDir;
    at = std::static_pointer_cast<Directory>(next.value());
    rest.remove_prefix(slash + 1);
  }
}

Pipe Kernel::make_pipe() {
  Pipe p = wb::make_pipe(kPipeDev, next_pipe_ino_, host_.realtime_ns(), config_.pipe_capacity);
  next_pipe_ino_++;
  return p;
}

}  // namespace wb
