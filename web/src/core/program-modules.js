// The modules of the programs a box runs: checked that the box can run
// them and, where processes take turns on one thread (turns.js), given
// preemption points (wasm/preempt.js) unless wasmbox-cc gave them some (it
// does for programs that catch signals, toolchain/preempt-build.js). The
// rewrite costs about 20 ms per megabyte, so its result is kept for the
// next run of the same bytes (a shell runs the same few programs again and
// again); V8 caches the compilation itself.

import { IMPORT_SIGNATURES, SYSCALL_MODULE } from './abi.js';
import { isGlueImport } from './emscripten-glue.js';
import { InvalidModuleError } from './errors.js';
import { PREEMPT_IMPORT, addPreemption } from './wasm/preempt.js';

// How many rewritten programs are kept.
const KEPT = 16;

const isPreemptImport = (imp) => imp.module === PREEMPT_IMPORT.module && imp.name === PREEMPT_IMPORT.name;

/** Whether `module` has preemption points (it imports their tick). */
export const hasPreemption = (module) => WebAssembly.Module.imports(module).some(isPreemptImport);

/**
 * Checks the box can run `module`: only imports it provides, a memory and
 * a `_start` export.
 * @param {WebAssembly.Module} module
 * @param {string} name  how errors name the module
 */
export function checkModule(module, name) {
  for (const imp of WebAssembly.Module.imports(module)) {
    const known = Object.hasOwn(IMPORT_SIGNATURES[imp.module] ?? {}, imp.name) ||
      (imp.module === SYSCALL_MODULE && isGlueImport(imp.name)) || isPreemptImport(imp);
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
  /** @param {boolean} [preempt]  give every program preemption points */
  constructor(preempt = false) {
    this._preempt = preempt;
    // hash → {bytes, module}: the programs given preemption points, the
    // least recently run first.
    this._kept = new Map();
  }

  /**
   * The module to run for program `bytes`; throws a CompileError or an
   * InvalidModuleError when it cannot run.
   * @param {Uint8Array<ArrayBuffer>} bytes
   * @param {string} name  how errors name it
   */
  compile(bytes, name) {
    if (!this._preempt) return checkModule(new WebAssembly.Module(bytes), name);
    const key = hash(bytes);
    return this._lookUp(key, bytes) ?? this._keep(key, bytes, checkModule(new WebAssembly.Module(bytes), name));
  }

  /**
   * What runs of `module` (checked already), compiled from `bytes`: itself,
   * or its copy with preemption points where processes take turns.
   * @param {Uint8Array | undefined} bytes  none when unknown: it runs as it is
   * @param {WebAssembly.Module} module
   */
  runnable(bytes, module) {
    if (!this._preempt || !bytes) return module;
    const key = hash(bytes);
    return this._lookUp(key, bytes) ?? this._keep(key, bytes, module);
  }

  // The module kept for `bytes`, now the most recently run; or null.
  _lookUp(key, bytes) {
    const kept = this._kept.get(key);
    if (!kept || !sameBytes(kept.bytes, bytes)) return null;
    this._kept.delete(key);
    this._kept.set(key, kept);
    return kept.module;
  }

  // Keeps what runs of `module`: its copy with preemption points unless it
  // has some, or cannot be given any.
  _keep(key, bytes, module) {
    const runnable = (!hasPreemption(module) && rewritten(bytes)) || module;
    this._kept.set(key, { bytes: bytes.slice(), module: runnable });
    if (this._kept.size > KEPT) this._kept.delete(this._kept.keys().next().value);
    return runnable;
  }
}

// `bytes` given preemption points and compiled, or null.
function rewritten(bytes) {
  const made = addPreemption(bytes);
  if (!made) return null;
  try {
    return new WebAssembly.Module(/** @type {Uint8Array<ArrayBuffer>} */ (made));
  } catch {
    return null;  // a bug here must not stop a program that is valid
  }
}
