// This file defines the web build's kernel instance, its host and its
// directory handles.
#include "bind/instance.h"

#include <memory>

#include "bind/wasm_host.h"

namespace wb::bind {
namespace {
// The module instance is the box: one host, one kernel.
struct Instance {
  WasmHost host;
  std::unique_ptr<Kernel> kernel;
  std::vector<DirPtr> dirs;
};
Instance g_instance;
}  // namespace

Kernel* kernel() { return g_instance.kernel.get(); }

Process* process(uint32_t pid) {
  Kernel* k = kernel();
  return k ? k->process(pid) : nullptr;
}

void boot(const KernelConfig& config) {
  g_instance.kernel = std::make_unique<Kernel>(g_instance.host, config);
  g_instance.dirs = {g_instance.kernel->root()};
}

int32_t add_dir(DirPtr d) {
  g_instance.dirs.push_back(std::move(d));
  return int32_t(g_instance.dirs.size() - 1);
}

DirPtr dir(int32_t handle) {
  if (handle < 0 || size_t(handle) >= g_instance.dirs.size()) return nullptr;
  return g_instance.dirs[size_t(handle)];
}

}  // namespace wb::bind
