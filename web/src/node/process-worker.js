// The worker_threads worker a process of a Node box runs in
// (core/threads/process-thread.js): this process's stdout and stderr, its
// clocks, and the box's host directories, numbered as the box numbers them
// (their descriptors are the process's, valid in every worker), and its
// persistent stores' files.
import { parentPort } from 'node:worker_threads';

import { followStores } from '../core/stores.js';
import { serveProcessThread } from '../core/threads/process-thread.js';
import { NodeHostFs } from './host-fs.js';
import { nodeHost } from './node-host.js';
import { nodeStoreFiles } from './store-files.js';

function makeHost({ terminal, roots, stores: shared }) {
  const fs = new NodeHostFs();
  fs.follow(roots);
  const stores = new Map();
  followStores(stores, shared, nodeStoreFiles);
  const update = (config) => {
    fs.follow(config.roots);
    followStores(stores, config.stores, nodeStoreFiles);
  };
  return { ...nodeHost({ terminal }), fs, stores, update };
}

serveProcessThread({
  post: (message, transfer) => parentPort.postMessage(message, transfer),
  listen: (receive) => parentPort.on('message', receive),
}, makeHost);
