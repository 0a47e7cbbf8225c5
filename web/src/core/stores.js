// The host's side of persistent stores (shim/src/vfs/store.h): each store
// is two files the kernel writes commits to, at offsets it chooses, so a
// host keeps no state and every thread of a box can write. A store's
// files are opened in the thread that mounts it; a process worker opens
// them again from `shared`, which crosses threads.

/**
 * @typedef {object} StoreFiles  a store's two files, open
 * @property {() => [Uint8Array, Uint8Array]} read  what each holds
 * @property {(file: number, offset: number, bytes: Uint8Array) => number} write
 *   writes `bytes` at `offset` of file `file` (0 or 1), which ends there
 *   first; 0 once the bytes would survive a crash, or -errno (ENOSPC when
 *   the storage is full)
 * @property {unknown} shared  how another thread opens the same files
 */

/** What process workers need of a box's stores: [[id, shared], ...]. */
export function sharedStores(stores) {
  return [...(stores ?? new Map())].map(([id, files]) => [id, files.shared]);
}

/**
 * Opens in this thread the stores another thread opened (from
 * sharedStores), keeping those already open.
 * @param {Map<number, StoreFiles>} stores
 * @param {[number, unknown][] | undefined} shared
 * @param {(shared: unknown) => StoreFiles} open
 */
export function followStores(stores, shared, open) {
  for (const [id, config] of shared ?? []) {
    if (!stores.has(id)) stores.set(id, open(config));
  }
}
