// A persistent store's two files (core/host-files.js) in IndexedDB, where
// a browser has no OPFS with synchronous access (some private windows).
// A file is kept as chunks keyed [store, file, offset]: a write deletes
// the chunks at and past its offset and puts its bytes, in one
// transaction, so a crash leaves a file as it was before or after a
// commit. IndexedDB cannot be waited for synchronously: a write is
// queued and done in order; `flushed()` resolves once all are durable
// (the store worker answers a commit then; the box's worker, taking
// turns with JSPI, lets it go behind). A lock (Web Locks) keeps a second
// tab out.
import { Errno } from '../../core/abi.js';
import { WasmboxError } from '../../core/errors.js';
import { whenFree } from './busy.js';

const DB = 'wasmbox-stores';
const CHUNKS = 'chunks';

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
const committed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = resolve;
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
});

function openDb() {
  const request = indexedDB.open(DB, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(CHUNKS);
  return done(request);
}

const range = (name, file, from = 0) => IDBKeyRange.bound([name, file, from], [name, file, Infinity]);

async function readFile(db, name, file) {
  const tx = db.transaction(CHUNKS, 'readonly');
  const chunks = await done(tx.objectStore(CHUNKS).getAll(range(name, file)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

// Takes the store's lock for as long as this worker lives: true, or null
// while another holds it.
function tryLock(name) {
  return new Promise((resolve) => {
    navigator.locks.request(`wasmbox-store:${name}`, { ifAvailable: true }, (held) => {
      resolve(held ? true : null);
      return held ? new Promise(() => {}) : undefined;
    });
  });
}

async function lock(name) {
  if (globalThis.navigator?.locks) await whenFree(name, () => tryLock(name));
}

/**
 * Opens the store `name` of this origin in IndexedDB, made empty if missing.
 * @param {string} name
 * @returns {Promise<import('../../core/host-files.js').StoreFiles & {flushed: () => Promise<number>}>}
 */
export async function openIdbFiles(name) {
  if (typeof indexedDB === 'undefined') {
    throw new WasmboxError('this browser keeps no files for a page here: it has neither OPFS nor IndexedDB', 'ENOSTORAGE');
  }
  await lock(name);
  const db = await openDb();
  /** @type {[Uint8Array, Uint8Array]} */
  const files = [await readFile(db, name, 0), await readFile(db, name, 1)];
  let queue = Promise.resolve(0);
  let failure = 0;
  return {
    read: () => files,
    write(file, offset, bytes) {
      // A failure shows once, at the next commit; the kernel then writes
      // that commit again, and the storage may have room by then.
      if (failure) {
        const failed = failure;
        failure = 0;
        return failed;
      }
      const chunk = bytes.slice();
      queue = queue.then(async () => {
        const tx = db.transaction(CHUNKS, 'readwrite', { durability: 'strict' });
        const chunks = tx.objectStore(CHUNKS);
        chunks.delete(range(name, file, offset));
        chunks.put(chunk, [name, file, offset]);
        await committed(tx);
        return 0;
      }).catch((e) => {
        failure = -(e?.name === 'QuotaExceededError' ? Errno.NOSPC : Errno.IO);
        return failure;
      });
      return 0;
    },
    flushed: () => queue,
    shared: name,
  };
}
