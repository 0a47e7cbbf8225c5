// The worker_threads worker a process of a Node box runs in
// (core/threads/process-thread.js): this process's stdout and stderr, its
// clocks, and the box's host directories, numbered as the box numbers them
// (their descriptors are the process's, valid in every worker), and its
// persistent stores' files and images, opened again here. Output a run
// takes itself (its stdout or stderr option) goes back to the box.
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
  let captured = [];
  const update = ({ roots, stores: sharedStores, images: sharedImages, captured: now = [] }) => {
    fs.follow(roots);
    followFiles(stores, sharedStores, nodeStoreFiles);
    followFiles(images, sharedImages, nodeImageFile);
    captured = now;
  };
  update(config);
  const host = nodeHost({ terminal: config.terminal });
  const streamWrite = (stream, bytes) => {
    if (!captured[stream]) return host.streamWrite(stream, bytes);
    const data = bytes.slice();
    parentPort.postMessage({ type: 'output', stream, data }, [data.buffer]);
    return bytes.length;
  };
  return { ...host, streamWrite, fs, stores, images, update };
}

serveProcessThread({
  post: (message, transfer) => parentPort.postMessage(message, transfer),
  listen: (receive) => parentPort.on('message', receive),
}, makeHost);
