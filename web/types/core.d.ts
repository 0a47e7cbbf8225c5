// The public contract of the wasmbox package, written by hand: what
// browsers and Node share (node.d.ts and browser.d.ts add each one's own).
// The implementation (web/src) may differ internally; only what is here is API.

/** A guest that ended: its exit status, and the trap that ended it, if any. */
export interface RunResult {
  /** The status the guest passed to exit(), 128 + signal when a signal ended it, or 134 after a trap. */
  exitCode: number;
  /** The signal that ended the guest, e.g. 2 (SIGINT) for ^C on the terminal. */
  signal?: number;
  /** Present when the guest trapped (unreachable, out-of-bounds access, stack overflow...). */
  trap?: {
    /** What trapped, as the engine says it ("unreachable"). */
    message: string;
    /** The guest function, by name when the module has a name section, else by index. */
    function: string | null;
  };
}

/** A directory given to a guest as a preopened descriptor (fds 3, 4, ... in order). */
export type Preopen =
  /** A directory of the box's own tree, by absolute path. */
  | { name: string; path: string }
  /** A directory returned by {@link Box.attachHostDir} or {@link NodeBox.mountHostDir}. */
  | { name: string; handle: number };

export interface RunOptions {
  /** argv, including argv[0]. Default: ["main"]. */
  args?: string[];
  /** The guest's environment; nothing is inherited. Default: empty. */
  env?: Record<string, string>;
  /** Default: the box's root, named "/". */
  preopens?: Preopen[];
  /** The working directory of Emscripten-built programs (WASI has none). Default "/". */
  cwd?: string;
  /**
   * In a box without a terminal: the bytes the process reads before end of
   * file, or null for a fresh stdin the host feeds. Default: stdin as the
   * last process left it.
   */
  stdin?: Uint8Array | string | null;
}

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
  fs?: object;
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
}

export interface BoxOptions {
  /** The bytes of kernel.wasm. */
  kernelWasm: BufferSource;
  host: BoxHost;
  /** Descriptors one process may hold (EMFILE past it). Default 1024. */
  maxFds?: number;
  /** Bytes of file data the in-memory filesystem may hold (ENOSPC past it). Default 1 GiB. */
  memfsCapacity?: number;
}

/** A kernel with its own filesystem, running WASI preview1 commands. */
export class Box {
  static create(options: BoxOptions): Promise<Box>;
  /**
   * Runs a WASI command (a module exporting `_start` and `memory`) to
   * completion. Rejects with {@link InvalidModuleError} for a module the
   * box cannot run, before any of it runs.
   */
  run(module: BufferSource | WebAssembly.Module, options?: RunOptions): Promise<RunResult>;
  /**
   * Makes host directory `mount` (registered with the host's fs) a
   * preopen named `guest`, also mounted into the box tree when `guest` is
   * an absolute path.
   */
  attachHostDir(mount: number, guest: string): { name: string; handle: number };
  /**
   * Unpacks a filesystem image (a tar archive: ustar, pax or GNU; files,
   * directories, symlinks, hard links and times) into the box at the
   * absolute path `at` (default "/"), creating it if missing. Throws
   * {@link WasmboxError} with code "EIMAGE" for a damaged archive.
   */
  loadImage(tar: Uint8Array, at?: string, name?: string): void;
  /** Sets the terminal's size (character cells) that guests see; a change is a SIGWINCH. */
  resizeTerminal(cols: number, rows: number): void;
}

/**
 * Compiles and validates a module once (valid WebAssembly, only WASI
 * preview1 imports, `_start` and `memory` exported); `name` appears in errors.
 */
export function compileModule(
  source: BufferSource | WebAssembly.Module,
  name?: string,
): Promise<WebAssembly.Module>;

/** Misuse of the API, or input the box refuses. `code` is like Node's ("ENOENT"). */
export class WasmboxError extends Error {
  readonly code: string;
}

/** The bytes are not a module the box can run. `code` is "EINVALIDMODULE". */
export class InvalidModuleError extends WasmboxError {}
