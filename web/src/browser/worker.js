// The Web Worker a browser box lives in: the kernel and its guests, so the
// page stays responsive while they run. It answers the page's calls
// (`{type: 'call', id, method, args}` → `{type: 'reply', id, value | error}`,
// with `{type: 'progress', id, loaded, total}` for the downloads a call
// makes) and passes its other messages (input, resize, signals) to the
// host.

import { Box } from '../core/box.js';
import { fetchBytes } from '../core/fetch-bytes.js';
import { InputReader } from './input-channel.js';
import { OutputWriter } from './output-ring.js';
import { RelayReader } from './relay-channel.js';
import { boxStores } from './storage/box-stores.js';
import { urlImage } from './url-image.js';
import { workerHost } from './worker-host.js';

// How soon after a change the stores commit what was not synced.
const COMMIT_MS = 200;

// This worker's global scope: its postMessage is a Worker's.
const scope = /** @type {Worker} */ (/** @type {unknown} */ (self));
const post = (message, transfer = []) => scope.postMessage(message, transfer);
let box = null;
let host = null;
let storeFiles = null;
let commits = null;

// An archive's bytes: as the page sent them, or downloaded here.
function bytesOf(source, progress) {
  return source instanceof Uint8Array ? source : fetchBytes(source.url, progress);
}

// Commits what the stores' last changes left unsynced, now and then; a
// failure (the storage full) is told to the page once per run of them.
function commitNowAndThen() {
  let failed = false;
  commits ??= setInterval(() => {
    const r = box.commitStores();
    if (r < 0 && !failed) post({ type: 'storeError', errno: -r });
    failed = r < 0;
  }, COMMIT_MS);
}

const calls = {
  // `kernel`: kernel.wasm (kernel-shared.wasm with `workers`:
  // each process in a worker of its own), compiled by the page.
  // `inputBuffer` or `relay`: how nested guests wait for the page's input.
  async boot({ kernel, terminal, inputBuffer, relay, outputBuffer, workers, size, maxFds, memfsCapacity }) {
    /** @type {InputReader | RelayReader | null} */
    const input = inputBuffer ? new InputReader(inputBuffer) : relay ? new RelayReader(relay) : null;
    const output = outputBuffer ? new OutputWriter(outputBuffer, () => post({ type: 'outputReady' })) : null;
    host = workerHost({ terminal, post, input, output });
    storeFiles = boxStores(workers ? host.startWorker : null);
    if (size) host.receive({ type: 'resize', ...size });
    box = await Box.create({ kernelWasm: kernel, host, maxFds, memfsCapacity, threads: Boolean(workers) });
  },

  async loadImage(source, at, name, progress) {
    box.loadImage(await bytesOf(source, progress), at, { name });
  },

  async mountTar(source, at, name, progress) {
    box.mountTar(source.lazy ? urlImage(source.url) : await bytesOf(source, progress), at, { name });
  },

  // `source`: the image's bytes, or where its blocks are read from.
  mountImage(source, at, options) {
    return box.mountImage(source instanceof Uint8Array ? source : urlImage(source.url), at, options);
  },

  mountOverlay(at, layers) {
    box.mountOverlay(at, layers);
  },

  async mountStore(at, name, { storage, ...options }) {
    box.mountStore(at, await storeFiles(name, storage), { name: `the store '${name}'`, ...options });
    commitNowAndThen();
  },

  readFile(path) {
    return box.readFile(path);
  },

  writeFile(path, data, options) {
    box.writeFile(path, data, options);
  },

  async run(module, options) {
    const size = host.terminalSize();
    if (size) box.resizeTerminal(size.cols, size.rows);
    try {
      return await box.run(module, options);
    } finally {
      host.flush();
    }
  },
};

// Errors cross as plain data; the page makes them errors of the same class.
function describe(e) {
  if (e?.name === 'WasmboxError' || e?.name === 'InvalidModuleError') {
    return { name: e.name, message: e.message, code: e.code };
  }
  return { name: 'WasmboxError', message: `internal error: ${e?.message ?? e}`, code: 'EINTERNAL' };
}

self.onmessage = async ({ data: message }) => {
  if (message.type !== 'call') {
    host?.receive(message);
    return;
  }
  // After its arguments a call gets where the downloads it makes report.
  const progress = (loaded, total) => post({ type: 'progress', id: message.id, loaded, total });
  try {
    post({ type: 'reply', id: message.id, value: await calls[message.method](...message.args, progress) });
  } catch (e) {
    post({ type: 'reply', id: message.id, error: describe(e) });
  }
};
