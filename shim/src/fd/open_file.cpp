// This file defines opening and closing a file description.
#include "fd/open_file.h"

namespace wb {

Result<std::shared_ptr<OpenFile>> OpenFile::open(std::shared_ptr<Inode> inode, Access access,
                                                 uint16_t fdflags) {
  auto of = std::make_shared<OpenFile>(std::move(inode), access, fdflags);
  WB_TRY(of->inode->open(*of));
  of->opened_ = true;
  return of;
}

OpenFile::~OpenFile() {
  if (locks) locks->release_all(LockOwner::description(this));
  if (opened_) inode->close(*this);
}

}  // namespace wb
