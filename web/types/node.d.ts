// The Node entry of the wasmbox package: the shared API (core.d.ts) and
// boxes on this process's stdio, clocks and host directories, with the
// Box and host interface under them.
import type {
  CommonBox, CommonBoxOptions, IDisposable, ImageManifest, ModuleSource, RunOptions, RunResult,
} from './core.js';

export * from './core.js';

/** What arrived while a guest waited: bytes or the end of a host input stream (0: stdin), or signals raised for it. */
export interface InputChunk {
  stream: number;
  data?: Uint8Array;
  eof?: boolean;
  /** Bit n: signal n, delivered to the waiting process as kill(2) would. */
  signals?: number;
}

/** What the kernel asks of the host it runs on. */
export interface BoxHost {
  /** ns since an epoch: 0 realtime (Unix epoch), 1 monotonic, 2 CPU time of the process. */
  clock(id: 0 | 1 | 2): bigint;
  /** Fills `out` with cryptographically secure random bytes. */
  random(out: Uint8Array): void;
  /** Writes to host stream 1 (stdout) or 2 (stderr): bytes written, or a negative WASI errno. */
  streamWrite(stream: number, bytes: Uint8Array): number;
  /** Whether host stream 0, 1 or 2 is a terminal. */
  isatty(stream: number): boolean;
  /**
   * Blocks until input arrives on one of the host input streams in `mask`
   * (bit 0: stdin) or `timeoutMs` passes (Infinity: no timeout), and returns
   * what arrived (empty on timeout).
   */
  waitInput(mask: number, timeoutMs: number): InputChunk[] | Promise<InputChunk[]>;
  /** Host directories, where the host has them (Node: node:fs). */
  fs?: HostFs;
  /** The files of the persistent stores mounted (Box.mountStore), by number; made by mountStore. */
  stores?: Map<number, StoreFiles>;
  /** The images and archives mounted to be read block by block, by number; made by the mounts. */
  images?: Map<number, ImageSource>;
  /**
   * stdin is a terminal: its bytes go through the kernel's line discipline
   * (echo to stream 1, or 2 when only it is a terminal), and ^C ends the
   * guest with status 130.
   */
  terminal?: boolean;
  /**
   * waitInput returns a promise, and guests wait suspended by JSPI
   * (WebAssembly.Suspending) instead of blocking the thread.
   */
  suspending?: boolean;
  /** Called around each run when `terminal` is set (Node: raw mode on and off). */
  enterTerminal?(): void;
  leaveTerminal?(): void;
  /** The terminal's size now, checked whenever a guest waits. */
  terminalSize?(): { cols: number; rows: number } | null;
  /** The byte that now interrupts the guest (-1: none), for hosts that watch for it. */
  interruptKey?(key: number): void;
  /**
   * For a box with `threads`: starts a worker that serves
   * core/threads/process-thread.js (Node: web/src/node/process-worker.js).
   */
  startThread?(): {
    post(message: object, transfer?: ArrayBuffer[]): void;
    listen(receive: (message: object) => void): void;
    onError(failed: (error: Error) => void): void;
    /** Resolves once the worker can run no more. */
    terminate(): Promise<void>;
    keepAlive?(on: boolean): void;
  };
  /** For a box with `threads`: what its workers' hosts need of this one (cloneable). */
  threadConfig?(): object;
  /** For a box with `threads`: what a worker's host sent this one (such as its output). */
  threadMessage?(message: object): void;
  /** Sends output the host holds back now (before a guest waits). */
  flush?(): void;
  /**
   * For a box with `threads`: feeds stdin and the terminal's size to the
   * box as they come; returns the function that stops it.
   */
  feedInput?(sink: {
    data(bytes: Uint8Array): void;
    end(): void;
    resize(cols: number, rows: number): void;
  }): () => void;
}

/**
 * A host's directories, numbered in the order they were added (Node's is
 * over node:fs). The kernel asks it for every operation, by mount number
 * and a path relative to the mount's root that it walked itself.
 */
export interface HostFs {
  /** Registers a host directory; returns its mount number. Throws if it is not a directory. */
  addMount(hostPath: string): number;
  /** The real paths of the mounted directories, by mount number. */
  readonly roots: string[];
}

/**
 * A persistent store's two files, open (nodeStoreFiles in Node). The
 * kernel says where each commit goes; the files keep no other state.
 */
export interface StoreFiles {
  /** What each of the two files holds. */
  read(): [Uint8Array, Uint8Array];
  /**
   * Writes `bytes` at `offset` of file `file`, which ends there first:
   * 0 once the bytes would survive a crash, or a negative WASI errno
   * (ENOSPC when the storage is full).
   */
  write(file: 0 | 1, offset: number, bytes: Uint8Array): number;
  /** How a process worker opens the same files (cloneable). */
  shared: unknown;
}

/** An image (or tar archive) read where it is, on demand (nodeImageFile in Node). */
export interface ImageSource {
  /** `length` bytes at `offset`, fewer only at its end; throws when they cannot be had. */
  read(offset: number, length: number): Uint8Array;
  /** How a process worker opens the same image (cloneable). */
  shared: unknown;
}

export interface BoxOptions {
  /** kernel.wasm, as bytes or compiled. */
  kernelWasm: BufferSource | WebAssembly.Module;
  host: BoxHost;
  /** Descriptors one process may hold (EMFILE past it). Default 1024. */
  maxFds?: number;
  /** Bytes of file data the in-memory filesystem may hold (ENOSPC past it). Default 1 GiB. */
  memfsCapacity?: number;
  /**
   * Each process runs in a worker of its own, side by side, on the kernel
   * built for shared memory (then `kernelWasm` is kernel-shared.wasm and
   * the host can start workers and feeds its input as it arrives; the
   * Node host does). Traces go to stderr only (`trace: true`).
   */
  threads?: boolean;
}

/** A kernel with its own filesystem, running WASI preview1 commands. */
export class Box {
  /** Made by {@link Box.create} (or createNodeBox). */
  protected constructor();
  static create(options: BoxOptions): Promise<Box>;
  /**
   * Runs a WASI command (a module exporting `_start` and `memory`) to
   * completion. Rejects with {@link InvalidModuleError} for a module the
   * box cannot run, before any of it runs.
   */
  run(module: BufferSource | WebAssembly.Module, options?: RunOptions): Promise<RunResult>;
  /** Hears each run's result as it ends. */
  onExit(listener: (result: RunResult) => void): IDisposable;
  /**
   * Makes host directory `mount` (registered with the host's fs) a
   * preopen named `guest`, also mounted into the box tree at the absolute
   * path `at` (default: `guest`, when that is absolute).
   */
  attachHostDir(mount: number, guest: string, at?: string): { name: string; handle: number };
  /**
   * Unpacks a filesystem image (a tar archive: ustar, pax or GNU; files,
   * directories, symlinks, hard links and times) into the box at the
   * absolute path `at` (default "/"), creating it if missing. Throws
   * {@link WasmboxError} with code "EIMAGE" for a damaged archive. A
   * wasmbox image (bytes or an ImageSource) is mounted writable instead,
   * its changes kept in memory.
   */
  loadImage(source: Uint8Array | ImageSource, at?: string, options?: { name?: string }): void;
  /**
   * Mounts a tar archive (ustar, pax or GNU) read-only at the absolute
   * path `at`, read in place: its index is read once and its files' bytes
   * are the archive's own, copied once into the box; a change under `at`
   * answers EROFS. `at` is created if missing, or may be an empty
   * directory. From an ImageSource (nodeImageFile) it is read where it
   * is: its headers at the mount, a file's bytes when first read. Throws
   * {@link WasmboxError} "EIMAGE" for a damaged archive or a place it
   * cannot go.
   */
  mountTar(source: Uint8Array | ImageSource, at: string, options?: { name?: string }): void;
  /**
   * Mounts a persistent store at the absolute path `at`: a directory whose
   * files live in memory and whose changes go to `files` as commits, each
   * written whole or not at all, when a changed file is synced or closed
   * and at the latest when the run ends or commitStores() is called.
   * Mounted again from the same files, it holds what the last whole commit
   * did. Throws WasmboxError "ESTORE" when it cannot go at `at` or holds
   * more than `capacity` bytes of data (default 256 MiB).
   */
  mountStore(at: string, files: StoreFiles, options?: { name?: string; capacity?: number }): void;
  /**
   * Mounts a wasmbox image (`wasmbox pack`) read-only at the absolute path
   * `at` (at "/", its top-level entries join the root, but /dev) and
   * returns its manifest: `bytes` in memory, or a source whose blocks are
   * read as programs first read them (nodeImageFile). Every block is
   * checked: damage is EIO to the program, never wrong bytes. Throws
   * WasmboxError "EIMAGE" when it is not an image or is damaged.
   */
  mountImage(source: Uint8Array | ImageSource, at: string, options?: { name?: string; writable?: boolean }): ImageManifest;
  /**
   * Runs an app image (`wasmbox pack --program`) as `wasmbox run app.img`
   * does: its files become the box's root (read as used, changes kept in
   * memory) and its program runs with the image's arguments (after
   * argv[0]), environment and working directory, which those given
   * override.
   */
  runImage(source: Uint8Array | ImageSource, options?: RunOptions & { name?: string }): Promise<RunResult>;
  /**
   * A wasmbox image of the box's folder `path` (files, folders, symlinks,
   * hard links, permission bits, times) with `manifest`. WasmboxError
   * "EPACK" when it cannot be read.
   */
  packImage(path: string, manifest?: ImageManifest | Record<string, unknown>): Uint8Array;
  /**
   * Mounts at `at` a writable overlay of the box's folder `upper` over the
   * folders `lowers` (the first on top), as a container's layers: reads
   * see `upper`, else the first lower folder with the name; changes go to
   * `upper` (a lower file copied up first, a removed lower name hidden by
   * a ".wh.NAME" whiteout there, a folder made again opaque). With a store
   * as `upper`, the changes to a read-only image are kept on their own.
   * Throws WasmboxError "EMOUNT".
   */
  mountOverlay(at: string, layers: { upper: string; lowers: string[] }): void;
  /**
   * Commits what changed in the stores since their last commit: 0, or the
   * first negative errno (ENOSPC: storage full; the changes stay in memory
   * and go out at a later commit).
   */
  commitStores(): number;
  /**
   * The bytes of the file at the absolute `path` of the box (symlinks
   * followed). Throws {@link WasmboxError} with code "EREADFILE", naming
   * the errno, when it is missing or not a regular file.
   */
  readFile(path: string): Uint8Array;
  /**
   * Makes `data` (bytes, or a string written as UTF-8) the whole content of
   * the file at the absolute `path`, created with permission bits `mode`
   * (default 0o644; 0o755 for a program the shell finds on PATH) or
   * truncated; with `parents`, missing directories are made (as mkdir -p),
   * else its directory must exist. Throws WasmboxError "EWRITEFILE"
   * naming the errno.
   */
  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; parents?: boolean }): void;
  /** Sets the terminal's size (character cells) that guests see; a change is a SIGWINCH. */
  resizeTerminal(cols: number, rows: number): void;
  /**
   * Sends signal `sig` (default SIGTERM) to the process run() started. With
   * `threads` it ends even a process that computes without calling the
   * kernel; nested, the process notices at its next call.
   */
  kill(sig?: number): void;
  /** Ends the workers of a box created with `threads`, and detaches the listeners. */
  dispose(): void;
}

/**
 * Compiles and validates a module once (valid WebAssembly, only WASI
 * preview1 imports, `_start` and `memory` exported); `name` appears in errors.
 */
export function compileModule(
  source: BufferSource | WebAssembly.Module,
  name?: string,
): Promise<WebAssembly.Module>;

/**
 * A box in Node: this process's stdio and clocks, and host directories.
 * Where a page's box takes a URL, it takes a host file's path or a file:
 * URL too; images and archives are then read where they are.
 */
export class NodeBox extends Box implements CommonBox {
  /** A URL other than file: is downloaded. */
  run(module: ModuleSource, options?: RunOptions): Promise<RunResult>;
  loadImage(source: Uint8Array | ImageSource | string | URL, at?: string, options?: { name?: string }): void;
  /** A URL other than file: must be downloaded first ({@link fetchBytes}): WasmboxError "EINVAL". */
  mountTar(source: Uint8Array | ImageSource | string | URL, at: string, options?: { name?: string }): void;
  mountImage(
    source: Uint8Array | ImageSource | string | URL, at: string, options?: { name?: string; writable?: boolean },
  ): ImageManifest;
  runImage(source: Uint8Array | ImageSource | string | URL, options?: RunOptions & { name?: string }): Promise<RunResult>;
  /**
   * Gives guests the host directory `hostPath` (read-write) as `guest`
   * (default: `hostPath`), mounted at the absolute path `at` (default:
   * `guest`); returns the preopen to pass to run(). Symlinks in it cannot
   * lead outside it.
   */
  mountHostDir(hostPath: string, guest?: string, at?: string): { name: string; handle: number };
}

/** Creates a {@link NodeBox}: the options of {@link CommonBoxOptions}, and `threads`. */
export function createNodeBox(options?: CommonBoxOptions & Omit<BoxOptions, 'kernelWasm' | 'host'>): Promise<NodeBox>;

/** The same as {@link createNodeBox}: the name the browser entry uses too. */
export const createBox: typeof createNodeBox;

/** The host of a NodeBox: process stdio, hrtime clocks, WebCrypto. */
export function nodeHost(options?: {
  /** Run guests on this process's terminal. Default: when stdin and stdout or stderr are one. */
  terminal?: boolean;
}): BoxHost;

/** Downloads a file whole, reporting progress; rejects with WasmboxError "EFETCH". */
export function fetchBytes(url: string | URL, onProgress?: (loaded: number, total: number | null) => void): Promise<Uint8Array>;

/** A wasmbox image in the host file `path`, read block by block. */
export function nodeImageFile(path: string): ImageSource;

/** A persistent store's files in the host folder `dir` (store.0, store.1; made if missing). */
export function nodeStoreFiles(dir: string): StoreFiles;

/** The bytes of the package's kernel.wasm, or with `shared` kernel-shared.wasm (read once). */
export function kernelWasm(shared?: boolean): Promise<Uint8Array>;
/** The same, compiled once per process. */
export function compiledKernel(shared?: boolean): Promise<WebAssembly.Module>;
