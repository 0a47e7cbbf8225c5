// Builds a guest's import object: an instance of the WASI adapter
// (wasi-adapter.js) bound to the process. Calls go wasm to wasm to the
// kernel; when one that can block gets "would block", the adapter calls
// its slow path here, which parks the process and calls the kernel again
// until the answer is final. The exits and a successful exec unwind the
// guest from JS; a spawn tells the runtime of the new process; a fork is
// the runtime's (processes.js). Traced
// (trace.js), every handler is wrapped in one that writes a line per call.

import { Errno, WASI_MODULE, kernelExport } from './abi.js';
import { WOULD_WAIT_FOREVER } from './blocking.js';
import { ProcessExec, ProcessExit } from './errors.js';
import { traced } from './trace.js';
import { ADAPTER_FUNCTIONS, adapterBytes, slowKey } from './wasi-adapter.js';

const wasiKey = (name) => `${WASI_MODULE}.${name}`;
const SPAWN = 'wasmbox.proc_spawn';
const EXEC = 'wasmbox.proc_exec';
const KILL = 'wasmbox.proc_kill';
const FORK = 'wasmbox.proc_fork';
// The imports served through JS: the exits, an exec and a signal that ends
// the caller unwind the guest; a spawn tells the runtime of the new
// process; a fork copies the caller.
export const VIA_JS = new Set([wasiKey('proc_exit'), wasiKey('proc_raise'), SPAWN, EXEC, KILL, FORK]);

/**
 * Compiles the adapter (once per kernel).
 * @param {Map<string, number>} blocking  abi.js blockingImports()
 */
export function compileWasiAdapter(blocking) {
  return WebAssembly.compile(adapterBytes(VIA_JS, blocking));
}

// Parks the process and asks again while the kernel answers "would block".
// A blocker with `changes` (makeChangeBlocker) waits for the kernel's state
// to change since the call was issued: it gets what `changes` read before.
// `block` returns a promise when the host waits asynchronously: the slow
// path is then an async function, for the guest to be suspended in (JSPI).
// A wait nothing can end fails with EDEADLK, as the call's own kind of
// result (an errno, or -errno).
function slowPath(fn, pid, block, wouldBlock, suspending) {
  const deadlock = wouldBlock > 0 ? Errno.DEADLK : -Errno.DEADLK;
  if (!suspending) {
    return (...args) => {
      let r;
      let changes;
      do {
        if (block(pid, changes) === WOULD_WAIT_FOREVER) return deadlock;
        changes = block.changes?.(pid);
        r = fn(pid, ...args);
      } while (r === wouldBlock);
      return r;
    };
  }
  return async (...args) => {
    let r;
    let changes;
    do {
      if (await block(pid, changes) === WOULD_WAIT_FOREVER) return deadlock;
      changes = block.changes?.(pid);
      r = fn(pid, ...args);
    } while (r === wouldBlock);
    return r;
  };
}

/**
 * @param {{exports: Record<string, Function>, adapter: WebAssembly.Module,
 *   blocking: Map<string, number>}} kernel  the kernel's raw exports, the
 *   adapter compiled for them and which of them may block (kernel.js)
 * @param {number} pid
 * @param {(pid: number) => unknown} block  parks the process (blocking.js)
 * @param {object} [options]
 * @param {boolean} [options.suspending]  `block` returns promises: suspend
 *   the guest while they settle (JSPI)
 * @param {(pid: number) => void} [options.spawned]  told of each process
 *   the guest spawns
 * @param {(buf: number, len: number, out: number) => number} [options.fork]
 *   serves the guest's proc_fork (ENOSYS without it)
 * @param {import('./guest-memory.js').GuestMemories} [options.memories]
 *   where the new pid is read from
 * @param {import('./trace.js').TraceSink} [options.trace]  where a line
 *   goes for each call the guest makes (trace.js); none when absent
 */
export function wasiImports(kernel, pid, block, { suspending = false, spawned, fork, memories, trace } = {}) {
  const { exports, adapter, blocking } = kernel;
  // Traced, every call goes through JS; untraced, only the slow paths and
  // the exits do.
  const wrap = trace ? (key, fn, options) => traced(trace, pid, key, fn, options) : (key, fn) => fn;
  const k = { pid };
  for (const [key, module, name] of ADAPTER_FUNCTIONS) {
    const fn = exports[kernelExport(module, name)];
    const wouldBlock = blocking.get(key);
    k[key] = wrap(key, fn, { pidFirst: true, pending: wouldBlock });
    if (wouldBlock === undefined) continue;
    const slow = wrap(key, slowPath(fn, pid, block, wouldBlock, suspending));
    k[slowKey(key)] = suspending ? new WebAssembly.Suspending(slow) : slow;
  }
  k[wasiKey('proc_exit')] = wrap(wasiKey('proc_exit'), (code) => {
    exports.wb_proc_exit(pid, code);
    throw new ProcessExit(code >>> 0);
  });
  // A signal may have ended the caller: it unwinds then.
  const endedBy = (r) => {
    const status = exports.wb_exit_status(pid);
    if (status >= 0) throw new ProcessExit(status);
    return r;
  };
  k[wasiKey('proc_raise')] = wrap(wasiKey('proc_raise'), (sig) => endedBy(exports.wb_proc_raise(pid, sig)));
  k[KILL] = wrap(KILL, (target, sig) => endedBy(exports.wbx_proc_kill(pid, target, sig)));
  k[SPAWN] = wrap(SPAWN, (...args) => {
    const r = exports.wbx_proc_spawn(pid, ...args);
    const at = args[args.length - 1];
    if (r === Errno.SUCCESS) spawned?.(new DataView(memories.view(pid, at >>> 0, 4).buffer).getUint32(at >>> 0, true));
    return r;
  });
  k[EXEC] = wrap(EXEC, (...args) => {
    const r = exports.wbx_proc_exec(pid, ...args);
    if (r === Errno.SUCCESS) throw new ProcessExec();
    return r;
  });
  k[FORK] = wrap(FORK, fork ?? (() => Errno.NOSYS));
  // The adapter's exports, "module.name", as one import object per module.
  const bound = new WebAssembly.Instance(adapter, { k }).exports;
  const imports = {};
  for (const [key, module, name] of ADAPTER_FUNCTIONS) (imports[module] ??= {})[name] = bound[key];
  return imports;
}
