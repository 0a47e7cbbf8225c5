// The stores of a box's worker: opened here, where the processes run on
// the worker's thread; else in the store worker (store-worker.js), which
// answers every thread of the box. A store is mounted once per box: two
// mounts would write over each other's commits.
import { WasmboxError } from '../../core/errors.js';
import { openStoreFiles } from './open-store.js';
import { storeClient } from './store-client.js';

// The store worker, started with `startWorker` (worker-host.js), and how a
// thread reaches it.
function startStoreWorker(startWorker) {
  const shared = { channel: `wasmbox-stores-${crypto.randomUUID()}`, control: new SharedArrayBuffer(12) };
  const { port: worker, onError } = startWorker('store-worker.js');
  worker.postMessage({ type: 'serve', ...shared });
  const waiting = new Map();
  let next = 1;
  worker.onmessage = ({ data }) => {
    const { resolve, reject, store } = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.type === 'opened') resolve(storeClient(shared, store, data.files));
    else reject(new WasmboxError(data.error.message, data.error.code ?? 'ESTORE'));
  };
  onError((e) => {
    for (const { reject } of waiting.values()) reject(new WasmboxError(`the store worker failed: ${e.message}`, 'ESTORE'));
    waiting.clear();
  });
  return (name, storage) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject, store: name });
    worker.postMessage({ type: 'open', id, name, storage });
  });
}

/**
 * @param {((file: string) => {port: MessagePort, onError: (failed: (e: Error) => void) => void}) | null} startWorker
 *   starts the store worker, for a box whose processes run in workers of
 *   their own; else null
 * @returns {(name: string, storage?: 'auto' | 'opfs' | 'indexeddb') => Promise<import('../../core/host-files.js').StoreFiles>}
 *   opens a store's files, once per name
 */
export function boxStores(startWorker) {
  let inStoreWorker = null;
  const mounted = new Set();
  return async (name, storage) => {
    if (mounted.has(name)) throw new WasmboxError(`the store '${name}' is mounted in this box already`, 'ESTOREBUSY');
    mounted.add(name);
    try {
      if (!startWorker) return await openStoreFiles(name, storage);
      inStoreWorker ??= startStoreWorker(startWorker);
      return await inStoreWorker(name, storage);
    } catch (e) {
      mounted.delete(name);
      throw e;
    }
  };
}
