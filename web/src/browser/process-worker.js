// The Web Worker a process of a page's box runs in, started by the box's
// worker (core/threads/process-thread.js): the page's clock, WebCrypto, and
// output posted to the box's worker, which passes it on to the page. Each
// write goes at once: a process that computes after writing runs no timer
// that could send a batch later.
import { serveProcessThread } from '../core/threads/process-thread.js';
import { fillRandom } from '../core/random.js';
import { pageClock } from './clock.js';

serveProcessThread({
  post: (message, transfer) => self.postMessage(message, transfer),
  listen: (receive) => { self.onmessage = ({ data }) => receive(data); },
}, ({ terminal }) => ({
  clock: pageClock,
  random: fillRandom,
  streamWrite(stream, bytes) {
    const data = bytes.slice();
    self.postMessage({ type: 'output', stream, data }, [data.buffer]);
    return bytes.length;
  },
  isatty: () => terminal,
}));
