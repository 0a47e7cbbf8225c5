// Files of the host a box reads or writes from any of its threads: the
// files of persistent stores (shim/src/vfs/store.h) and images read block
// by block (shim/src/vfs/image_fs.h), each numbered in the host (`stores`,
// `images`). They are opened in the thread that mounts them; a process
// worker opens them again from `shared`, which crosses threads.

/**
 * @typedef {object} StoreFiles  a store's two files, open
 * @property {() => [Uint8Array, Uint8Array]} read  what each holds
 * @property {(file: number, offset: number, bytes: Uint8Array) => number} write
 *   writes `bytes` at `offset` of file `file` (0 or 1), which ends there
 *   first; 0 once the bytes would survive a crash, or -errno (ENOSPC when
 *   the storage is full). The kernel says where: the files keep no state.
 * @property {unknown} shared  how another thread opens the same files
 */

/**
 * @typedef {object} ImageSource  an image (or archive) read where it is,
 *   on demand
 * @property {(offset: number, length: number) => Uint8Array} read  `length`
 *   bytes at `offset`, fewer only at its end; throws when they cannot be had
 * @property {unknown} shared  how another thread opens the same image
 */

/** Whether `bytes` (at least the first 8 of a file) start a wasmbox image. */
export function isImage(bytes) {
  const magic = [0x57, 0x42, 0x49, 0x4d, 0x41, 0x47, 0x45, 0x31];  // "WBIMAGE1"
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

/** What process workers need of a box's host files: [[id, shared], ...]. */
export function sharedFiles(files) {
  return [...(files ?? new Map())].map(([id, f]) => [id, f.shared]);
}

/**
 * Opens in this thread the host files another thread opened (from
 * sharedFiles), keeping those already open.
 * @param {Map<number, object>} files
 * @param {[number, unknown][] | undefined} shared
 * @param {(shared: unknown) => object} open
 */
export function followFiles(files, shared, open) {
  for (const [id, config] of shared ?? []) {
    if (!files.has(id)) files.set(id, open(config));
  }
}
