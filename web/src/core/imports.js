// Builds a guest's import object. A call that cannot block is the kernel
// export bound to the pid (no JS frame in between); the few that can block
// get a thunk that parks the process while the kernel answers "would block".

import { BLOCKING_FUNCTIONS, WASI_FUNCTIONS, WASI_MODULE, WOULD_BLOCK } from './abi.js';
import { ProcessExit, WasmboxError } from './errors.js';

// fd_read, fd_write and poll_oneoff all take four arguments.
function blockingThunk(fn, pid, block) {
  if (fn.length !== 5) throw new WasmboxError(`unexpected arity of ${fn.name}`, 'EINTERNAL');
  return (a, b, c, d) => {
    let r = fn(pid, a, b, c, d);
    while (r === WOULD_BLOCK) {
      block(pid);
      r = fn(pid, a, b, c, d);
    }
    return r;
  };
}

/**
 * @param {Record<string, Function>} exports  the kernel's raw exports
 * @param {number} pid
 * @param {(pid: number) => void} block  parks the process (blocking.js)
 */
export function wasiImports(exports, pid, block) {
  const table = {};
  for (const name of WASI_FUNCTIONS) {
    const fn = exports[`wb_${name}`];
    table[name] = BLOCKING_FUNCTIONS.has(name) ? blockingThunk(fn, pid, block) : fn.bind(null, pid);
  }
  const exit = table.proc_exit;
  table.proc_exit = (code) => {
    exit(code);
    throw new ProcessExit(code);
  };
  const raise = table.proc_raise;
  table.proc_raise = (sig) => {
    const r = raise(sig);
    const status = exports.wb_exit_status(pid);
    if (status >= 0) throw new ProcessExit(status);
    return r;
  };
  return { [WASI_MODULE]: table };
}
