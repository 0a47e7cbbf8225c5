// Downloads a file whole, reporting progress as it arrives (fetch: a page's
// or Node's).

import { WasmboxError } from './errors.js';
import { concatBytes } from './concat-bytes.js';

/**
 * The response for `url`, once it is a success; rejects with WasmboxError
 * "EFETCH" naming the URL.
 * @param {string | URL} url
 * @returns {Promise<Response>}
 */
export async function fetchOk(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new WasmboxError(`cannot download ${url}: ${e.message}`, 'EFETCH');
  }
  if (!response.ok) throw new WasmboxError(`cannot download ${url}: HTTP ${response.status}`, 'EFETCH');
  return response;
}

/**
 * @param {string | URL} url
 * @param {(loaded: number, total: number | null) => void} [onProgress]
 *   called as bytes arrive; total is null when the server does not say
 * @returns {Promise<Uint8Array>}
 */
export async function fetchBytes(url, onProgress) {
  const response = await fetchOk(url);
  const header = Number(response.headers.get('content-length'));
  // A compressed response's length counts the compressed bytes.
  const total = header > 0 && !response.headers.get('content-encoding') ? header : null;
  if (!onProgress || !response.body) return new Uint8Array(await response.arrayBuffer());
  const parts = [];
  let loaded = 0;
  onProgress(0, total);
  for (const reader = response.body.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  return concatBytes(parts, loaded);
}
