// This file defines the control API JavaScript uses to run a box (all the
// Embind code): boot, directories and mounts, processes, stdin.
// Failures are negative errnos, never exceptions.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "bind/gate.h"
#include "bind/instance.h"
#include "bind/wasm_host.h"

namespace wb::bind {
namespace {

using emscripten::val;

std::vector<std::string> strings(const val& array) {
  std::vector<std::string> out;
  const auto n = array["length"].as<unsigned>();
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i) out.push_back(array[i].as<std::string>());
  return out;
}

int32_t neg(Errno e) { return -int32_t(to_wire(e)); }

// The bytes of a Uint8Array, copied once. (Emscripten's
// convertJSArrayToNumberVector zero-fills a vector first, slowly.)
Bytes bytes_from_js(const val& array) {
  Bytes out(array["length"].as<size_t>());
  val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", array);
  return out;
}

void boot_kernel(const val& config) {
  KernelConfig c;
  c.max_fds = config["maxFds"].as<unsigned>();
  c.memfs_capacity = uint64_t(config["memfsCapacity"].as<double>());
  c.stdin_tty = config["stdinTty"].as<bool>();
  c.pipe_capacity = config["pipeCapacity"].as<unsigned>();
  boot(c);
}

// A directory of the box's tree, as a handle (or -errno).
int32_t box_dir(const std::string& path) {
  if (path.empty() || path.front() != '/') return neg(Errno::Inval);
  const std::string rel = path.size() == 1 ? "." : path.substr(1);
  auto t = resolve(kernel()->root(), rel, Follow::Yes);
  if (!t.ok()) return neg(t.error());
  if (!t->inode) return neg(Errno::NoEnt);
  if (!t->inode->is_dir()) return neg(Errno::NotDir);
  return add_dir(std::static_pointer_cast<Directory>(t->inode));
}

// The root of host mount `mount` (registered with the JS host), as a handle.
int32_t host_dir(uint32_t mount) {
  auto d = kernel()->host_root(mount);
  return d.ok() ? add_dir(std::move(d).value()) : neg(d.error());
}

int32_t mount(const std::string& path, int32_t handle) {
  DirPtr d = dir(handle);
  if (!d) return neg(Errno::Badf);
  return neg(kernel()->mount(path, std::move(d)));
}

// Unpacks a tar image at the absolute path `at`: 0 or -errno.
int32_t load_image(const std::string& at, const val& bytes) {
  const auto tar = bytes_from_js(bytes);
  return neg(kernel()->load_image(at, tar));
}

// Mounts a tar image read-only at the absolute path `at`: 0 or -errno.
int32_t mount_tar(const std::string& at, const val& bytes) {
  return neg(kernel()->mount_tar(at, bytes_from_js(bytes)));
}

// Mounts the persistent store `id` kept in the host's files `a` and `b`
// at `at` (Kernel::mount_store): 0 or -errno.
int32_t mount_store(const std::string& at, uint32_t id, const val& a, const val& b,
                    double capacity) {
  const auto bytes_a = bytes_from_js(a);
  const auto bytes_b = bytes_from_js(b);
  return neg(kernel()->mount_store(at, id, bytes_a, bytes_b, uint64_t(capacity)));
}

// An image the host reads (Module.wasmboxHost.imageRead).
class HostImage final : public ImageData {
 public:
  explicit HostImage(uint32_t id) : id_(id) {}
  Result<size_t> read_some(uint64_t offset, std::span<uint8_t> out) override {
    const int32_t n = wb_js_image_read(id_, double(offset), out.data(), uint32_t(out.size()));
    if (n < 0) return Errno(-n);
    return size_t(n);
  }

 private:
  uint32_t id_;
};

val manifest_or_error(Result<std::string> r) {
  return r.ok() ? val(r.value()) : val(neg(r.error()));
}

// Mounts the image `bytes` at `at` (Kernel::mount_image): its manifest,
// or -errno.
val mount_image(const std::string& at, const val& bytes, bool writable) {
  auto data = image_in_memory(bytes_from_js(bytes));
  return manifest_or_error(kernel()->mount_image(at, std::move(data), writable));
}

// Mounts the tar archive the host reads as number `id`, as it is used.
int32_t mount_host_tar(const std::string& at, uint32_t id) {
  return neg(kernel()->mount_tar(at, std::make_unique<HostImage>(id)));
}

// Mounts the image the host reads as number `id`, block by block.
val mount_host_image(const std::string& at, uint32_t id, bool writable) {
  return manifest_or_error(kernel()->mount_image(at, std::make_unique<HostImage>(id), writable));
}

// Mounts at `at` the overlay of the folder `upper` over the folders
// `lowers` (Kernel::mount_overlay): 0 or -errno.
int32_t mount_overlay(const std::string& at, const std::string& upper, const val& lowers) {
  return neg(kernel()->mount_overlay(at, upper, strings(lowers)));
}

// An image of the tree at `path` (a Uint8Array), or -errno.
val pack_image(const std::string& path, const std::string& manifest) {
  auto r = kernel()->pack_image(path, manifest);
  if (!r.ok()) return val(neg(r.error()));
  return val(emscripten::typed_memory_view(r->size(), r->data())).call<val>("slice");
}

// Commits every store's changes: 0 or the first -errno.
int32_t commit_stores() { return neg(kernel()->commit_stores()); }

// Starts a process; preopens are [{name, handle}] in fd order from 3; cwd
// is an absolute path of the box's tree.
int32_t spawn(const val& args, const val& env, const val& preopens, const std::string& cwd) {
  SpawnOptions opts;
  opts.args = strings(args);
  opts.env = strings(env);
  opts.cwd = cwd;
  const auto n = preopens["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    DirPtr d = dir(preopens[i]["handle"].as<int32_t>());
    if (!d) return neg(Errno::Badf);
    opts.preopens.push_back({preopens[i]["name"].as<std::string>(), std::move(d)});
  }
  Kernel& k = *kernel();
  auto pid = k.spawn(std::move(opts), std::make_unique<WasmGuestMemory>(k.next_pid()));
  return pid.ok() ? int32_t(*pid) : neg(pid.error());
}

void feed_input(uint32_t stream, const val& bytes) {
  const auto data = bytes_from_js(bytes);
  kernel()->feed_input(stream, data);
}

void close_input(uint32_t stream) { kernel()->close_input(stream); }

void reopen_input(uint32_t stream) { kernel()->reopen_input(stream); }

// The signal that ended the process, or 0.
uint32_t term_signal(uint32_t pid) {
  Process* p = process(pid);
  return p && p->term_signal ? *p->term_signal : 0;
}

void reap(uint32_t pid, bool trapped) { kernel()->reap(pid, trapped); }

// The program the runtime loaded for `pid` is built for the Linux-like ABI.
void set_linux_signals(uint32_t pid, bool on) {
  if (Process* p = process(pid)) p->linux_signals = on;
}

// The bytes of a regular file, read whole, as a Uint8Array; or -errno.
val file_bytes(Inode& inode) {
  if (inode.type() != FileType::RegularFile)
    return val(neg(inode.is_dir() ? Errno::IsDir : Errno::Inval));
  auto st = inode.stat(nullptr);
  if (!st.ok()) return val(neg(st.error()));
  // A file in kernel memory is copied once, straight into a Uint8Array.
  if (auto bytes = inode.bytes_to_read(0, st->size)) {
    return val(emscripten::typed_memory_view(bytes->size(), bytes->data())).call<val>("slice");
  }
  auto of = OpenFile::open(inode.shared_from_this(), OpenFile::Access::Read, 0);
  if (!of.ok()) return val(neg(of.error()));
  std::vector<uint8_t> bytes(st->size);
  // A regular file never makes a reader wait.
  auto n = inode.read(**of, 0, bytes).or_error(Errno::Io);
  if (!n.ok()) return val(neg(n.error()));
  bytes.resize(*n);
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

// The program of a process a guest spawned: its bytes, read whole, or
// undefined when it has none (or it cannot be read).
val program_bytes(uint32_t pid) {
  Process* p = process(pid);
  if (!p || !p->program) return val::undefined();
  val bytes = file_bytes(*p->program);
  return bytes.isNumber() ? val::undefined() : bytes;
}

// The file at the absolute `path` of the box's tree (symlinks followed):
// its bytes, or -errno.
val read_file(const std::string& path) {
  if (path.empty() || path.front() != '/') return val(neg(Errno::Inval));
  auto t = resolve(kernel()->root_chain(), path, Follow::Yes);
  if (!t.ok()) return val(neg(t.error()));
  if (!t->inode) return val(neg(Errno::NoEnt));
  return file_bytes(*t->inode);
}

// Makes `bytes` the whole content of the regular file at the absolute
// `path` (created with permission bits `mode`, or truncated), making its
// missing parent directories if `parents`: 0 or -errno.
int32_t write_file(const std::string& path, const val& bytes, uint32_t mode, bool parents) {
  if (path.empty() || path.front() != '/') return neg(Errno::Inval);
  const auto data = bytes_from_js(bytes);
  const DirChain root = kernel()->root_chain();
  if (parents) {
    if (Status s = make_parents(root, path.substr(1)); s != Errno::Success) return neg(s);
  }
  return neg(wb::write_file(root, path, data, mode & 07777));
}

// 0, or a negative errno (ESRCH once the process ended).
int kill(uint32_t pid, int sig) { return -int(to_wire(kernel()->kill(pid, sig))); }

// The terminal's size in character cells.
void resize_terminal(uint32_t cols, uint32_t rows) {
  WinSize w = kernel()->tty().winsize();
  w.cols = uint16_t(cols);
  w.rows = uint16_t(rows);
  kernel()->resize_terminal(w);
}

}  // namespace
}  // namespace wb::bind

// Every function enters the kernel through the gate (gate.h).
#define WB_FUNCTION(name, fn) emscripten::function(name, &Gated<&fn>::call)

EMSCRIPTEN_BINDINGS(wasmbox) {
  using namespace wb::bind;
  WB_FUNCTION("boot", boot_kernel);
  WB_FUNCTION("boxDir", box_dir);
  WB_FUNCTION("hostDir", host_dir);
  WB_FUNCTION("mount", mount);
  WB_FUNCTION("loadImage", load_image);
  WB_FUNCTION("mountTar", mount_tar);
  WB_FUNCTION("mountStore", mount_store);
  WB_FUNCTION("commitStores", commit_stores);
  WB_FUNCTION("mountImage", mount_image);
  WB_FUNCTION("mountHostImage", mount_host_image);
  WB_FUNCTION("mountHostTar", mount_host_tar);
  WB_FUNCTION("packImage", pack_image);
  WB_FUNCTION("mountOverlay", mount_overlay);
  WB_FUNCTION("spawn", spawn);
  WB_FUNCTION("feedInput", feed_input);
  WB_FUNCTION("closeInput", close_input);
  WB_FUNCTION("reopenInput", reopen_input);
  WB_FUNCTION("termSignal", term_signal);
  WB_FUNCTION("reap", reap);
  WB_FUNCTION("programBytes", program_bytes);
  WB_FUNCTION("readFile", read_file);
  WB_FUNCTION("setLinuxSignals", set_linux_signals);
  WB_FUNCTION("writeFile", write_file);
  WB_FUNCTION("kill", kill);
  WB_FUNCTION("resizeTerminal", resize_terminal);
}
