// The host of a box inside a Web Worker: the page's clock, randomness
// from WebCrypto, output posted to the page, and the page's input (keys,
// stdin bytes, its end, signals, the terminal's size) taken in one of
// four ways:
// - workers: each process runs in a worker of its own (process-worker.js,
//   which the page starts for this one), so this worker's event loop is
//   free and the page's messages go to the kernel as they arrive
//   (`feedInput`);
// - JSPI: the processes take turns on this worker's thread (core/turns.js)
//   and are suspended while they wait or between their time slices, so
//   this worker's event loop runs and the page's messages go to the kernel
//   as they arrive too;
// - Atomics: the guest waits in Atomics.wait on the page's shared input
//   channel (input-channel.js), and the page never needs this loop;
// - Service Worker: the guest waits in a synchronous request the page's
//   Service Worker answers with the page's input (relay-channel.js).
// Output goes through a shared ring (output-ring.js) where the page has
// shared memory, else in batched messages.

import { fillRandom } from '../core/random.js';
import { pageClock } from './clock.js';
import { OutputBatcher } from './output-batcher.js';

// How long after terminate() a process worker is taken to have stopped.
const STOPPED_MS = 2000;

/**
 * @param {object} options
 * @param {boolean} options.terminal  stdin and the outputs are a terminal
 * @param {(message: object, transfer?: Transferable[]) => void} options.post
 *   sends a message to the page
 * @param {import('./input-channel.js').InputReader | import('./relay-channel.js').RelayReader | null} options.input
 *   the shared input channel, or the Service Worker's relay; null for JSPI
 * @param {import('./output-ring.js').OutputWriter | null} options.output
 *   the shared output ring; null to post output
 */
export function workerHost({ terminal, post, input, output: ring }) {
  // Nested guests hold this worker's loop: what they write goes at once.
  const output = ring ?? new OutputBatcher((stream, data) => post({ type: 'output', stream, data }, [data.buffer]),
    { holdMs: input ? 0 : undefined });
  let size = null;
  // Workers and JSPI: what the page sent between runs, and where its input
  // goes as it arrives while a run goes on (Box feedInput).
  const queue = [];
  let feeder = null;

  const took = () => post({ type: 'took' });
  // Workers: the workers the page started for this one, by number, and
  // who hears that one failed.
  let nextWorker = 1;
  const workerErrors = new Map();

  // A worker of the box (`file`: process-worker.js or store-worker.js,
  // beside this one's script), which the page starts for this one (Firefox
  // can hang starting a worker from a worker): the port this one talks to
  // it over, who hears it fail, and what ends it.
  const startWorker = (file) => {
    const id = nextWorker++;
    const { port1, port2 } = new MessageChannel();
    post({ type: 'startWorker', id, file, port: port2 }, [port2]);
    return {
      port: port1,
      onError: (failed) => { workerErrors.set(id, failed); },
      stop: () => {
        post({ type: 'stopWorker', id });
        port1.close();
        workerErrors.delete(id);
      },
    };
  };

  // Workers: the page's message goes to the kernel now.
  const feed = (message) => {
    switch (message.type) {
      case 'input':
        feeder.data(message.data);
        break;
      case 'end':
        feeder.end();
        break;
      case 'signal':
        feeder.signal(message.signal);
        break;
      case 'resize':
        size = { cols: message.cols, rows: message.rows };
        feeder.resize(message.cols, message.rows);
        return;
      default:
        return;
    }
    took();
  };

  return {
    terminal,
    suspending: input === null,

    clock: pageClock,

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

    // Atomics: the shared input channel.
    waitInput(_mask, timeoutMs) {
      output.flush();
      const { data, eof, signals } = input.take(timeoutMs);
      if (data.length > 0 || eof || signals) took();
      return [{ stream: 0, data, eof, signals }];
    },

    /** Output still batched goes to the page now. */
    flush() {
      output.flush();
    },

    startWorker,

    // Workers: a process's worker.
    startThread() {
      const { port, onError, stop } = startWorker('process-worker.js');
      return {
        post: (message, transfer) => port.postMessage(message, transfer),
        listen: (receive) => { port.onmessage = ({ data }) => receive(data); },
        onError,
        // A page is not told when a worker has stopped: it gets a while.
        terminate: () => {
          stop();
          return new Promise((resolve) => { setTimeout(resolve, STOPPED_MS); });
        },
      };
    },

    // Workers: the page is cross-origin isolated, so there is a ring.
    threadConfig() {
      return { terminal, output: ring.buffer };
    },

    // Input the page sent between runs goes first.
    feedInput(sink) {
      feeder = sink;
      for (const { data, eof, signals } of queue.splice(0)) {
        if (data) sink.data(data);
        if (eof) sink.end();
        if (signals) sink.signal(Math.log2(signals));
      }
      return () => { feeder = null; };
    },

    /** Workers and JSPI: a message from the page (input, end, signal, resize). */
    receive(message) {
      if (message.type === 'workerError') return workerErrors.get(message.id)?.(new Error(message.message));
      if (feeder) return feed(message);
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
          return;
        default:
          return;
      }
      took();
    },
  };
}
