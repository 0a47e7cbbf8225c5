// Builds a guest's import object: an instance of the WASI adapter
// (wasi-adapter.js) bound to the process. Calls that cannot block go wasm to
// wasm to the kernel; the few that can block get a JS thunk that parks the
// process while the kernel answers "would block", and the exits unwind.

import { BLOCKING_IMPORTS, WASI_MODULE, WOULD_BLOCK, kernelExport } from './abi.js';
import { ProcessExit } from './errors.js';
import { ADAPTER_FUNCTIONS, adapterBytes } from './wasi-adapter.js';

const wasiKey = (name) => `${WASI_MODULE}.${name}`;
const VIA_JS = new Set([...BLOCKING_IMPORTS.keys(), wasiKey('proc_exit'), wasiKey('proc_raise')]);

/** Compiles the adapter (once per kernel). */
export function compileWasiAdapter() {
  return WebAssembly.compile(adapterBytes(VIA_JS));
}

// Calls the kernel again each time it answers "would block", once the
// process has been parked. fd_read, fd_write and poll_oneoff (the hot
// ones) take four arguments; the syscalls get the general form.
function blockingThunk(fn, pid, block, wouldBlock) {
  if (wouldBlock === WOULD_BLOCK && fn.length === 5) {
    return (a, b, c, d) => {
      let r = fn(pid, a, b, c, d);
      while (r === WOULD_BLOCK) {
        block(pid);
        r = fn(pid, a, b, c, d);
      }
      return r;
    };
  }
  return (...args) => {
    let r = fn(pid, ...args);
    while (r === wouldBlock) {
      block(pid);
      r = fn(pid, ...args);
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
    const fn = exports[kernelExport(module, name)];
    k[key] = BLOCKING_IMPORTS.has(key) ? blockingThunk(fn, pid, block, BLOCKING_IMPORTS.get(key)) : fn;
  }
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
