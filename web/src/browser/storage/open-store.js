// The files of a persistent store: in OPFS with synchronous access where
// the browser has it, else in IndexedDB (idb-files.js), or as `storage`
// asks.
import { openIdbFiles } from './idb-files.js';
import { checkName, hasOpfs, openOpfsFiles } from './opfs-files.js';

/**
 * @param {string} name
 * @param {'auto' | 'opfs' | 'indexeddb'} [storage]
 */
export async function openStoreFiles(name, storage = 'auto') {
  checkName(name);
  if (storage === 'indexeddb' || (storage === 'auto' && !(await hasOpfs()))) return openIdbFiles(name);
  return openOpfsFiles(name);
}
