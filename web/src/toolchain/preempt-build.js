// What wasmbox-cc does to a linked program that catches signals (its
// module imports wasmbox.proc_sigaction): it gets preemption points
// (core/wasm/preempt.js), so that where it runs in a worker of its own its
// handlers run while it computes without calling the kernel (a shell's
// `while :; do :; done` stops at ^C). They cost a program that computes
// about 10%, so programs that cannot catch signals are left alone; the
// runtime gives them to every program only where processes take turns on
// one thread.
import { importsFunction } from '../core/wasm/binary.js';
import { PREEMPT_IMPORT, addPreemption } from '../core/wasm/preempt.js';

const SIGACTION = Object.freeze({ module: 'wasmbox', name: 'proc_sigaction' });

/**
 * `bytes` given preemption points if the program catches signals and has
 * none yet; else null (left as it is). A build with debug information (-g)
 * is not given to it: the rewrite moves the code its DWARF describes.
 * @param {Uint8Array} bytes  a linked module
 * @returns {Uint8Array | null}
 */
export function withPreemption(bytes) {
  if (!importsFunction(bytes, SIGACTION) || importsFunction(bytes, PREEMPT_IMPORT)) return null;
  const rewritten = addPreemption(bytes);
  return rewritten && WebAssembly.validate(/** @type {Uint8Array<ArrayBuffer>} */ (rewritten)) ? rewritten : null;
}
