// The browser entry of the wasmbox package: the shared API (core.d.ts)
// and boxes that run in a Web Worker, driven from the page.
import type {
  CommonBox, CommonBoxOptions, IDisposable, ImageManifest, ModuleSource, Progress, RunOptions, RunResult,
} from './core.js';

export * from './core.js';

/**
 * How a box's guests run and wait: each process in a worker of its own,
 * waiting in Atomics.wait (cross-origin isolated pages); taking turns in
 * the box's worker, suspended by JSPI while they wait and every 10 ms
 * while they compute ("jspi"); nested in the box's worker, waiting in
 * Atomics.wait ("atomics"); or nested, waiting in a synchronous request
 * the page's Service Worker answers ("serviceworker": any static host, any
 * browser; see {@link registerServiceWorker}).
 */
export type Blocking = 'workers' | 'jspi' | 'atomics' | 'serviceworker';

/** The page's own options (after those of {@link CommonBoxOptions}). */
export interface CreateBoxOptions extends CommonBoxOptions {
  /**
   * How guests run and wait. Default "auto": "workers" on a cross-origin
   * isolated page, else "jspi" where the browser has it, else
   * "serviceworker" where wasmbox's Service Worker controls the page.
   */
  blocking?: Blocking | 'auto';
  /** Where kernel.wasm is (kernel-shared.wasm beside it). Default: the package's. */
  kernelUrl?: string | URL;
  /** Where the package's worker.js is, process-worker.js beside it (for bundlers that move them). */
  workerUrl?: string | URL;
  /**
   * Told when the box's stores cannot be written (the browser's storage
   * quota reached): the changes stay in the page until they can. Default:
   * console.warn.
   */
  onStoreError?: (message: string) => void;
}

/** A page's run options: those of {@link RunOptions}, but a trace cannot be a function. */
export interface WorkerRunOptions extends RunOptions {
  /** `true` writes the trace (see {@link RunOptions.trace}) to stderr; a function cannot reach the worker. */
  trace?: boolean;
}

/**
 * A box (a kernel with its filesystem, and its processes) in a Web Worker,
 * so the page stays responsive while programs run. One run() at a time;
 * the processes it starts run side by side with blocking "workers" and
 * "jspi".
 */
export class WorkerBox implements CommonBox {
  /** Made by {@link createBox}. */
  private constructor();
  /** How guests run and wait here. */
  readonly blocking: Blocking;
  /**
   * Hears the output of runs given no `stdout`/`stderr` callback (a
   * BoxAddon listens so); returns what detaches the listener.
   */
  onOutput(listener: (stream: number, bytes: Uint8Array) => void): IDisposable;
  /** Hears why the box's stores cannot be written (default: console.warn while none listens). */
  onStoreError(listener: (message: string) => void): IDisposable;
  /** Hears each run's result as it ends. */
  onExit(listener: (result: RunResult) => void): IDisposable;
  /** Hears each new size of the terminal programs see. */
  onResize(listener: (size: { cols: number; rows: number }) => void): IDisposable;
  /** Hears the progress of every download the box makes (modules, images, archives). */
  onProgress(listener: (url: string, loaded: number, total: number | null) => void): IDisposable;
  /**
   * Runs a WASI command to completion. `module`: bytes, a compiled module,
   * or a URL to download. Rejects with {@link InvalidModuleError} for a
   * module the box cannot run, and with WasmboxError "EBUSY" while another
   * process runs.
   */
  run(module: ModuleSource, options?: WorkerRunOptions): Promise<RunResult>;
  /**
   * Unpacks a tar archive (bytes, or a URL to download) into the box at
   * `at` (default "/"). The box keeps it, to start again from it after an
   * interrupt had to end a busy worker.
   */
  loadImage(source: Uint8Array | string | URL, at?: string, options?: { name?: string; onProgress?: Progress }): Promise<void>;
  /**
   * Mounts a tar archive (bytes, or a URL to download) read-only at the
   * absolute path `at`, read in place (see the Node Box's mountTar); kept,
   * as images are, for a restart. With `lazy`, a URL is read where it is
   * with range requests: its headers at the mount, a file's bytes when
   * first read. Rejects with WasmboxError "EIMAGE".
   */
  mountTar(source: Uint8Array | string | URL, at: string, options?: { name?: string; onProgress?: Progress; lazy?: boolean }): Promise<void>;
  /**
   * Mounts the persistent store `name` of this site (letters, digits, '.',
   * '_', '-') at the absolute path `at`: files kept in the browser's origin
   * private file system (OPFS), or in IndexedDB where OPFS has no
   * synchronous access (`storage` picks), there again after a reload. A
   * change is kept when the program syncs or closes the file, at the
   * latest a moment later, each commit whole or not at all. One tab at a
   * time has a store: another is refused with WasmboxError "ESTOREBUSY"; a
   * browser that keeps no files for the page gives "ENOSTORAGE".
   * `capacity` bounds its file data (ENOSPC to programs past it; default
   * 256 MiB).
   */
  mountStore(at: string, name: string, options?: { capacity?: number; storage?: 'auto' | 'opfs' | 'indexeddb' }): Promise<void>;
  /**
   * Mounts a wasmbox image (`wasmbox pack`) read-only at the absolute path
   * `at` (at "/", its top-level entries join the root) and resolves to its
   * manifest. From a URL it is read lazily: its index first, then each
   * 64 KiB block a program reads, with HTTP range requests; every block is
   * checked (damage: EIO to the program, never wrong bytes). Rejects with
   * WasmboxError "EIMAGE" when it is not an image or is damaged. Kept, as
   * images are, for a restart.
   */
  mountImage(source: Uint8Array | string | URL, at: string, options?: { name?: string; writable?: boolean }): Promise<ImageManifest>;
  /**
   * Runs an app image (`wasmbox pack --program`; bytes, or a URL read
   * lazily) as `wasmbox run app.img` does: its files become the box's root
   * (changes kept in memory) and its program runs with the image's
   * arguments (after argv[0]), environment and working directory, which
   * those given override.
   */
  runImage(source: Uint8Array | string | URL, options?: WorkerRunOptions & { name?: string }): Promise<RunResult>;
  /**
   * Mounts at `at` a writable overlay of the box's folder `upper` over the
   * folders `lowers` (the first on top), as a container's layers: changes
   * go to `upper` (a lower file copied up first, a removed lower name
   * hidden by a ".wh.NAME" whiteout there). With a store as `upper` and an
   * image below, the changes to the image are kept in the browser.
   * Renaming a folder with lower contents is EXDEV, as on Linux. Rejects
   * with WasmboxError "EMOUNT".
   */
  mountOverlay(at: string, layers: { upper: string; lowers: string[] }): Promise<void>;
  /**
   * Makes `data` (bytes, or a string written as UTF-8) the whole content of
   * the file at the absolute `path`, created with permission bits `mode`
   * (default 0o644; 0o755 for a program the shell finds on PATH) or
   * truncated; with `parents`, missing directories are made (as mkdir -p),
   * else its directory must exist. Kept, as images are, for a restart.
   * Rejects with WasmboxError "EWRITEFILE" naming the errno.
   */
  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; parents?: boolean }): Promise<void>;
  /** The bytes of the file at the absolute `path` (WasmboxError "EREADFILE" if it cannot). */
  readFile(path: string): Promise<Uint8Array>;
  /** Keys typed into the terminal, or bytes for stdin of a box without one. */
  input(data: string | Uint8Array): void;
  /** Ends stdin of a box without a terminal: the process reads end of file. */
  endInput(): void;
  /** The terminal's size in character cells; a change is a SIGWINCH. */
  resizeTerminal(cols: number, rows: number): void;
  /**
   * Sends signal `sig` (default 15, SIGTERM) to the running process. A
   * process that computes without calling the kernel cannot take it: after
   * 300 ms the worker is replaced, the process ends with 128 + sig, and the
   * box starts again from its images (files written since are lost).
   * SIGKILL (9) does that at once. Throws a WasmboxError with code EINVAL
   * for a number that is not a signal (1 to 31).
   */
  kill(sig?: number): void;
  /** Ends the worker; the box cannot be used afterwards. */
  terminate(): void;
  /** Ends the worker (as terminate) and detaches every listener. */
  dispose(): void;
}

/** Creates a box in a Web Worker. Rejects with WasmboxError "ENOBLOCKING" where guests could not wait. */
export function createBox(options?: CreateBoxOptions): Promise<WorkerBox>;

/** How guests can wait in this browser, or null when they cannot. */
export function blockingSupport(): Blocking | null;

/**
 * Registers wasmbox's Service Worker (the package's
 * "wasmbox/service-worker.js", which the site serves from its root so that
 * its scope covers the page and the package's worker) and resolves once it
 * controls the page. Then createBox works where the page has neither JSPI
 * nor cross-origin isolation (blocking "serviceworker"). Rejects with
 * WasmboxError "ENOBLOCKING" where a page cannot have one (not HTTPS).
 */
export function registerServiceWorker(url?: string | URL): Promise<ServiceWorkerRegistration>;

/** Downloads a file whole, reporting progress; rejects with WasmboxError "EFETCH". */
export function fetchBytes(url: string | URL, onProgress?: Progress): Promise<Uint8Array>;
