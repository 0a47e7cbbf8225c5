// This file defines the Linux-style calls about users and sockets.
#include "abi/linux/linux.h"

namespace wb::sys {

// The box has one user, root.
SysResult getuid32(Call&) { return 0; }

// The box has no network: no socket can be created, and no descriptor is
// one.
SysResult no_sockets(Call&) { return Errno::NoSys; }

}  // namespace wb::sys
