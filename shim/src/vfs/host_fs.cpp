// This file defines the host backend: inodes that forward to HostFs by
// path (metadata, directory changes) or by host handle (file data).
#include "vfs/host_fs.h"

#include <unordered_map>

#include "fd/open_file.h"

namespace wb {
namespace {

std::string child_path(std::string_view dir, std::string_view name) {
  std::string p(dir);
  if (!p.empty()) p += '/';
  p.append(name);
  return p;
}

// What a guest set a file's times to, exactly. A host may keep coarser
// times (node:fs keeps about a microsecond); while the host still reports
// what it kept when they were set, the guest reads back the exact values
// (wasmtime keeps nanoseconds).
class TimeMemo {
 public:
  void remember(uint64_t ino, const TimeChange& set, const HostStat& kept) {
    if (entries_.size() >= kMaxEntries && !entries_.count(ino)) entries_.clear();
    Entry& e = entries_[ino];
    if (set.atim) e.atim = {*set.atim, kept.atim};
    if (set.mtim) e.mtim = {*set.mtim, kept.mtim};
  }
  void apply(Stat& st) const {
    auto it = entries_.find(st.ino);
    if (it == entries_.end()) return;
    if (it->second.atim && it->second.atim->kept == st.atim) st.atim = it->second.atim->exact;
    if (it->second.mtim && it->second.mtim->kept == st.mtim) st.mtim = it->second.mtim->exact;
  }

 private:
  static constexpr size_t kMaxEntries = 4096;
  struct Time {
    uint64_t exact, kept;
  };
  struct Entry {
    std::optional<Time> atim, mtim;
  };
  std::unordered_map<uint64_t, Entry> entries_;
};

// One host directory mounted in the box: shared by all its inodes.
struct HostMount {
  HostFs& fs;
  uint32_t mount;
  uint64_t dev;
  TimeMemo times;

  Stat to_stat(const HostStat& h) const {
    Stat st{dev, h.ino, h.type, h.nlink, h.size, h.atim, h.mtim, h.ctim, h.perm};
    times.apply(st);
    return st;
  }
};

// Where a host inode lives.
struct HostRef {
  std::shared_ptr<HostMount> m;
  std::string path;
};

Result<std::shared_ptr<Inode>> make_node(const HostRef& ref, const HostStat& st);

// A file's host handle, held by an open description.
class HostHandle final : public BackendState {
 public:
  HostHandle(HostFs& fs, int32_t h) : fs_(fs), handle(h) {}
  ~HostHandle() override { fs_.close(handle); }
  HostFs& fs_;
  int32_t handle;
};

// The directory listing an open directory serves cookies from; taken
// afresh whenever the guest starts over from cookie 0.
class DirSnapshot final : public BackendState {
 public:
  std::vector<HostDirent> entries;
};

int32_t handle_of(const OpenFile& of) { return static_cast<HostHandle&>(*of.backend).handle; }

// What every inode of a host mount has, whatever its type: where it lives,
// its metadata by lstat and its times by utimes (never following a symlink).
template <class Base>
class HostNode : public Base {
 public:
  HostNode(HostRef ref, FileType type, const HostStat& st)
      : Base(type, ref.m->dev, st.ino), ref_(std::move(ref)) {}

  Result<Stat> stat(OpenFile*) override {
    WB_ASSIGN(HostStat st, fs().lstat(mount(), ref_.path));
    return ref_.m->to_stat(st);
  }
  Status set_times(OpenFile*, const TimeChange& c) override {
    WB_TRY(fs().utimes(mount(), ref_.path, c.atim, c.mtim));
    if (auto kept = fs().lstat(mount(), ref_.path); kept.ok())
      ref_.m->times.remember(this->ino(), c, *kept);
    return Errno::Success;
  }
  const HostRef& ref() const { return ref_; }

 protected:
  HostFs& fs() const { return ref_.m->fs; }
  uint32_t mount() const { return ref_.m->mount; }
  HostRef ref_;
};

class HostFile final : public HostNode<Inode> {
 public:
  HostFile(HostRef ref, const HostStat& st) : HostNode(std::move(ref), st.type, st) {}

  // An open file answers by its handle (it may have lost its name).
  Result<Stat> stat(OpenFile* of) override {
    if (!of || !of->backend) return HostNode::stat(of);
    WB_ASSIGN(HostStat st, fs().fstat(handle_of(*of)));
    return ref_.m->to_stat(st);
  }
  Status set_size(OpenFile* of, uint64_t size) override {
    if (!of || !of->backend) return Errno::Badf;
    return fs().ftruncate(handle_of(*of), size);
  }
  Status open(OpenFile& of) override {
    uint32_t flags = 0;
    if (of.readable() || !of.writable()) flags |= host_open::Read;
    if (of.writable()) flags |= host_open::Write;
    WB_ASSIGN(int32_t h, fs().open(mount(), ref_.path, flags));
    of.backend = std::make_unique<HostHandle>(fs(), h);
    return Errno::Success;
  }
  Blocking<size_t> read(OpenFile& of, uint64_t offset, std::span<uint8_t> out) override {
    return fs().pread(handle_of(of), out, offset);
  }
  Blocking<size_t> write(OpenFile& of, uint64_t offset, std::span<const uint8_t> in) override {
    return fs().pwrite(handle_of(of), in, offset);
  }
  Status sync(OpenFile& of) override { return fs().fsync(handle_of(of)); }
  bool seekable() const override { return true; }
  Readiness poll_read(OpenFile& of) override {
    Readiness r;
    if (auto st = fs().fstat(handle_of(of)); st.ok())
      r.nbytes = st->size > of.offset ? st->size - of.offset : 0;
    return r;
  }
};

class HostSymlink final : public HostNode<Symlink> {
 public:
  HostSymlink(HostRef ref, const HostStat& st)
      : HostNode(std::move(ref), FileType::SymbolicLink, st) {}
  Result<std::string> target() override { return fs().readlink(mount(), ref_.path); }
};

class HostDir final : public HostNode<Directory> {
 public:
  HostDir(HostRef ref, const HostStat& st) : HostNode(std::move(ref), FileType::Directory, st) {}

  Result<std::shared_ptr<Inode>> lookup(std::string_view name) override {
    HostRef ref = child(name);
    WB_ASSIGN(HostStat st, fs().lstat(mount(), ref.path));
    return make_node(ref, st);
  }
  Result<std::shared_ptr<Inode>> create_file(std::string_view name) override {
    HostRef ref = child(name);
    using namespace host_open;
    WB_ASSIGN(int32_t h, fs().open(mount(), ref.path, Read | Write | Create | Exclusive));
    fs().close(h);
    WB_ASSIGN(HostStat st, fs().lstat(mount(), ref.path));
    return make_node(ref, st);
  }
  Status make_dir(std::string_view name) override {
    return fs().mkdir(mount(), child_path(ref_.path, name));
  }
  Status make_symlink(std::string_view name, std::string_view target) override {
    return fs().symlink(mount(), target, child_path(ref_.path, name));
  }
  Status link(std::string_view name, Inode& target) override {
    if (target.dev() != dev()) return Errno::Xdev;
    return fs().link(mount(), ref_of(target).path, child_path(ref_.path, name));
  }
  Status unlink(std::string_view name) override {
    return fs().unlink(mount(), child_path(ref_.path, name));
  }
  Status remove_dir(std::string_view name) override {
    return fs().rmdir(mount(), child_path(ref_.path, name));
  }
  Status rename(std::string_view from, Directory& to, std::string_view to_name) override {
    if (to.dev() != dev()) return Errno::Xdev;
    return fs().rename(mount(), child_path(ref_.path, from), child_path(ref_of(to).path, to_name));
  }
  Status read_entries(OpenFile& of, uint64_t cookie, DirSink& sink) override {
    // Cookies are positions: "." 0, ".." 1, then entries[i] at i + 2.
    if (cookie == 0 || !of.backend) {
      auto snap = std::make_unique<DirSnapshot>();
      WB_ASSIGN(snap->entries, fs().readdir(mount(), ref_.path));
      of.backend = std::move(snap);
    }
    const auto& entries = static_cast<DirSnapshot&>(*of.backend).entries;
    if (cookie == 0 && !sink.add({1, ino(), FileType::Directory, "."})) return Errno::Success;
    if (cookie <= 1 && !sink.add({2, parent_ino(), FileType::Directory, ".."}))
      return Errno::Success;
    for (uint64_t i = cookie <= 2 ? 0 : cookie - 2; i < entries.size(); ++i) {
      const HostDirent& e = entries[i];
      if (!sink.add({i + 3, e.ino, e.type, e.name})) break;
    }
    return Errno::Success;
  }
  bool contains(const Directory& other) const override {
    if (other.dev() != dev()) return false;
    const std::string& p = static_cast<const HostDir&>(other).ref().path;
    return ref_.path.empty() || (p.compare(0, ref_.path.size(), ref_.path) == 0 &&
                                 (p.size() == ref_.path.size() || p[ref_.path.size()] == '/'));
  }
  Result<bool> empty() override {
    WB_ASSIGN(auto entries, fs().readdir(mount(), ref_.path));
    return entries.empty();
  }

 private:
  HostRef child(std::string_view name) const {
    return HostRef{ref_.m, child_path(ref_.path, name)};
  }
  uint64_t parent_ino() const {
    if (ref_.path.empty()) return ino();  // the mount root: its parent is outside
    const size_t slash = ref_.path.rfind('/');
    auto st = fs().lstat(mount(), slash == std::string::npos ? "" : ref_.path.substr(0, slash));
    return st.ok() ? st->ino : ino();
  }

  // Where another inode of this mount lives.
  static const HostRef& ref_of(Inode& node);
};

// Only this file's three classes carry a host mount's device id, so the
// type tells which one an inode of this mount is.
const HostRef& HostDir::ref_of(Inode& node) {
  if (node.is_dir()) return static_cast<HostDir&>(node).ref();
  if (node.is_symlink()) return static_cast<HostSymlink&>(node).ref();
  return static_cast<HostFile&>(node).ref();
}

Result<std::shared_ptr<Inode>> make_node(const HostRef& ref, const HostStat& st) {
  if (st.type == FileType::Directory)
    return std::shared_ptr<Inode>(std::make_shared<HostDir>(ref, st));
  if (st.type == FileType::SymbolicLink)
    return std::shared_ptr<Inode>(std::make_shared<HostSymlink>(ref, st));
  return std::shared_ptr<Inode>(std::make_shared<HostFile>(ref, st));
}

}  // namespace

Result<std::shared_ptr<Directory>> make_host_root(HostFs& fs, uint32_t mount, uint64_t dev) {
  WB_ASSIGN(HostStat st, fs.lstat(mount, ""));
  if (st.type != FileType::Directory) return Errno::NotDir;
  auto m = std::make_shared<HostMount>(HostMount{fs, mount, dev, {}});
  return std::shared_ptr<Directory>(std::make_shared<HostDir>(HostRef{std::move(m), ""}, st));
}

}  // namespace wb
