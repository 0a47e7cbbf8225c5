// This file defines path resolution.
#include "vfs/path.h"

#include <vector>

#include "vfs/file_type.h"

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

std::string chain_path(const DirChain& chain) {
  if (chain.size() <= 1) return "/";
  std::string out;
  for (size_t i = 1; i < chain.size(); ++i) out.append("/").append(chain[i].name);
  return out;
}

DirChain take_dir_chain(PathTarget& t) {
  DirChain chain = std::move(t.chain);
  if (t.parent) chain.push_back({std::static_pointer_cast<Directory>(t.inode), std::move(t.name)});
  return chain;
}

Result<PathTarget> resolve(const PathBase& base, std::string_view path, Follow follow) {
  if (path.empty()) return Errno::NoEnt;
  if (path.size() > kMaxPathBytes) return Errno::NameTooLong;
  const bool rooted = base.chain != nullptr;
  DirChain stack;
  if (rooted) {
    if (path.front() == '/')
      stack.push_back(base.chain->front());
    else
      stack = *base.chain;
  } else {
    if (path.front() == '/') return kEscapeErrno;
    stack.push_back({base.dir, {}});
  }
  // The chain is the caller's only in a rooted walk.
  const auto target = [&](std::shared_ptr<Directory> parent, std::string name,
                          std::shared_ptr<Inode> node, bool slash) {
    return PathTarget{std::move(parent), std::move(name), std::move(node), slash,
                      rooted ? std::move(stack) : DirChain{}};
  };

  // Storage for the path once a symlink has been spliced into it.
  std::string spliced;
  std::string_view rest = path;
  int hops = 0;

  for (;;) {
    const Component c = next_component(rest);
    // An empty name: the path was "/" alone (rooted walks only).
    if (c.name.empty() || c.name == "." || c.name == "..") {
      if (c.name == "..") {
        if (stack.size() > 1)
          stack.pop_back();
        else if (!rooted)
          return kEscapeErrno;
      }
      if (c.last) return target(nullptr, "", stack.back().dir, c.slash_after);
      continue;
    }
    if (c.name.size() > kMaxNameBytes) return Errno::NameTooLong;

    std::shared_ptr<Directory> dir = stack.back().dir;
    auto found = dir->lookup(c.name);
    if (!found.ok()) {
      if (found.error() == Errno::NoEnt && c.last)
        return target(std::move(dir), std::string(c.name), nullptr, c.slash_after);
      return found.error();
    }
    std::shared_ptr<Inode> node = std::move(found).value();

    if (node->is_symlink() && (!c.last || follow == Follow::Yes)) {
      if (++hops > kMaxSymlinkHops) return Errno::Loop;
      auto link = static_cast<Symlink&>(*node).target();
      if (!link.ok()) return link.error();
      // Continue with the link's target in place of the component.
      std::string next = std::move(link).value();
      if (next.empty()) return Errno::NoEnt;
      if (next.front() == '/') {
        if (!rooted) return kEscapeErrno;
        stack.resize(1);
      }
      if (c.slash_after) next += '/';
      next.append(rest);
      if (next.size() > kMaxPathBytes) return Errno::NameTooLong;
      spliced = std::move(next);
      rest = spliced;
      continue;
    }
    if (c.last) {
      if (c.slash_after && !node->is_dir() && !node->is_symlink()) return Errno::NotDir;
      return target(std::move(dir), std::string(c.name), std::move(node), c.slash_after);
    }
    if (!node->is_dir()) return Errno::NotDir;
    stack.push_back({std::static_pointer_cast<Directory>(std::move(node)),
                     rooted ? std::string(c.name) : std::string()});
  }
}

}  // namespace wb
