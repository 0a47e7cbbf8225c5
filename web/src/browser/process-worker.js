// The Web Worker a process of a page's box runs in, started by the box's
// worker (core/threads/process-thread.js): the page's clock, WebCrypto,
// output posted to the box's worker, which passes it on to the page, and
// the box's stores through the store worker. Each write goes at once: a
// process that computes after writing runs no timer that could send a
// batch later.
import { followFiles } from '../core/host-files.js';
import { serveProcessThread } from '../core/threads/process-thread.js';
import { fillRandom } from '../core/random.js';
import { pageClock } from './clock.js';
import { storeClient } from './storage/store-client.js';

const openStore = ({ box, name }) => storeClient(box, name);

serveProcessThread({
  post: (message, transfer) => self.postMessage(message, transfer),
  listen: (receive) => { self.onmessage = ({ data }) => receive(data); },
}, ({ terminal, stores: shared }) => {
  const stores = new Map();
  followFiles(stores, shared, openStore);
  return {
    clock: pageClock,
    random: fillRandom,
    streamWrite(stream, bytes) {
      const data = bytes.slice();
      self.postMessage({ type: 'output', stream, data }, [data.buffer]);
      return bytes.length;
    },
    isatty: () => terminal,
    stores,
    update: (config) => followFiles(stores, config.stores, openStore),
  };
});
