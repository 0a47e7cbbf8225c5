// The worker_threads worker a process of a Node box runs in
// (core/threads/process-thread.js): this process's stdout and stderr, its
// clocks, and the box's host directories, numbered as the box numbers them
// (their descriptors are the process's, valid in every worker), and its
// persistent stores' files and images, opened again here.
import { parentPort } from 'node:worker_threads';

import { followFiles } from '../core/host-files.js';
import { serveProcessThread } from '../core/threads/process-thread.js';
import { NodeHostFs } from './host-fs.js';
import { nodeHost } from './node-host.js';
import { nodeImageFile } from './image-file.js';
import { nodeStoreFiles } from './store-files.js';

function makeHost(config) {
  const fs = new NodeHostFs();
  const stores = new Map();
  const images = new Map();
  const update = ({ roots, stores: sharedStores, images: sharedImages }) => {
    fs.follow(roots);
    followFiles(stores, sharedStores, nodeStoreFiles);
    followFiles(images, sharedImages, nodeImageFile);
  };
  update(config);
  return { ...nodeHost({ terminal: config.terminal }), fs, stores, images, update };
}

serveProcessThread({
  post: (message, transfer) => parentPort.postMessage(message, transfer),
  listen: (receive) => parentPort.on('message', receive),
}, makeHost);
