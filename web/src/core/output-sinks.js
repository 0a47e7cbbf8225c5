// Where a run's stdout and stderr go when it names them: a callback, or
// anything with write() (a Node stream, a WritableStream's writer). The
// same in Node and in the page; no DOM or Node APIs.

import { WasmboxError } from './errors.js';

/**
 * @typedef {((bytes: Uint8Array) => void) | {write(bytes: Uint8Array): unknown}} OutputTarget
 */

/**
 * A function taking the bytes of `target` (null when none is given). Each
 * call gets bytes of its own, which the caller must not reuse.
 * @param {OutputTarget | null | undefined} target
 * @param {string} option  how errors name it ("stdout")
 * @returns {((bytes: Uint8Array) => void) | null}
 */
export function outputSink(target, option) {
  if (target === undefined || target === null) return null;
  if (typeof target === 'function') return target;
  if (typeof target?.write === 'function') return (bytes) => { target.write(bytes); };
  throw new WasmboxError(`the ${option} option must be a function or have a write() method`, 'EINVAL');
}

/**
 * The host as a box's kernel sees it: what guests write to stream 1 or 2
 * goes to the sink set for it (`sinks[stream]`, a copy of the bytes), else
 * to the host. Every other property is the host's own.
 * @template {{streamWrite(stream: number, bytes: Uint8Array): number}} H
 * @param {H} host
 * @returns {H & {sinks: (((bytes: Uint8Array) => void) | null)[]}}
 */
export function routedHost(host) {
  const routed = Object.create(host);
  routed.sinks = [null, null, null];
  routed.streamWrite = (stream, bytes) => {
    const sink = routed.sinks[stream];
    if (!sink) return host.streamWrite(stream, bytes);
    sink(bytes.slice());
    return bytes.length;
  };
  return routed;
}
