// The modules of the programs a box runs: checked that the box can run
// them and given preemption points (wasm/preempt.js) where they need them:
// every program where processes take turns on one thread (turns.js), so
// that a busy one lets the others run; where each has a worker of its own,
// those that catch signals, so that a busy one runs its handlers (a shell's
// loop stops at ^C). The points cost a program that computes 10 to 30%, so
// the others run as they are. The rewrite costs milliseconds per megabyte:
// its result is kept for the next run of the same bytes (a shell runs the
// same few programs again and again); V8 caches the compilation itself.

import { IMPORT_SIGNATURES, SYSCALL_MODULE } from './abi.js';
import { isGlueImport } from './emscripten-glue.js';
import { InvalidModuleError } from './errors.js';
import { addPreemption } from './wasm/preempt.js';

// How many rewritten programs are kept.
const KEPT = 16;
// The import of a program that can catch signals.
const SIGACTION = Object.freeze({ module: 'wasmbox', name: 'proc_sigaction' });

/** Which programs get preemption points. */
export const Preempt = Object.freeze({ NONE: 'none', HANDLERS: 'handlers', ALL: 'all' });

const catchesSignals = (module) => WebAssembly.Module.imports(module)
  .some((i) => i.module === SIGACTION.module && i.name === SIGACTION.name);

/**
 * Checks the box can run `module`: only imports it provides, a memory and
 * a `_start` export.
 * @param {WebAssembly.Module} module
 * @param {string} name  how errors name the module
 */
export function checkModule(module, name) {
  for (const imp of WebAssembly.Module.imports(module)) {
    const known = Object.hasOwn(IMPORT_SIGNATURES[imp.module] ?? {}, imp.name) ||
      (imp.module === SYSCALL_MODULE && isGlueImport(imp.name));
    if (imp.kind !== 'function' || !known) {
      throw new InvalidModuleError(
        `${name} imports ${imp.kind} ${imp.module}.${imp.name}, which wasmbox does not provide`);
    }
  }
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  if (exports.get('_start') !== 'function') {
    throw new InvalidModuleError(`${name} has no _start function: it is not a WASI command`);
  }
  if (exports.get('memory') !== 'memory') {
    throw new InvalidModuleError(`${name} exports no memory`);
  }
  return module;
}

// FNV-1a over the bytes, 32 bits at a time where they are aligned.
function hash(bytes) {
  let h = 0x811c9dc5 | 0;
  const words = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : [];
  for (let i = 0; i < words.length; ++i) h = Math.imul(h ^ words[i], 16777619);
  for (let i = words.length * 4; i < bytes.length; ++i) h = Math.imul(h ^ bytes[i], 16777619);
  return h >>> 0;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

export class ProgramModules {
  /** @param {'none' | 'handlers' | 'all'} [preempt]  which programs get preemption points (Preempt) */
  constructor(preempt = Preempt.NONE) {
    this._preempt = preempt;
    // hash → [{bytes, module}], oldest first across all hashes by `_order`.
    this._kept = new Map();
    this._order = [];
  }

  /**
   * The module to run for program `bytes`; throws a CompileError or an
   * InvalidModuleError when it cannot run.
   * @param {Uint8Array} bytes
   * @param {string} name  how errors name it
   */
  compile(bytes, name) {
    return this.runnable(bytes, checkModule(new WebAssembly.Module(bytes), name));
  }

  /**
   * What runs of `module` (checked already), compiled from `bytes`: itself,
   * or its copy with preemption points.
   * @param {Uint8Array | undefined} bytes  none when unknown: it runs as it is
   * @param {WebAssembly.Module} module
   */
  runnable(bytes, module) {
    if (!bytes || !this.preempts(module)) return module;
    const key = hash(bytes);
    const kept = this._kept.get(key)?.find((entry) => sameBytes(entry.bytes, bytes));
    if (kept) return kept.module;
    const entry = { bytes: bytes.slice(), module: this._rewritten(bytes) ?? module, key };
    if (!this._kept.has(key)) this._kept.set(key, []);
    this._kept.get(key).push(entry);
    this._order.push(entry);
    if (this._order.length > KEPT) this._forget(this._order.shift());
    return entry.module;
  }

  /** Whether `module` gets preemption points. */
  preempts(module) {
    return this._preempt === Preempt.ALL || (this._preempt === Preempt.HANDLERS && catchesSignals(module));
  }

  _rewritten(bytes) {
    const rewritten = addPreemption(bytes);
    if (!rewritten) return null;
    try {
      return new WebAssembly.Module(rewritten);
    } catch {
      return null;  // a bug here must not stop a program that is valid
    }
  }

  _forget(entry) {
    const list = this._kept.get(entry.key).filter((e) => e !== entry);
    if (list.length > 0) this._kept.set(entry.key, list);
    else this._kept.delete(entry.key);
  }
}
