// The Web Worker a process of a page's box runs in, started by the box's
// worker (core/threads/process-thread.js): the page's clock, WebCrypto,
// output posted to the box's worker, which passes it on to the page, the
// box's stores through the store worker, and its images from their URLs. Each write goes at once: a
// process that computes after writing runs no timer that could send a
// batch later.
import { followFiles } from '../core/host-files.js';
import { serveProcessThread } from '../core/threads/process-thread.js';
import { fillRandom } from '../core/random.js';
import { pageClock } from './clock.js';
import { storeClient } from './storage/store-client.js';
import { urlImage } from './url-image.js';

const openStore = ({ box, name }) => storeClient(box, name);
// This worker's global scope: its postMessage and onmessage are a Worker's.
const scope = /** @type {Worker} */ (/** @type {unknown} */ (self));

serveProcessThread({
  post: (message, transfer) => scope.postMessage(message, transfer),
  listen: (receive) => { scope.onmessage = ({ data }) => receive(data); },
}, (/** @type {any} */ config) => {
  const stores = new Map();
  const images = new Map();
  const update = ({ stores: sharedStores, images: sharedImages }) => {
    followFiles(stores, sharedStores, openStore);
    followFiles(images, sharedImages, urlImage);
  };
  update(config);
  return {
    clock: pageClock,
    random: fillRandom,
    streamWrite(stream, bytes) {
      const data = bytes.slice();
      scope.postMessage({ type: 'output', stream, data }, [data.buffer]);
      return bytes.length;
    },
    isatty: () => config.terminal,
    stores,
    images,
    update,
  };
});
