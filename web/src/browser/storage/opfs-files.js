// A persistent store's two files (core/host-files.js) in the origin private
// file system (OPFS), under wasmbox/stores/<name>/, held open with
// synchronous access handles: only a worker can, and only one at a time
// per file, which keeps a second tab from writing the same store.
import { Errno } from '../../core/abi.js';
import { WasmboxError } from '../../core/errors.js';
import { whenFree } from './busy.js';

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Throws unless `name` can name a store. */
export function checkName(name) {
  if (!NAME.test(name)) {
    throw new WasmboxError(`'${name}' is not a store name (letters, digits, '.', '_' or '-', at most 64)`, 'ESTORE');
  }
}

// The origin's private file system, where this worker can use it with
// synchronous access; null where not (a private window may not have it).
async function opfsRoot() {
  if (typeof globalThis.FileSystemSyncAccessHandle !== 'function') return null;
  try {
    return (await globalThis.navigator?.storage?.getDirectory?.()) ?? null;
  } catch {
    return null;
  }
}

/** Whether this worker can keep a store in OPFS. */
export const hasOpfs = async () => (await opfsRoot()) !== null;

async function storeFolder(name) {
  const root = await opfsRoot();
  if (!root) {
    throw new WasmboxError('this browser keeps no files for a page here: it has no origin private file system ' +
      'with synchronous access', 'ENOSTORAGE');
  }
  let dir = root;
  for (const part of ['wasmbox', 'stores', name]) dir = await dir.getDirectoryHandle(part, { create: true });
  return dir;
}

async function openHandle(dir, file, name) {
  const handle = await dir.getFileHandle(file, { create: true });
  return whenFree(name, () => handle.createSyncAccessHandle().catch((e) => {
    if (e?.name === 'NoModificationAllowedError') return null;  // held elsewhere
    throw e;
  }));
}

function readAll(handle) {
  const bytes = new Uint8Array(handle.getSize());
  handle.read(bytes, { at: 0 });
  return bytes;
}

/**
 * Opens the store `name` of this origin, made empty if missing.
 * @param {string} name
 * @returns {Promise<import('../../core/host-files.js').StoreFiles & {close: () => void}>}
 */
export async function openOpfsFiles(name) {
  checkName(name);
  const dir = await storeFolder(name);
  const handles = [];
  try {
    for (const file of ['store.0', 'store.1']) handles.push(await openHandle(dir, file, name));
  } catch (e) {
    for (const h of handles) h.close();
    throw e;
  }
  return {
    read: () => /** @type {[Uint8Array, Uint8Array]} */ (handles.map(readAll)),
    write(file, offset, bytes) {
      const h = handles[file];
      try {
        h.truncate(offset);
        if (h.write(bytes, { at: offset }) !== bytes.length) return -Errno.NOSPC;
        h.flush();
        return 0;
      } catch (e) {
        return -(e?.name === 'QuotaExceededError' ? Errno.NOSPC : Errno.IO);
      }
    },
    shared: name,
    close: () => handles.forEach((h) => h.close()),
  };
}
