// The worker_threads worker a process of a Node box runs in
// (core/threads/process-thread.js): this process's stdout and stderr, its
// clocks, and the box's host directories, numbered as the box numbers them
// (their descriptors are the process's, valid in every worker).
import { parentPort } from 'node:worker_threads';

import { serveProcessThread } from '../core/threads/process-thread.js';
import { NodeHostFs } from './host-fs.js';
import { nodeHost } from './node-host.js';

function makeHost({ terminal, roots }) {
  const fs = new NodeHostFs();
  fs.follow(roots);
  return { ...nodeHost({ terminal }), fs, update: (config) => fs.follow(config.roots) };
}

serveProcessThread({
  post: (message, transfer) => parentPort.postMessage(message, transfer),
  listen: (receive) => parentPort.on('message', receive),
}, makeHost);
