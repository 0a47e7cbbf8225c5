// This file defines unpack_tar: a tar archive's entries (tar_reader.h)
// made into files of the box's tree.
#include "vfs/tar_unpack.h"

#include "fd/open_file.h"
#include "vfs/tar_reader.h"

namespace wb {
namespace {

Status add_entry(const PathBase& base, const TarEntry& e) {
  switch (e.kind) {
    case TarEntry::Dir:
      return make_dirs(base, e.path);
    case TarEntry::File:
      WB_TRY(make_parents(base, e.path));
      return write_file(base, e.path, e.data);
    case TarEntry::Symlink:
      WB_TRY(make_parents(base, e.path));
      (void)unlink_file(base, e.path);
      return make_symlink(e.link, base, e.path);
    case TarEntry::HardLink:
      WB_TRY(make_parents(base, e.path));
      (void)unlink_file(base, e.path);
      return link_path(base, e.link, Follow::No, base, e.path);
    case TarEntry::Other:
      break;
  }
  return Errno::Success;  // devices and FIFOs have no place in the box
}

}  // namespace

Status unpack_tar(const DirPtr& into, std::span<const uint8_t> tar) {
  const PathBase base(into);
  return read_tar(tar, [&](const TarEntry& e) -> Status {
    WB_TRY(add_entry(base, e));
    // A symlink's own mode and times mean nothing.
    if (e.kind == TarEntry::Symlink || e.kind == TarEntry::Other) return Errno::Success;
    if (e.perm) (void)set_perm_path(base, e.path, Follow::No, *e.perm);
    if (e.mtime_ns) (void)set_times_path(base, e.path, Follow::No, {e.mtime_ns, e.mtime_ns});
    return Errno::Success;
  });
}

}  // namespace wb
