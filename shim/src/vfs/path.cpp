// This file defines path resolution.
#include "vfs/path.h"

#include <vector>

#include "abi/wasi_layout.h"

namespace wb {
namespace {

// Splits off the first component of `rest`, dropping slashes around it.
struct Component {
  std::string_view name;
  bool slash_after = false;  // a '/' followed it
  bool last = false;         // nothing but slashes follows
};

Component next_component(std::string_view& rest) {
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  const size_t end = rest.find('/');
  Component c;
  c.name = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  c.slash_after = !rest.empty();
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  c.last = rest.empty();
  return c;
}

}  // namespace

Result<PathTarget> resolve(std::shared_ptr<Directory> base, std::string_view path, Follow follow) {
  if (path.empty()) return Errno::NoEnt;
  if (path.size() > wasi::kMaxPathBytes) return Errno::NameTooLong;
  if (path.front() == '/') return kEscapeErrno;

  std::vector<std::shared_ptr<Directory>> stack{std::move(base)};
  // Storage for the path once a symlink has been spliced into it.
  std::string spliced;
  std::string_view rest = path;
  int hops = 0;

  for (;;) {
    const Component c = next_component(rest);
    if (c.name == "." || c.name == "..") {
      if (c.name == "..") {
        if (stack.size() == 1) return kEscapeErrno;
        stack.pop_back();
      }
      if (c.last) return PathTarget{nullptr, "", stack.back(), c.slash_after};
      continue;
    }
    if (c.name.size() > wasi::kMaxNameBytes) return Errno::NameTooLong;

    std::shared_ptr<Directory> dir = stack.back();
    auto found = dir->lookup(c.name);
    if (!found.ok()) {
      if (found.error() == Errno::NoEnt && c.last)
        return PathTarget{dir, std::string(c.name), nullptr, c.slash_after};
      return found.error();
    }
    std::shared_ptr<Inode> node = std::move(found).value();

    if (node->is_symlink() && (!c.last || follow == Follow::Yes)) {
      if (++hops > kMaxSymlinkHops) return Errno::Loop;
      auto target = static_cast<Symlink&>(*node).target();
      if (!target.ok()) return target.error();
      // Continue with the link's target in place of the component.
      std::string next = std::move(target).value();
      if (next.empty()) return Errno::NoEnt;
      if (next.front() == '/') return kEscapeErrno;
      if (c.slash_after) next += '/';
      next.append(rest);
      if (next.size() > wasi::kMaxPathBytes) return Errno::NameTooLong;
      spliced = std::move(next);
      rest = spliced;
      continue;
    }
    if (c.last) {
      if (c.slash_after && !node->is_dir() && !node->is_symlink()) return Errno::NotDir;
      return PathTarget{dir, std::string(c.name), std::move(node), c.slash_after};
    }
    if (!node->is_dir()) return Errno::NotDir;
    stack.push_back(std::static_pointer_cast<Directory>(std::move(node)));
  }
}

}  // namespace wb
