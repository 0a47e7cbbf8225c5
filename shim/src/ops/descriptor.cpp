// This file defines the descriptor lookup and its errno precedence, and
// the operations that make descriptors: dup3 and pipes.
#include "ops/descriptor.h"

#include "kernel.h"

namespace wb::ops {

Result<FdEntry*> lookup(FdTable& fds, uint32_t fd, const Need& need) {
  WB_ASSIGN(FdEntry * e, fds.get(fd));
  WB_TRY(check(*e, need));
  return e;
}

Status check(const FdEntry& e, const Need& need) {
  const OpenFile& of = *e.file;
  const bool dir = of.inode->is_dir();
  if (dir && need.if_directory != Errno::Success) return need.if_directory;
  if (!dir && need.if_not_directory != Errno::Success) return need.if_not_directory;
  if (!dir && !of.inode->seekable() && need.if_stream != Errno::Success) return need.if_stream;
  if ((need.read && !of.readable()) || (need.write && !of.writable())) return need.if_no_access;
  if ((e.rights_base & need.rights) != need.rights) return Errno::NotCapable;
  return Errno::Success;
}

Status dup3(FdTable& fds, uint32_t from, uint32_t to, bool cloexec) {
  WB_TRY(fds.get(from).status());
  if (from == to) return Errno::Inval;
  return fds.dup_to(from, to, cloexec);
}

namespace {

Result<uint32_t> open_end(FdTable& fds, std::shared_ptr<PipeEnd> end, OpenFile::Access access,
                          uint64_t rights) {
  WB_ASSIGN(auto of, OpenFile::open(std::move(end), access, 0));
  return fds.insert({of, rights, 0, {}});
}

}  // namespace

Result<std::pair<uint32_t, uint32_t>> open_pipe(Kernel& kernel, FdTable& fds) {
  using namespace right;
  Pipe p = kernel.make_pipe();
  WB_ASSIGN(uint32_t r,
            open_end(fds, p.read_end, OpenFile::Access::Read, Stream & ~(FdWrite | FdDatasync)));
  auto w = open_end(fds, p.write_end, OpenFile::Access::Write, Stream & ~FdRead);
  if (!w.ok()) {
    (void)fds.close(r);
    return w.error();
  }
  return std::pair{r, *w};
}

}  // namespace wb::ops
