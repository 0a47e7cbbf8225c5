// This file defines pack_image: a tree of the box written as an image.
#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fd/open_file.h"
#include "vfs/image_format.h"
#include "vfs/image_fs.h"

namespace wb {
namespace {

Result<std::vector<uint8_t>> bytes_of(const std::shared_ptr<Inode>& file, uint64_t size) {
  WB_ASSIGN(auto of, OpenFile::open(file, OpenFile::Access::Read, 0));
  std::vector<uint8_t> out(size);
  for (uint64_t done = 0; done < size;) {
    WB_ASSIGN(
        size_t n,
        file->read(*of, done, std::span<uint8_t>(out).subspan(size_t(done))).or_error(Errno::Io));
    if (n == 0) break;  // it shrank while read
    done += n;
  }
  return out;
}

class Packer {
 public:
  Result<std::vector<uint8_t>> pack(const DirPtr& root, std::string_view manifest) {
    index_.manifest = std::string(manifest);
    WB_TRY(add(root).status());
    return write_image(index_, data_);
  }

 private:
  // The node of `inode`, added with what is below it.
  Result<uint32_t> add(const std::shared_ptr<Inode>& inode) {
    WB_ASSIGN(Stat st, inode->stat(nullptr));
    const std::pair<uint64_t, uint64_t> id{st.dev, st.ino};
    if (!inode->is_dir() && st.nlink > 1)
      if (auto it = seen_.find(id); it != seen_.end()) return it->second;
    const auto i = uint32_t(index_.nodes.size());
    index_.nodes.emplace_back();
    data_.emplace_back();
    ImageNode n;
    n.type = inode->type();
    n.perm = st.perm.value_or(inode->is_dir() ? 0755 : 0644);
    n.mtime = st.mtim;
    if (n.type == FileType::Directory) {
      const DirPtr dir = std::static_pointer_cast<Directory>(inode);
      WB_ASSIGN(auto names, entry_names(dir));
      for (const std::string& name : names) {
        WB_ASSIGN(auto child, dir->lookup(name));
        const FileType t = child->type();
        if (t != FileType::Directory && t != FileType::RegularFile && t != FileType::SymbolicLink)
          continue;
        WB_ASSIGN(uint32_t c, add(child));
        n.entries.emplace_back(name, c);
      }
    } else if (n.type == FileType::RegularFile) {
      WB_ASSIGN(data_[i], bytes_of(inode, st.size));
    } else {
      WB_ASSIGN(n.target, static_cast<Symlink&>(*inode).target());
    }
    index_.nodes[i] = std::move(n);
    if (!inode->is_dir()) seen_.emplace(id, i);
    return i;
  }

  struct PairHash {
    size_t operator()(const std::pair<uint64_t, uint64_t>& p) const {
      return std::hash<uint64_t>{}(p.first * 0x9E3779B97F4A7C15ull ^ p.second);
    }
  };

  ImageIndex index_;
  std::vector<std::vector<uint8_t>> data_;
  std::unordered_map<std::pair<uint64_t, uint64_t>, uint32_t, PairHash> seen_;
};

}  // namespace

Result<std::vector<uint8_t>> pack_image(const DirPtr& root, std::string_view manifest) {
  return Packer().pack(root, manifest);
}

}  // namespace wb
