// A persistent store's two files in a folder of the host (core/host-files.js):
// `store.0` and `store.1`, each write synced to disk before it returns.
import fs from 'node:fs';
import path from 'node:path';

import { Errno } from '../core/abi.js';

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

const names = (dir) => [0, 1].map((i) => path.join(dir, `store.${i}`));

function readOrEmpty(file) {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    if (e.code === 'ENOENT') return new Uint8Array(0);
    throw e;
  }
}

/**
 * The store in folder `dir`, which is made if missing.
 * @param {string} dir
 * @returns {import('../core/host-files.js').StoreFiles}
 */
export function nodeStoreFiles(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const files = names(dir);
  return {
    read: () => /** @type {[Uint8Array, Uint8Array]} */ (files.map(readOrEmpty)),
    write(file, offset, bytes) {
      let fd = -1;
      try {
        fd = fs.openSync(files[file], fs.constants.O_WRONLY | fs.constants.O_CREAT);
        fs.ftruncateSync(fd, offset);
        fs.writeSync(fd, bytes, 0, bytes.length, offset);
        fs.fsyncSync(fd);
        return 0;
      } catch (e) {
        return -(FULL.has(e.code) ? Errno.NOSPC : Errno.IO);
      } finally {
        if (fd >= 0) fs.closeSync(fd);
      }
    },
    shared: dir,
  };
}
