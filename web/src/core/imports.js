// Builds a guest's import object: an instance of the WASI adapter
// (wasi-adapter.js) bound to the process. Calls that cannot block go wasm to
// wasm to the kernel; the few that can block get a JS thunk that parks the
// process while the kernel answers "would block", and the exits unwind.

import { BLOCKING_FUNCTIONS, WASI_MODULE, WOULD_BLOCK } from './abi.js';
import { ProcessExit, WasmboxError } from './errors.js';
import { ADAPTER_FUNCTIONS, adapterBytes } from './wasi-adapter.js';

const wasiKey = (name) => `${WASI_MODULE}.${name}`;
const VIA_JS = new Set([...BLOCKING_FUNCTIONS, 'proc_exit', 'proc_raise'].map(wasiKey));

/** Compiles the adapter (once per kernel). */
export function compileWasiAdapter() {
  return WebAssembly.compile(adapterBytes(VIA_JS));
}

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
 * @param {WebAssembly.Module} adapter  from compileWasiAdapter()
 * @param {number} pid
 * @param {(pid: number) => void} block  parks the process (blocking.js)
 */
export function wasiImports(exports, adapter, pid, block) {
  const k = { pid };
  for (const [key, module, name] of ADAPTER_FUNCTIONS) {
    k[key] = exports[module === WASI_MODULE ? `wb_${name}` : `wbx_${name}`];
  }
  for (const name of BLOCKING_FUNCTIONS) k[wasiKey(name)] = blockingThunk(exports[`wb_${name}`], pid, block);
  k[wasiKey('proc_exit')] = (code) => {
    exports.wb_proc_exit(pid, code);
    throw new ProcessExit(code);
  };
  k[wasiKey('proc_raise')] = (sig) => {
    const r = exports.wb_proc_raise(pid, sig);
    const status = exports.wb_exit_status(pid);
    if (status >= 0) throw new ProcessExit(status);
    return r;
  };
  // The adapter's exports, "module.name", as one import object per module.
  const bound = new WebAssembly.Instance(adapter, { k }).exports;
  const imports = {};
  for (const [key, module, name] of ADAPTER_FUNCTIONS) (imports[module] ??= {})[name] = bound[key];
  return imports;
}
