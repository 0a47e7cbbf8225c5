// What a Node box takes where a page's box takes a URL: a file path or a
// file: URL, read from the host's files (images and archives where they
// are, block by block), or an http(s) URL, downloaded.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { WasmboxError } from '../core/errors.js';
import { fetchBytes } from '../core/fetch-bytes.js';
import { isImageFile, nodeImageFile } from './image-file.js';

/**
 * The host path `source` names: a string without a URL scheme, or a file:
 * URL; null for anything else (bytes, a compiled module, an http(s) URL).
 * @param {unknown} source
 * @returns {string | null}
 */
export function hostPathOf(source) {
  if (source instanceof URL) return source.protocol === 'file:' ? fileURLToPath(source) : null;
  if (typeof source !== 'string') return null;
  if (source.startsWith('file:')) return fileURLToPath(source);
  return /^[a-z][a-z0-9+.-]+:/i.test(source) ? null : source;
}

/** Whether `source` names a place (a path or a URL) rather than being bytes or a module. */
export const isPathOrUrl = (source) => source instanceof URL || typeof source === 'string';

// A WasmboxError naming `path` and Node's code (ENOENT, EISDIR, EACCES).
const WHY = { ENOENT: 'no such file', EISDIR: 'it is a directory', EACCES: 'permission denied' };
const cannotRead = (path, e) => new WasmboxError(`cannot read ${path}: ${WHY[e.code] ?? e.message}`, e.code ?? 'EREADFILE');

/**
 * The bytes of the host file at `path`; WasmboxError naming it and Node's
 * code if it cannot be read.
 * @param {string} path
 */
export function readHostFile(path) {
  try {
    return readFileSync(path);
  } catch (e) {
    throw cannotRead(path, e);
  }
}

/**
 * A module for Box.run: a path or URL read or downloaded, else `source`.
 * @template T
 * @param {T | string | URL} source
 * @param {(loaded: number, total: number | null) => void} [onProgress]
 */
export async function moduleFrom(source, onProgress) {
  if (!isPathOrUrl(source)) return /** @type {T} */ (source);
  const path = hostPathOf(source);
  return path === null ? fetchBytes(/** @type {string | URL} */ (source), onProgress) : readHostFile(path);
}

// A WasmboxError for a source Node cannot mount synchronously.
const notMountable = (source) =>
  new WasmboxError(`cannot mount ${source} in Node: download it first (fetchBytes)`, 'EINVAL');

// `path` once it names a file this process can read (read later, as used).
function readablePath(path) {
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw cannotRead(path, e);
  }
  if (statSync(path).isDirectory()) throw cannotRead(path, { code: 'EISDIR' });
  return path;
}

/**
 * An image or archive to mount: a host file read where it is, else
 * `source`. Mounts are synchronous in Node, so a URL other than file:
 * must be downloaded first (fetchBytes).
 * @template T
 * @param {T | string | URL} source
 * @returns {T | import('../core/host-files.js').ImageSource}
 */
export function imageFrom(source) {
  if (!isPathOrUrl(source)) return /** @type {T} */ (source);
  const path = hostPathOf(source);
  if (path === null) throw notMountable(source);
  return nodeImageFile(readablePath(path));
}

/**
 * What loadImage takes for `source`: a wasmbox image file, read where it
 * is; a tar archive file, read whole; else `source`.
 * @template T
 * @param {T | string | URL} source
 * @returns {T | Uint8Array | import('../core/host-files.js').ImageSource}
 */
export function loadableFrom(source) {
  if (!isPathOrUrl(source)) return /** @type {T} */ (source);
  const path = hostPathOf(source);
  if (path === null) throw notMountable(source);
  return isImageFile(readablePath(path)) ? nodeImageFile(path) : readHostFile(path);
}
