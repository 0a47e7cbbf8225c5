// This file defines the web build's kernel instance, its host and its
// directory handles.
#include "bind/instance.h"

#include <memory>

#include "bind/wasm_host.h"

namespace wb::bind {
namespace {
// The box: one host, one kernel. Made by boot(), never by a static
// constructor: an instance of kernel.wasm attached to the memory of a
// running one runs the constructors again, and must not reset the box.
struct Instance {
  WasmHost host;
  std::unique_ptr<Kernel> kernel;
  std::vector<DirPtr> dirs;
};
constinit Instance* g_instance = nullptr;
}  // namespace

Kernel* kernel() { return g_instance ? g_instance->kernel.get() : nullptr; }

Process* process(uint32_t pid) {
  Kernel* k = kernel();
  return k ? k->process(pid) : nullptr;
}

void boot(const KernelConfig& config) {
  delete g_instance;
  g_instance = new Instance;
  g_instance->kernel = std::make_unique<Kernel>(g_instance->host, config);
  g_instance->dirs = {g_instance->kernel->root()};
}

int32_t add_dir(DirPtr d) {
  g_instance->dirs.push_back(std::move(d));
  return int32_t(g_instance->dirs.size() - 1);
}

DirPtr dir(int32_t handle) {
  if (handle < 0 || size_t(handle) >= g_instance->dirs.size()) return nullptr;
  return g_instance->dirs[size_t(handle)];
}

}  // namespace wb::bind
