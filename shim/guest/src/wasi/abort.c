/* abort() for wasi-libc, whose own traps (the runtime then reports a trap
 * beside the status): SIGABRT as on Linux, which a handler may catch, and
 * the trap only if the handler returns. */
#include <signal.h>
#include <stdlib.h>

_Noreturn void abort(void) {
  raise(SIGABRT);
  __builtin_trap();
}
