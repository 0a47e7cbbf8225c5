// This file defines FdTable, a process's descriptors: each maps a number to
// an open file description and the rights this descriptor holds. One lookup
// checks both, so no syscall repeats either check.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fd/open_file.h"

namespace wb {

struct FdEntry {
  std::shared_ptr<OpenFile> file;
  uint64_t rights_base = 0;
  uint64_t rights_inheriting = 0;
  // The guest-visible name of a preopened directory (fd_prestat_*).
  std::optional<std::string> preopen;
  // FD_CLOEXEC: not passed to a process spawned with this table.
  bool cloexec = false;
};

class FdTable {
 public:
  // Told of the open file of each descriptor this table closes, or
  // replaces (dup2 or renumber onto it, close-on-exec): a process's POSIX
  // record locks on that file go then.
  using DropHook = std::function<void(const OpenFile&)>;

  explicit FdTable(uint32_t limit) : limit_(limit) {}
  void on_drop(DropHook hook) { on_drop_ = std::move(hook); }
  const DropHook& drop_hook() const { return on_drop_; }

  // EBADF for a closed or unknown fd, ENOTCAPABLE when it lacks `rights`.
  Result<FdEntry*> get(uint32_t fd, uint64_t rights = 0);
  // Whether insert() would find a free number.
  bool has_room() const;
  // Places `e` at the lowest free number; EMFILE at the limit.
  Result<uint32_t> insert(FdEntry e);
  // Places `e` at exactly `fd` (stdio and preopens at start-up).
  Status insert_at(uint32_t fd, FdEntry e);
  Status close(uint32_t fd);
  // Moves `from` onto `to` (which must be open), closing what `to` held.
  Status renumber(uint32_t from, uint32_t to);
  // A new descriptor for the same open file at the lowest free number not
  // below `min` (dup, F_DUPFD). The copy is no preopen and not close-on-exec
  // unless asked.
  Result<uint32_t> dup(uint32_t fd, uint32_t min = 0, bool cloexec = false);
  // Makes `to` a descriptor for what `from` holds, closing what `to` held
  // (dup2/dup3; the caller decides what from == to means).
  Status dup_to(uint32_t from, uint32_t to, bool cloexec = false);
  uint32_t limit() const { return limit_; }
  // What a spawned process starts with: every descriptor but the
  // close-on-exec ones, sharing their open files (and no drop hook).
  FdTable inherited() const;
  // Closes the close-on-exec descriptors (exec).
  void close_on_exec();

 private:
  uint32_t lowest_free(uint32_t min = 0) const;
  static FdEntry copy_of(const FdEntry& e, bool cloexec);
  // Empties a slot that holds a descriptor, telling the hook.
  void drop(uint32_t fd);
  // Gives back the empty slots at the end.
  void trim();
  std::vector<std::optional<FdEntry>> slots_;
  uint32_t limit_;
  DropHook on_drop_;
};

}  // namespace wb
