// The Web Worker a process of a page's box runs in
// (core/threads/process-thread.js), started by the page, which hands it
// its channel to the box's worker as its first message: the page's clock,
// WebCrypto, output posted to the box's worker, which passes it on to the
// page, the box's stores through the store worker, and its images from
// their URLs. Each write goes at once: a process that computes after
// writing runs no timer that could send a batch later.
import { followFiles } from '../core/host-files.js';
import { serveProcessThread } from '../core/threads/process-thread.js';
import { fillRandom } from '../core/random.js';
import { pageClock } from './clock.js';
import { storeClient } from './storage/store-client.js';
import { urlImage } from './url-image.js';

const openStore = ({ box, name }) => storeClient(box, name);

// The box's worker, over the channel the page hands over first.
const box = await new Promise((resolve) => {
  self.onmessage = ({ data }) => resolve(/** @type {MessagePort} */ (data.port));
});

serveProcessThread({
  post: (message, transfer) => box.postMessage(message, transfer),
  listen: (receive) => { box.onmessage = ({ data }) => receive(data); },
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
      box.postMessage({ type: 'output', stream, data }, [data.buffer]);
      return bytes.length;
    },
    isatty: () => config.terminal,
    stores,
    images,
    update,
  };
});
