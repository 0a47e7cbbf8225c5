// The Web Worker a process of a page's box runs in
// (core/threads/process-thread.js), started by the page, which hands it
// its channel to the box's worker as its first message: the page's clock,
// WebCrypto, output written to the box's shared output ring, in order with
// every other worker's (output-ring.js), the box's stores through the
// store worker, and its images from their URLs.
import { followFiles } from '../core/host-files.js';
import { serveProcessThread } from '../core/threads/process-thread.js';
import { fillRandom } from '../core/random.js';
import { pageClock } from './clock.js';
import { OutputWriter } from './output-ring.js';
import { storeClient } from './storage/store-client.js';
import { urlImage } from './url-image.js';

const openStore = ({ box, name }) => storeClient(box, name);
// This worker's global scope: its postMessage reaches the page, as a
// Worker's (to wake it for output).
const page = /** @type {Worker} */ (/** @type {unknown} */ (self));

// The box's worker, over the channel the page hands over first.
const box = await new Promise((resolve) => {
  self.onmessage = ({ data }) => resolve(/** @type {MessagePort} */ (data.port));
});

serveProcessThread({
  post: (message, transfer) => box.postMessage(message, transfer),
  listen: (receive) => { box.onmessage = ({ data }) => receive(data); },
}, (/** @type {any} */ config) => {
  const output = new OutputWriter(config.output, () => page.postMessage({ type: 'outputReady' }));
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
      output.write(stream, bytes);
      return bytes.length;
    },
    isatty: () => config.terminal,
    stores,
    images,
    update,
  };
});
