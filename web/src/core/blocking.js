// Parks a process whose call would block until what it waits for may have
// changed. Hosts supply `waitInput`; this file holds the policy common to
// all of them.

import { WasmboxError } from './errors.js';

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
 */
export function makeBlocker(kernel, host) {
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
    for (const chunk of host.waitInput(inputs, timeoutMs)) {
      if (chunk.data && chunk.data.length > 0) kernel.feedInput(chunk.stream, chunk.data);
      if (chunk.eof) kernel.closeInput(chunk.stream);
    }
  };
}
