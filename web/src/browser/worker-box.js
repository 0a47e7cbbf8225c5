// A box running in a Web Worker, driven from the page: the page's side of
// worker.js. Where the page is cross-origin isolated, each process runs in
// a worker of its own ('workers': the box's worker starts them) and a
// signal ends even a process that computes; keys and stdin bytes go to
// the box's worker by message (workers, JSPI) or through a shared ring
// (Atomics); output comes back through a shared ring where the page is
// cross-origin isolated, else in batched messages.
//
// Where the page is not cross-origin isolated, the processes take turns on
// the box's worker's thread with JSPI (core/turns.js): a guest computing
// lets the others, the keys and the signals in every few milliseconds.
// Nested with Atomics, or taking turns without preemption points (a module
// given compiled, or one the runtime cannot rewrite), a guest computing
// without calling the kernel cannot take a key or a signal. When ^C (or kill) is not taken within a moment,
// the worker is ended and a new one started in its place: the process ends
// with status 128 + signal, and the box starts again from its images,
// without the files programs wrote since.

import { ERRNO_NAMES } from '../core/abi.js';
import { InvalidModuleError, WasmboxError } from '../core/errors.js';
import { EventEmitter } from '../core/event-emitter.js';
import { imageCommand } from '../core/image-command.js';
import { outputSink } from '../core/output-sinks.js';
import { Signal, isSignal, statusOfSignal } from '../core/signals.js';
import { fetchBytes } from '../core/fetch-bytes.js';
import { InputWriter, createInputBuffer } from './input-channel.js';
import { OutputReader, createOutputBuffer } from './output-ring.js';
import { RelayWriter, relayFor } from './relay-channel.js';

const GRACE_MS = 300;
// The page also looks at the output ring this often, for output written
// while it was taking the last (no wake message then).
const OUTPUT_POLL_MS = 50;
const { INT: SIGINT, KILL: SIGKILL, TERM: SIGTERM } = Signal;

const encoder = new TextEncoder();

// kernel.wasm compiled once per URL for all the page's boxes, while the
// first box's worker starts.
const kernels = new Map();
function compileKernel(url) {
  if (!kernels.has(url)) {
    const compiled = fetchBytes(url).then((bytes) => WebAssembly.compile(/** @type {Uint8Array<ArrayBuffer>} */ (bytes)));
    compiled.catch(() => kernels.delete(url));
    kernels.set(url, compiled);
  }
  return kernels.get(url);
}

const isolated = () => globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function';

const controlled = () => Boolean(globalThis.navigator?.serviceWorker?.controller);

/**
 * How guests run and wait here, or null when nothing works: each process in
 * a worker of its own where the page is cross-origin isolated, else taking
 * turns on one thread with JSPI, else nested, waiting through the page's
 * Service Worker (registerServiceWorker).
 */
export function blockingSupport() {
  if (isolated()) return 'workers';
  if (typeof WebAssembly.Suspending === 'function' && typeof WebAssembly.promising === 'function') return 'jspi';
  if (controlled()) return 'serviceworker';
  return null;
}

const NO_BLOCKING = 'this browser cannot pause a program while it waits for input: it needs ' +
  'JavaScript Promise Integration (JSPI, in Chrome and Edge 137+), a page served ' +
  'cross-origin isolated (headers Cross-Origin-Opener-Policy: same-origin and ' +
  'Cross-Origin-Embedder-Policy: require-corp) so that SharedArrayBuffer exists, or ' +
  'wasmbox\'s Service Worker controlling the page (registerServiceWorker)';

function remoteError({ name, message, code }) {
  return name === 'InvalidModuleError' ? new InvalidModuleError(message) : new WasmboxError(message, code);
}

const toBytes = (data) => (typeof data === 'string' ? encoder.encode(data) : data);

// An archive or image for the worker: bytes, or a URL (absolute) it
// downloads itself or, `lazy`, reads as used, so that the page never
// holds it.
function toWorker(source, lazy = false) {
  return source instanceof Uint8Array ? source : { url: String(new URL(source, globalThis.location?.href)), lazy };
}

// How errors name `source` when the caller gives no name.
const labelOf = (source, what) => String(source instanceof Uint8Array ? what : source);

async function load(source, onProgress) {
  if (typeof source === 'string' || source instanceof URL) return fetchBytes(source, onProgress);
  return source;
}

export class WorkerBox {
  /** @param {import('../../types/browser.js').CreateBoxOptions} options */
  constructor(options) {
    this._options = options;
    /** @type {EventEmitter<[number, Uint8Array]>} */
    this._outputEvents = new EventEmitter();
    /**
     * Hears the output of runs given no callback: (stream, bytes). Returns
     * what detaches the listener, as xterm.js's events do.
     */
    this.onOutput = this._outputEvents.event;
    this._storeErrors = new EventEmitter();
    /** Hears why the box's stores cannot be written (a message). */
    this.onStoreError = this._storeErrors.event;
    this._exits = new EventEmitter();
    /** Hears each run's result as it ends (a RunResult). */
    this.onExit = this._exits.event;
    this._resizes = new EventEmitter();
    /** Hears each new size of the terminal programs see ({cols, rows}). */
    this.onResize = this._resizes.event;
    this._downloads = new EventEmitter();
    /** Hears the progress of every download the box makes: (url, loaded, total | null). */
    this.onProgress = this._downloads.event;
    if (options.onStoreError) this.onStoreError(options.onStoreError);
    // What set the box's files up (loadImage, mountTar, writeFile), replayed when a
    // new worker takes over.
    this._setup = [];
    this._run = null;
    this._took = 0;
    this._interruptKey = 3;
  }

  /** 'workers', 'jspi', 'atomics' or 'serviceworker': how guests run and wait here. */
  get blocking() {
    return this._blocking;
  }

  async _boot() {
    const { blocking = 'auto', terminal = false, maxFds, memfsCapacity } = this._options;
    const wanted = blocking === 'auto' ? blockingSupport() : blocking;
    if (wanted === null) throw new WasmboxError(NO_BLOCKING, 'ENOBLOCKING');
    if ((wanted === 'workers' || wanted === 'atomics') && !isolated()) throw new WasmboxError(NO_BLOCKING, 'ENOBLOCKING');
    if (wanted === 'serviceworker' && !controlled()) throw new WasmboxError(NO_BLOCKING, 'ENOBLOCKING');
    this._blocking = wanted;
    const workers = wanted === 'workers';
    const inputBuffer = wanted === 'atomics' ? createInputBuffer() : null;
    const relay = wanted === 'serviceworker' ? relayFor((await navigator.serviceWorker.ready).scope) : null;
    this._writer = inputBuffer ? new InputWriter(inputBuffer) : relay ? new RelayWriter(relay) : null;
    const outputBuffer = globalThis.crossOriginIsolated ? createOutputBuffer() : null;
    this._output = outputBuffer ? new OutputReader(outputBuffer) : null;
    this._pending = [];
    // endInput() came while bytes were still queued: the end follows them.
    this._ending = false;
    this._calls = new Map();
    this._nextId = 1;
    // kernel-shared.wasm lies beside kernel.wasm, and process-worker.js
    // beside worker.js. A relative URL is the page's.
    const page = globalThis.location?.href;
    const kernelUrl = new URL(this._options.kernelUrl ?? new URL('../../dist/kernel.wasm', import.meta.url), page);
    const kernel = compileKernel(String(workers ? new URL('kernel-shared.wasm', kernelUrl) : kernelUrl));
    // The worker as built into one file by setup (dist/worker.js).
    const workerUrl = new URL(this._options.workerUrl ?? new URL('../../dist/worker.js', import.meta.url), page);
    this._workerUrl = workerUrl;
    this._boxWorkers = new Map();
    this._worker = new Worker(workerUrl, { type: 'module' });
    this._worker.onmessage = ({ data }) => this._receive(data);
    this._worker.onerror = (e) => this._fail(new WasmboxError(`the box's worker failed: ${e.message}`, 'EWORKER'));
    if (this._size) this.resizeTerminal(this._size.cols, this._size.rows);
    await this._call('boot', [{
      kernel: await kernel, terminal, inputBuffer, relay, outputBuffer, workers, size: this._size, maxFds, memfsCapacity,
    }]);
    for (const [method, args] of this._setup) await this._call(method, args);
  }

  // `onProgress` hears of the downloads the worker makes for the call
  // (of args[0].url), as onProgress's listeners do.
  _call(method, args, onProgress) {
    const id = this._nextId++;
    const url = args[0]?.url;
    const progress = url ? this._progressOf(url, onProgress) : undefined;
    return new Promise((resolve, reject) => {
      this._calls.set(id, { resolve, reject, onProgress: progress });
      this._worker.postMessage({ type: 'call', id, method, args });
    });
  }

  _receive(message) {
    switch (message.type) {
      case 'reply': {
        this._takeOutput();  // all a run wrote is out before its result
        const call = this._calls.get(message.id);
        this._calls.delete(message.id);
        if (message.error) call?.reject(remoteError(message.error));
        else call?.resolve(message.value);
        break;
      }
      case 'output':
        this._deliver(message.stream, message.data);
        break;
      case 'outputReady':
        this._takeOutput();
        break;
      case 'progress':
        this._calls.get(message.id)?.onProgress?.(message.loaded, message.total);
        break;
      case 'took':
        ++this._took;
        this._sendPending();
        break;
      case 'interruptKey':
        this._interruptKey = message.key;
        break;
      case 'startWorker':
        this._startWorker(message.id, message.file, message.port);
        break;
      case 'stopWorker':
        this._boxWorkers.get(message.id)?.terminate();
        this._boxWorkers.delete(message.id);
        break;
      case 'storeError': {
        const text = `wasmbox: the box's stores cannot be written (${ERRNO_NAMES[message.errno] ?? message.errno}): ` +
          'changes stay in this page until they can';
        if (this._storeErrors.heard) this._storeErrors.fire(text);
        else console.warn(text);
        break;
      }
      default:
    }
  }

  // A worker of the box (`file`, beside worker.js: a process's or the
  // stores'), started here for the box's worker, which talks to it over
  // `port`, handed to it as its first message.
  _startWorker(id, file, port) {
    const worker = new Worker(new URL(file, this._workerUrl), { type: 'module' });
    worker.onerror = (e) => this._worker.postMessage({ type: 'workerError', id, message: e.message });
    // A process's worker wakes the page for the output it wrote.
    worker.onmessage = ({ data }) => {
      if (data.type === 'outputReady') this._takeOutput();
    };
    worker.postMessage({ port }, [port]);
    this._boxWorkers.set(id, worker);
  }

  // Ends the box's worker and the workers started for it.
  _stopWorkers() {
    this._worker.terminate();
    for (const worker of this._boxWorkers.values()) worker.terminate();
    this._boxWorkers.clear();
  }

  // A download's progress for `onProgress` and the box's listeners.
  _progressOf(url, onProgress) {
    return (loaded, total) => {
      onProgress?.(loaded, total);
      this._downloads.fire(String(url), loaded, total);
    };
  }

  _deliver(stream, bytes) {
    const sink = this._run?.sinks[stream];
    if (sink) sink(bytes);
    else this._outputEvents.fire(stream, bytes);
  }

  _takeOutput() {
    for (const [stream, bytes] of this._output?.take() ?? []) this._deliver(stream, bytes);
  }

  // Every call waiting for the worker (a run among them) fails.
  _fail(error) {
    for (const call of this._calls.values()) call.reject(error);
    this._calls.clear();
  }

  /**
   * Unpacks a tar archive (bytes, or a URL the box's worker downloads
   * itself) into the box at `at`, or mounts a wasmbox image there (its
   * changes kept in memory). The box keeps it, to start again from it
   * after an interrupt ended a busy worker (a URL is downloaded again,
   * from the browser's cache).
   * @param {Uint8Array | string | URL} source
   * @param {string} [at]
   * @param {{name?: string, onProgress?: import('../../types/browser.js').Progress}} [options]
   */
  async loadImage(source, at = '/', { name = labelOf(source, 'the image'), onProgress } = {}) {
    await this._ready;
    await this._setUp('loadImage', [toWorker(source), at, name], onProgress);
  }

  /**
   * Mounts a tar archive (bytes, or a URL) read-only at `at`, read in
   * place (see Box.mountTar); kept, as images are, for a restart. From a
   * URL it is downloaded whole, or with `lazy` read where it is with range
   * requests: its headers at the mount, 64 KiB at a time, a file's bytes
   * when first read (worth it for an archive of few large files; a
   * wasmbox image, whose index comes first, is better for many).
   * @param {Uint8Array | string | URL} source
   * @param {string} at
   * @param {{name?: string, onProgress?: import('../../types/browser.js').Progress, lazy?: boolean}} [options]
   */
  async mountTar(source, at, { name = labelOf(source, 'the archive'), onProgress, lazy = false } = {}) {
    await this._ready;
    await this._setUp('mountTar', [toWorker(source, lazy), at, name], onProgress);
  }

  /**
   * Makes `data` the whole content of a file of the box (see Box.writeFile);
   * kept, as images are, for a restart.
   */
  async writeFile(path, data, options) {
    await this._ready;
    await this._setUp('writeFile', [path, data, options]);
  }

  /**
   * Mounts a wasmbox image (`wasmbox pack`) read-only at `at` (see
   * Box.mountImage) and resolves to its manifest. From a URL it is read
   * lazily: the header and index first, then each 64 KiB block of a file
   * when a program first reads it, with HTTP range requests (a server
   * without ranges sends it whole, once). Bytes are mounted as they are.
   * `writable`: its folders take changes, kept in memory. Kept, as images
   * are, for a restart.
   * @param {Uint8Array | string | URL} source
   * @param {string} at
   * @param {{name?: string, writable?: boolean}} [options]  `name`: how
   *   errors name it
   */
  async mountImage(source, at, { name = labelOf(source, 'the image'), writable = false } = {}) {
    await this._ready;
    return this._setUp('mountImage', [toWorker(source, true), at, { name, writable }]);
  }

  /**
   * Runs an app image (`wasmbox pack --program`, bytes or a URL read
   * lazily), as `wasmbox run app.img` does: its files become the box's root
   * (changes kept in memory) and its program runs with the image's
   * arguments, environment and working directory, which `args` (after
   * argv[0]), `env` and `cwd` override. Other options as run()'s.
   * @param {Uint8Array | string | URL} source
   * @param {import('../../types/browser.js').WorkerRunOptions & {name?: string}} [options]
   */
  async runImage(source, { args, env, cwd, name, ...options } = {}) {
    const label = name ?? labelOf(source, 'the image');
    const manifest = await this.mountImage(source, '/', { name: label, writable: true });
    const { program, ...command } = imageCommand(manifest, { args, env, cwd }, label);
    return this.run(await this.readFile(program), { preopens: [{ name: '/', path: '/' }], ...options, ...command });
  }

  /**
   * Mounts at `at` a writable overlay of the box's folder `upper` over the
   * folders `lowers` (see Box.mountOverlay): with a store as `upper` and an
   * image below, the changes to the image are kept in the browser. Kept,
   * as images are, for a restart.
   * @param {string} at
   * @param {{upper: string, lowers: string[]}} layers
   */
  async mountOverlay(at, layers) {
    await this._ready;
    await this._setUp('mountOverlay', [at, layers]);
  }

  /**
   * Mounts the persistent store `name` of this site at `at` (see
   * Box.mountStore): files kept in the browser's origin private file
   * system (OPFS), or in IndexedDB where OPFS has no synchronous access,
   * there again after a reload. A change is kept when the program syncs
   * or closes the file, and at the latest a moment later. One tab at a
   * time has a store: another gets an error (code ESTOREBUSY), as does a
   * browser that keeps no files for the page (ENOSTORAGE).
   * @param {string} at
   * @param {string} name  letters, digits, '.', '_' or '-'
   * @param {{capacity?: number, storage?: 'auto' | 'opfs' | 'indexeddb'}} [options]
   *   `capacity`: bytes of file data it may hold; `storage`: where
   */
  async mountStore(at, name, options = {}) {
    await this._ready;
    await this._setUp('mountStore', [at, name, options]);
  }

  _inStore(path) {
    return this._setup.some(([m, [at]]) => m === 'mountStore' && (path === at || path.startsWith(`${at.replace(/\/$/, '')}/`)));
  }

  /** The bytes of a file of the box (see Box.readFile). */
  async readFile(path) {
    await this._ready;
    return this._call('readFile', [path]);
  }

  // Done now, and again by a new worker; a file written again replaces
  // its earlier content there too (a playground writes its sources on
  // every run).
  async _setUp(method, args, onProgress) {
    const value = await this._call(method, args, onProgress);
    // A store keeps its own files: a write into one is not written again.
    if (method === 'writeFile' && this._inStore(args[0])) return value;
    if (method === 'writeFile') this._setup = this._setup.filter(([m, a]) => m !== method || a[0] !== args[0]);
    this._setup.push([method, args]);
    return value;
  }

  /**
   * Runs a WASI command to completion (see Box.run for the options).
   * `module`: bytes, a WebAssembly.Module, or a URL to download.
   * Output goes to `stdout`/`stderr` callbacks when given, else to onOutput.
   * `trace: true` writes the trace to stderr; a function cannot reach the
   * worker.
   * @param {import('../../types/browser.js').ModuleSource} module
   * @param {import('../../types/browser.js').WorkerRunOptions} [options]
   */
  async run(module, { stdout, stderr, onProgress, stdin, ...options } = {}) {
    if (this._run) throw new WasmboxError('the box is already running a process', 'EBUSY');
    if (typeof options.trace === 'function') {
      throw new WasmboxError('a box in a worker traces to stderr only: pass trace: true', 'EINVAL');
    }
    const run = { sinks: { 1: outputSink(stdout, 'stdout'), 2: outputSink(stderr, 'stderr') }, started: false, resolve: null };
    this._run = run;
    try {
      const bytes = await load(module, this._progressOf(module, onProgress));
      await this._ready;
      // A box without a terminal gives each process a fresh stdin.
      const fresh = this._options.terminal ? undefined : stdin ?? null;
      // The page reads the output ring on its own clock while the program
      // runs, as well as when woken.
      const poll = this._output ? setInterval(() => this._takeOutput(), OUTPUT_POLL_MS) : null;
      try {
        const result = await new Promise((resolve, reject) => {
          run.resolve = resolve;
          run.started = true;
          this._call('run', [bytes, { ...options, stdin: fresh }]).then(resolve, reject);
        });
        this._exits.fire(result);
        return result;
      } finally {
        clearInterval(poll);
      }
    } finally {
      if (this._run === run) this._run = null;
    }
  }

  /** Keys typed into the terminal, or bytes for stdin of a box without one. */
  input(data) {
    const bytes = toBytes(data);
    if (bytes.length === 0) return;
    if (this._writer) this._pending.push(bytes);
    else this._worker.postMessage({ type: 'input', data: bytes });
    this._sendPending();
    // On a terminal, the interrupt key must end even a busy program.
    const interrupts = this._options.terminal && this._interruptKey >= 0 && bytes.includes(this._interruptKey);
    if (interrupts && this._run?.started) {
      this._unlessTaken(SIGINT, this._took);
    }
  }

  /** Ends stdin of a box without a terminal (the process reads end of file). */
  endInput() {
    if (!this._writer) return this._worker.postMessage({ type: 'end' });
    this._ending = true;
    this._sendPending();
  }

  /** The terminal's size in character cells; a change is a SIGWINCH. */
  resizeTerminal(cols, rows) {
    if (this._size?.cols !== cols || this._size?.rows !== rows) this._resizes.fire({ cols, rows });
    this._size = { cols, rows };
    if (this._writer) this._writer.resize(cols, rows);
    else this._worker?.postMessage({ type: 'resize', cols, rows });
  }

  /**
   * Sends signal `sig` (default SIGTERM) to the running process, if any.
   * @param {number} [sig]
   */
  kill(sig = SIGTERM) {
    if (!isSignal(sig)) throw new WasmboxError(`kill: ${sig} is not a signal (1 to 31)`, 'EINVAL');
    if (!this._run?.started) return;
    // Nested, a busy guest cannot take SIGKILL: its worker goes at once.
    if (sig === SIGKILL && this._nested()) return this._restart(sig);
    if (this._writer) this._writer.signal(sig);
    else this._worker.postMessage({ type: 'signal', signal: sig });
    this._unlessTaken(sig, this._took);
  }

  // Whether guests run nested in the box's worker, which a busy one holds.
  _nested() {
    return this._blocking === 'atomics' || this._blocking === 'serviceworker';
  }

  /** Ends the worker; the box cannot be used afterwards. */
  terminate() {
    this._stopWorkers();
    this._writer?.close();
    this._fail(new WasmboxError('the box was terminated', 'ETERMINATED'));
  }

  /** Ends the worker (as terminate) and detaches every listener. */
  dispose() {
    this.terminate();
    for (const events of [this._outputEvents, this._storeErrors, this._exits, this._resizes, this._downloads]) events.dispose();
  }

  _sendPending() {
    while (this._writer && this._pending.length > 0) {
      const bytes = this._pending[0];
      const n = this._writer.write(bytes);
      if (n < bytes.length) {
        this._pending[0] = bytes.subarray(n);
        return;
      }
      this._pending.shift();
    }
    // The end goes after every byte queued before it.
    if (this._writer && this._ending && this._pending.length === 0) {
      this._ending = false;
      this._writer.end();
    }
  }

  // A busy guest takes nothing: end it as the signal would have.
  _unlessTaken(sig, took) {
    const run = this._run;
    setTimeout(() => {
      if (this._run !== run || this._took !== took) return;
      if (sig === SIGINT) this._outputEvents.fire(1, encoder.encode('^C'));
      this._restart(sig);
    }, GRACE_MS);
  }

  // The process ends as the signal would have ended it; a new worker
  // takes the old one's place.
  _restart(sig) {
    this._takeOutput();
    this._run?.resolve({ exitCode: statusOfSignal(sig), signal: sig });
    this._run = null;
    this._stopWorkers();
    this._writer?.close();
    this._fail(new WasmboxError('the box restarted', 'ERESTARTED'));
    this._ready = this._boot();
    this._ready.catch(() => {});  // the next call reports it
  }
}

/**
 * Creates a box in a Web Worker.
 * @param {import('../../types/browser.js').CreateBoxOptions} [options]
 * @returns {Promise<WorkerBox>}
 */
export async function createBox(options = {}) {
  const box = new WorkerBox(options);
  box._ready = box._boot();
  await box._ready;
  return box;
}
