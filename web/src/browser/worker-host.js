// The host of a box inside a Web Worker: clocks from performance.now,
// randomness from WebCrypto, output posted to the page, and the page's
// input (keys, stdin bytes, its end, signals, the terminal's size) taken
// in one of two ways:
// - JSPI: the guest waits suspended, so this worker's event loop runs and
//   the page's messages arrive here (`receive`);
// - Atomics: the guest waits in Atomics.wait on the page's shared input
//   channel (input-channel.js), and the page never needs this loop.
// Output goes through a shared ring (output-ring.js) where the page has
// shared memory, else in batched messages.

import { fillRandom } from '../core/random.js';
import { OutputBatcher } from './output-batcher.js';

const NS_PER_MS = 1e6;

/**
 * @param {object} options
 * @param {boolean} options.terminal  stdin and the outputs are a terminal
 * @param {(message: object, transfer?: Transferable[]) => void} options.post
 *   sends a message to the page
 * @param {import('./input-channel.js').InputReader | null} options.input
 *   the shared input channel; null for JSPI
 * @param {import('./output-ring.js').OutputWriter | null} options.output
 *   the shared output ring; null to post output
 */
export function workerHost({ terminal, post, input, output: ring }) {
  const epoch = BigInt(Math.round(performance.timeOrigin * NS_PER_MS));
  const output = ring ?? new OutputBatcher((stream, data) => post({ type: 'output', stream, data }, [data.buffer]));
  // JSPI: what the page sent since the guest last waited, and how to wake it.
  let size = null;
  let queue = [];
  let wake = null;

  const took = () => post({ type: 'took' });

  const waitForMessages = (timeoutMs) => new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wake = null;
      const chunks = queue;
      queue = [];
      resolve(chunks);
    };
    const timer = timeoutMs === Infinity ? undefined : setTimeout(done, timeoutMs);
    if (queue.length > 0) done();
    else wake = done;
  });

  return {
    terminal,
    suspending: input === null,

    clock(id) {
      const now = BigInt(Math.round(performance.now() * NS_PER_MS));
      return id === 0 ? epoch + now : now;  // the page has no CPU clock: monotonic time stands in
    },

    random: fillRandom,

    streamWrite(stream, bytes) {
      output.write(stream, bytes);
      return bytes.length;
    },

    isatty() {
      return terminal;
    },

    interruptKey(key) {
      post({ type: 'interruptKey', key });
    },

    terminalSize() {
      return input ? input.size() : size;
    },

    waitInput(_mask, timeoutMs) {
      output.flush();
      if (!input) return waitForMessages(timeoutMs);
      const { data, eof, signals } = input.take(timeoutMs);
      if (data.length > 0 || eof || signals) took();
      return [{ stream: 0, data, eof, signals }];
    },

    /** Output still batched goes to the page now. */
    flush() {
      output.flush();
    },

    /** JSPI: a message from the page (input, end, signal, resize). */
    receive(message) {
      switch (message.type) {
        case 'input':
          queue.push({ stream: 0, data: message.data });
          break;
        case 'end':
          queue.push({ stream: 0, eof: true });
          break;
        case 'signal':
          queue.push({ stream: 0, signals: 1 << message.signal });
          break;
        case 'resize':
          size = { cols: message.cols, rows: message.rows };
          wake?.();
          return;
        default:
          return;
      }
      took();
      wake?.();
    },
  };
}
