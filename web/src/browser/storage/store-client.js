// A box's stores as its threads see them where the files live in the
// store worker (store-worker.js): a commit goes there on the box's
// BroadcastChannel, and the thread waits in Atomics.wait until the worker
// answers in the shared control words ([answered request, its result,
// last request]). Each commit takes a new request number, so an answer
// that comes after its commit timed out is never taken for another's. A
// thread commits only while it holds the kernel's gate.
import { Errno } from '../../core/abi.js';

const ANSWER_MS = 10000;

/**
 * @param {{channel: string, control: SharedArrayBuffer}} box  the box's
 *   channel and control words
 * @param {string} name  the store
 * @param {[Uint8Array, Uint8Array]} [files]  what the store worker read
 *   (in the box's worker, which mounts it)
 * @returns {import('../../core/host-files.js').StoreFiles}
 */
export function storeClient(box, name, files = [new Uint8Array(0), new Uint8Array(0)]) {
  const control = new Int32Array(box.control);
  let channel = null;
  return {
    read: () => files,
    write(file, offset, bytes) {
      channel ??= new BroadcastChannel(box.channel);
      const seq = (Atomics.add(control, 2, 1) + 1) | 0;
      channel.postMessage({ seq, name, file, offset, bytes: bytes.slice() });
      const deadline = performance.now() + ANSWER_MS;
      for (let now = Atomics.load(control, 0); now !== seq; now = Atomics.load(control, 0)) {
        const left = deadline - performance.now();
        if (left <= 0) return -Errno.IO;
        Atomics.wait(control, 0, now, left);
      }
      return Atomics.load(control, 1);
    },
    shared: { box, name },
  };
}
