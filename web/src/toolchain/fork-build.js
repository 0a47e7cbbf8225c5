// What wasmbox-cc does to a linked program that calls fork (its module
// imports wasmbox.proc_fork): binaryen's asyncify lets the runtime save the
// call stack at that import and rebuild it in a copy of the instance, and
// every mutable global (the stack pointer) is exported, for the runtime to
// copy to the child. Asyncify instruments only the functions that can reach
// the import (or an indirect call), so programs that never fork pay
// nothing and those that do pay only there.
import { readFileSync, writeFileSync } from 'node:fs';

import { FORK_GLOBAL_PREFIX } from '../core/abi.js';
import { concatBytes } from '../core/concat-bytes.js';
import { KIND, Reader, SECTION, imports, importsFunction, leb, name, sections } from '../core/wasm/binary.js';
import { skipConstExpr, skipValueType } from '../core/wasm/instructions.js';
import { moduleFile } from './linked-module.js';

const FORK_IMPORT = Object.freeze({ module: 'wasmbox', name: 'proc_fork' });
// The imports a fork may unwind through: fork itself, and Emscripten's
// invoke_* (setjmp and C++ exceptions), which call back into the module
// and whose JS glue passes an unwinding or rewinding stack through.
const UNWINDING_IMPORTS = [`${FORK_IMPORT.module}.${FORK_IMPORT.name}`, 'env.invoke_*'];

/** Whether the module `bytes` imports the kernel's fork. */
export const callsFork = (bytes) => importsFunction(bytes, FORK_IMPORT);

/**
 * `bytes` with an export `${FORK_GLOBAL_PREFIX}${index}` added for each
 * mutable global the module defines that it does not export yet.
 * @param {Uint8Array} bytes
 */
export function exportMutableGlobals(bytes) {
  const all = sections(bytes);
  const importSection = all.find((s) => s.id === SECTION.IMPORT);
  const globalSection = all.find((s) => s.id === SECTION.GLOBAL);
  const exportSection = all.find((s) => s.id === SECTION.EXPORT);
  if (!globalSection || !exportSection) return bytes;
  const first = imports(bytes, importSection).filter((i) => i.kind === KIND.GLOBAL).length;
  const r = new Reader(bytes, globalSection.start);
  const mutable = [];
  const globals = r.leb();
  for (let i = 0; i < globals; ++i) {
    skipValueType(r);
    if (r.byte() === 1) mutable.push(first + i);
    skipConstExpr(r);
  }
  const e = new Reader(bytes, exportSection.start);
  const exportCount = e.leb();
  const entries = bytes.subarray(e.pos, exportSection.end);
  const exported = new Set();
  for (let i = 0; i < exportCount; ++i) {
    e.name();
    const kind = e.byte();
    const index = e.leb();
    if (kind === KIND.GLOBAL) exported.add(index);
  }
  const added = mutable.filter((g) => !exported.has(g))
    .map((g) => [...name(`${FORK_GLOBAL_PREFIX}${g}`), KIND.GLOBAL, ...leb(g)]);
  if (added.length === 0) return bytes;
  const count = leb(exportCount + added.length);
  const size = count.length + entries.length + added.flat().length;
  return concatBytes([
    bytes.subarray(0, exportSection.at), Uint8Array.from([SECTION.EXPORT, ...leb(size), ...count]), entries,
    Uint8Array.from(added.flat()),
    bytes.subarray(exportSection.end),
  ]);
}

// The wasm-opt level for the compiler flags: the last -O given.
function optimizeFlag(args) {
  const level = args.filter((a) => /^-O[0-9sz]?$/.test(a)).pop();
  return level && level !== '-O0' ? [level === '-O' ? '-O1' : level] : [];
}

// Whether the module throws or catches (C++ exceptions, or the wasi
// toolchain's setjmp/longjmp): it then has exception tags.
function usesExceptions(bytes) {
  const all = sections(bytes);
  if (all.some((s) => s.id === SECTION.TAG)) return true;
  const importSection = all.find((s) => s.id === SECTION.IMPORT);
  return Boolean(importSection) && imports(bytes, importSection).some((i) => i.kind === KIND.TAG);
}

/**
 * Prepares the module the link wrote at `output` for fork, if it calls it.
 * @param {string} output  the link's -o
 * @param {object} options
 * @param {string[]} options.args  the compiler flags (the optimization level)
 * @param {boolean} options.debug  keep the names and debug information
 * @param {(cmd: string, args: string[]) => {status: number | null}} options.run
 * @returns {number} 0, or wasm-opt's failing status
 */
export function prepareForFork(output, { args, debug, run }) {
  const path = moduleFile(output);
  if (!path) return 0;
  const bytes = readFileSync(path);
  if (!callsFork(bytes)) return 0;
  // Debian's binaryen (108) aborts on such a module.
  if (usesExceptions(bytes)) {
    process.stderr.write(`wasmbox-cc: ${output} calls fork and uses C++ exceptions or (with the wasi toolchain) ` +
      'setjmp/longjmp, which the asyncify pass that fork needs cannot handle here: build it with ' +
      '-fno-exceptions, or its setjmp with --toolchain=emscripten\n');
    return 1;
  }
  const r = run('wasm-opt', [
    path, '-o', path, '--asyncify', `--pass-arg=asyncify-imports@${UNWINDING_IMPORTS.join(',')}`,
    ...optimizeFlag(args), ...(debug ? ['-g'] : []),
  ]);
  if (r.status !== 0) return r.status ?? 1;
  writeFileSync(path, exportMutableGlobals(readFileSync(path)));
  return 0;
}
