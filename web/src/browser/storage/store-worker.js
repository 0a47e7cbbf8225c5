// The worker that holds a box's OPFS stores where its processes run in
// workers of their own (cross-origin isolated). Any of the box's threads
// may commit while it holds the kernel's gate, so the files cannot live
// in the box's worker, which may itself be waiting for the gate: they
// live here, in a worker that never waits for the kernel.
//
// The page starts it and hands it its channel to the box's worker as its
// first message. The box's worker opens stores by message ({type: 'open',
// id, name, storage} → {type: 'opened', id, files: [a, b]} or {type:
// 'failed', id, error}); commits come on the box's BroadcastChannel
// (store-client.js) and are answered in the shared control words.
import { Errno } from '../../core/abi.js';
import { openStoreFiles } from './open-store.js';

const stores = new Map();

function serveWrites(channelName, control) {
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = async ({ data: { seq, name, file, offset, bytes } }) => {
    const files = stores.get(name);
    let result = files ? files.write(file, offset, bytes) : -Errno.IO;
    // IndexedDB: answered once the commit is durable.
    if (result === 0 && files.flushed) result = await files.flushed();
    Atomics.store(control, 1, result);
    Atomics.store(control, 0, seq);
    Atomics.notify(control, 0);
  };
}

// The box's worker, over the channel the page hands over first.
const box = await new Promise((resolve) => {
  self.onmessage = ({ data }) => resolve(/** @type {MessagePort} */ (data.port));
});

box.onmessage = async ({ data }) => {
  if (data.type === 'serve') {
    serveWrites(data.channel, new Int32Array(data.control));
    return;
  }
  try {
    if (!stores.has(data.name)) stores.set(data.name, await openStoreFiles(data.name, data.storage));
    box.postMessage({ type: 'opened', id: data.id, files: stores.get(data.name).read() });
  } catch (e) {
    box.postMessage({ type: 'failed', id: data.id, error: { name: e?.name, message: String(e?.message ?? e), code: e?.code } });
  }
};
