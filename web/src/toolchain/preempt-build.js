// What wasmbox-cc does to a linked program that catches signals (its
// module imports wasmbox.proc_sigaction): it gets preemption points
// (core/wasm/preempt.js), so that where it runs in a worker of its own its
// handlers run while it computes without calling the kernel (a shell's
// `while :; do :; done` stops at ^C). They cost a program that computes
// about 10%, so programs that cannot catch signals are left alone; the
// runtime gives them to every program only where processes take turns on
// one thread.
import { readFileSync, writeFileSync } from 'node:fs';

import { importsFunction } from '../core/wasm/binary.js';
import { PREEMPT_IMPORT, addPreemption } from '../core/wasm/preempt.js';

const SIGACTION = Object.freeze({ module: 'wasmbox', name: 'proc_sigaction' });

/**
 * Gives the module at `path` preemption points if it catches signals and
 * has none yet. A build with debug information (-g) is left alone: the
 * rewrite moves the code its DWARF describes.
 * @param {string | null} path  the linked module (null: none was written)
 * @param {{debug: boolean}} options
 * @returns {number} 0
 */
export function preparePreemption(path, { debug }) {
  if (!path || debug) return 0;
  const bytes = new Uint8Array(readFileSync(path));
  if (!importsFunction(bytes, SIGACTION) || importsFunction(bytes, PREEMPT_IMPORT)) return 0;
  const rewritten = addPreemption(bytes);
  if (rewritten && WebAssembly.validate(rewritten)) writeFileSync(path, rewritten);
  return 0;
}
