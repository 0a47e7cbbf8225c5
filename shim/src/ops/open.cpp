// This file defines opening a path as a new descriptor.
#include "ops/open.h"

#include <memory>

#include "fd/open_file.h"

namespace wb {

uint64_t rights_for(const Inode& node) {
  if (node.is_dir()) return right::Directory;
  if (node.seekable()) return right::RegularFile;
  return right::Stream;
}

Status truncate_file(const std::shared_ptr<Inode>& file, uint64_t size) {
  WB_ASSIGN(auto of, OpenFile::open(file, OpenFile::Access::Write, 0));
  return file->set_size(of.get(), size);
}

Result<uint32_t> open_descriptor(Call& c, const PathBase& base, std::string_view path,
                                 const OpenSpec& spec) {
  // A descriptor must be free before the file is created or truncated.
  if (!c.proc.fds().has_room()) return Errno::Mfile;
  WB_ASSIGN(Opened opened, open_path(base, path, spec.req));

  using A = OpenFile::Access;
  const auto access =
      A(uint8_t(spec.read ? A::Read : A::None) | uint8_t(spec.req.write ? A::Write : A::None));
  const bool truncate =
      spec.req.truncate && !opened.created && opened.inode->type() == FileType::RegularFile;
  // Truncated through the new description when it can write (one close,
  // so one commit for a store), else through one of its own.
  if (truncate && !spec.req.write) WB_TRY(truncate_file(opened.inode, 0));
  WB_ASSIGN(auto of, OpenFile::open(opened.inode, access, spec.fdflags));
  if (truncate && spec.req.write) WB_TRY(of->inode->set_size(of.get(), 0));
  if (!opened.chain.empty()) of->chain = std::make_shared<const DirChain>(std::move(opened.chain));
  uint64_t rights = rights_for(*opened.inode) & spec.rights_limit;
  if (!spec.read) rights &= ~(right::FdRead | right::FdReaddir);
  if (!spec.req.write) rights &= ~right::WriteAccess;
  const uint64_t inheriting = opened.inode->is_dir() ? spec.dir_inheriting : 0;
  return c.proc.fds().insert({of, rights, inheriting, {}, spec.cloexec});
}

}  // namespace wb
