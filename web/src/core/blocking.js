// Parks a process whose call would block until what it waits for may have
// changed. Hosts supply `waitInput`; this file holds the policy common to
// all of them.

import { ProcessExit, WasmboxError } from './errors.js';

const TERMINAL_INPUT = 1;  // stream 0
const SIZE_CHECK_MS = 250;

/**
 * @typedef {object} InputChunk
 * @property {number} stream
 * @property {Uint8Array} [data]
 * @property {boolean} [eof]
 */

/**
 * @param {import('./kernel.js').Kernel} kernel
 * @param {object} host
 * @param {(mask: number, timeoutMs: number) => InputChunk[]} host.waitInput
 *   Blocks until input arrives on a stream of `mask` or the timeout passes
 *   (Infinity: no timeout); returns what arrived.
 * @param {(id: number) => bigint} host.clock
 * @param {boolean} [host.terminal]  stdin is a terminal: its keys are taken
 *   while any call waits, so they echo and can interrupt
 * @param {() => ({cols: number, rows: number} | null)} [host.terminalSize]
 * @param {(pid: number, entry: number, sig: number) => void} runHandler
 *   runs the guest's dispatcher (entry of its function table) for a caught
 *   signal that arrived while it waited
 */
export function makeBlocker(kernel, host, runHandler) {
  let size = null;
  const checkSize = () => {
    const now = host.terminalSize?.();
    if (now && (now.cols !== size?.cols || now.rows !== size?.rows)) kernel.resizeTerminal(now.cols, now.rows);
    size = now;
  };
  return function wait(pid) {
    const { deadline, inputs } = kernel.waitSpec(pid);
    if (deadline === null && inputs === 0) {
      throw new WasmboxError('the process waits for something that can never happen', 'EDEADLK');
    }
    let timeoutMs = Infinity;
    if (deadline !== null) {
      const left = deadline - host.clock(1);
      timeoutMs = left > 0n ? Number(left) / 1e6 : 0;
    }
    // A window change has no event to wait for: look now and then.
    if (host.terminal) timeoutMs = Math.min(timeoutMs, SIZE_CHECK_MS);
    const mask = host.terminal ? inputs | TERMINAL_INPUT : inputs;
    for (const chunk of host.waitInput(mask, timeoutMs)) {
      if (chunk.data && chunk.data.length > 0) kernel.feedInput(chunk.stream, chunk.data);
      if (chunk.eof) kernel.closeInput(chunk.stream);
    }
    checkSize();
    // A key (^C) may have ended the process while it waited, or raised a
    // signal it catches. The call is then issued again (SA_RESTART).
    const status = kernel.exitStatus(pid);
    if (status >= 0) throw new ProcessExit(status);
    const { signals, entry } = kernel.takeSignals(pid);
    for (let sig = 1; signals >>> sig; ++sig) {
      if ((signals >>> sig) & 1) runHandler(pid, entry, sig);
    }
  };
}
