// This file declares the web build's one kernel, created by boot() from the
// control API and used by the hot-path exports, and the directory handles
// the control API hands to JavaScript.
#pragma once

#include <vector>

#include "kernel.h"

namespace wb::bind {

// Null before boot().
Kernel* kernel();
void boot(const KernelConfig& config);
// Process `pid` of the kernel; null before boot() or for an unknown pid.
Process* process(uint32_t pid);

// Directories named by small integers across the JS boundary (preopens,
// mounts); handle 0 is the root.
int32_t add_dir(DirPtr dir);
DirPtr dir(int32_t handle);

}  // namespace wb::bind
