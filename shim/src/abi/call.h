// This file defines Call, what every syscall handler receives: the kernel,
// the calling process and typed access to its memory.
#pragma once

#include "abi/guest_memory.h"
#include "kernel.h"

namespace wb {

struct Call {
  Call(Kernel& k, Process& p) : kernel(k), proc(p), mem(p.memory()) {}
  Kernel& kernel;
  Process& proc;
  GuestIo mem;
};

}  // namespace wb
