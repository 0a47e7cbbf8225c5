// The page's input for a box on a page with neither JSPI nor cross-origin
// isolation, relayed by wasmbox's Service Worker (service-worker.js): the
// page posts stdin's bytes, its end, signals and the terminal's size to
// it, and the box's worker, where a guest waits, takes them with a
// synchronous request the Service Worker answers once there is something
// (or the time is up). The same interface as input-channel.js's.

import { WasmboxError } from '../core/errors.js';

// The longest one request waits; a longer wait makes more. Each keeps the
// Service Worker alive, which a browser stops when idle.
const MAX_WAIT_MS = 10000;
const WAIT_PATH = '.wasmbox-wait';

/**
 * Where a box's worker asks for its input, and under which name: made by
 * the page, for RelayWriter and RelayReader.
 * @param {string} scope  the Service Worker's scope (a URL)
 * @returns {{url: string, box: string}}
 */
export function relayFor(scope) {
  return { url: String(new URL(WAIT_PATH, scope)), box: crypto.randomUUID() };
}

/** The page's end: posts to the Service Worker that controls the page. */
export class RelayWriter {
  /** @param {{box: string}} relay */
  constructor({ box }) {
    this._box = box;
  }

  _post(message) {
    navigator.serviceWorker.controller?.postMessage({ type: 'wasmbox-input', box: this._box, ...message });
  }

  /** Posts `bytes`: all of them are taken. */
  write(bytes) {
    this._post({ data: bytes.slice() });
    return bytes.length;
  }

  end() {
    this._post({ eof: true });
  }

  resize(cols, rows) {
    this._post({ size: { cols, rows } });
  }

  signal(sig) {
    this._post({ signal: sig });
  }

  /** The Service Worker forgets the box. */
  close() {
    this._post({ close: true });
  }
}

/** The worker's end: blocks in synchronous requests the Service Worker answers. */
export class RelayReader {
  /** @param {{url: string, box: string}} relay */
  constructor({ url, box }) {
    this._url = url;
    this._box = box;
    this._size = null;
  }

  /**
   * Waits up to `timeoutMs` for anything new, then takes it: stdin's
   * bytes, its end, and raised signals (bit n: signal n).
   * @returns {{data: Uint8Array, eof: boolean, signals: number}}
   */
  take(timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const wait = Math.min(MAX_WAIT_MS, Math.max(0, deadline - performance.now()));
      const got = this._request(wait);
      if (got.data.length > 0 || got.eof || got.signals !== 0 || performance.now() >= deadline) return got;
    }
  }

  _request(timeoutMs) {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `${this._url}?box=${this._box}&timeout=${Math.ceil(timeoutMs)}`, false);
    xhr.responseType = 'arraybuffer';
    try {
      xhr.send();
    } catch (e) {
      throw new WasmboxError(`the page's Service Worker did not answer: ${e.message}`, 'ENOBLOCKING');
    }
    const eof = xhr.getResponseHeader('X-Wasmbox-Eof');
    if (xhr.status !== 200 || eof === null) {
      throw new WasmboxError(`wasmbox's Service Worker does not control this page (${this._url}: HTTP ${xhr.status})`, 'ENOBLOCKING');
    }
    const size = /^(\d+)x(\d+)$/.exec(xhr.getResponseHeader('X-Wasmbox-Size') ?? '');
    if (size) this._size = { cols: Number(size[1]), rows: Number(size[2]) };
    return { data: new Uint8Array(xhr.response), eof: eof === '1', signals: Number(xhr.getResponseHeader('X-Wasmbox-Signals')) };
  }

  /** The size the page last set, or null. */
  size() {
    return this._size;
  }
}

/**
 * Registers wasmbox's Service Worker (service-worker.js, served from the
 * site's root) and resolves once it controls the page, so that a box can
 * wait through it (createBox's blocking "serviceworker"). A page made
 * cross-origin isolated, or a browser with JSPI, does not need it.
 * @param {string | URL} [url]  where the page serves service-worker.js
 * @returns {Promise<ServiceWorkerRegistration>}
 */
export async function registerServiceWorker(url = '/wasmbox-service-worker.js') {
  if (!('serviceWorker' in navigator)) {
    throw new WasmboxError('this page cannot have a Service Worker (it is not served over HTTPS or from localhost)', 'ENOBLOCKING');
  }
  const registration = await navigator.serviceWorker.register(url);
  if (!navigator.serviceWorker.controller) {
    const controlled = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    // Active already (after a reload that bypassed it): it takes the page now.
    (await navigator.serviceWorker.ready).active?.postMessage({ type: 'wasmbox-claim' });
    await controlled;
  }
  return registration;
}
