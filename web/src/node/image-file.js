// A wasmbox image in a file of the host, read block by block as the box
// reads it (core/host-files.js ImageSource).
import fs from 'node:fs';

import { isImage } from '../core/host-files.js';

/** Whether the file at `path` starts as a wasmbox image does (false if unreadable). */
export function isImageFile(path) {
  const head = new Uint8Array(8);
  try {
    const fd = fs.openSync(path, 'r');
    try {
      fs.readSync(fd, head, 0, 8, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  return isImage(head);
}

/**
 * @param {string} path
 * @returns {import('../core/host-files.js').ImageSource}
 */
export function nodeImageFile(path) {
  let fd = null;
  return {
    read(offset, length) {
      fd ??= fs.openSync(path, 'r');
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = fs.readSync(fd, out, done, length - done, offset + done);
        if (n === 0) return out.subarray(0, done);  // its end
        done += n;
      }
      return out;
    },
    shared: path,
  };
}
