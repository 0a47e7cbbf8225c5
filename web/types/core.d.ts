// The public contract of the wasmbox package, written by hand: what
// browsers and Node share (node.d.ts and browser.d.ts add each one's own).
// A program's run: its options and its result.
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
  /** A directory returned by `attachHostDir` or `mountHostDir` (in Node). */
  | { name: string; handle: number };

/**
 * Where a run's stdout or stderr goes: a callback, or anything with
 * write() (a Node stream, a WritableStream's writer). Each call gets bytes
 * of its own.
 */
export type OutputTarget = ((bytes: Uint8Array) => void) | { write(bytes: Uint8Array): unknown };

/**
 * A program: its bytes, the module compiled, or a URL to download (in the
 * page, relative to it; in Node, a file path too, or a file: URL).
 */
export type ModuleSource = BufferSource | WebAssembly.Module | string | URL;

/** Called as a download progresses; `total` is null when the server does not say. */
export type Progress = (loaded: number, total: number | null) => void;

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
  /**
   * Trace the calls the process (and each process it spawns) makes to the
   * kernel, one line per call, like strace:
   * `[pid 1] __syscall_openat(-100, 0x4ac, 32833, NULL) = -44 ENOENT`.
   * Arguments follow the import's types: i32 in decimal, guest addresses in
   * hex (NULL for 0), i64 in decimal. WASI calls answer an errno,
   * `__syscall_*` a value or a negative errno, with the error's name. A
   * call that waits appears once, with its final answer; one that ends the
   * process answers "= ?"; a `+++ exited with N +++` line ends each
   * process's trace. `true` writes the lines to the host's stderr; a
   * function receives each line (without a newline). Default: no trace,
   * and no cost.
   */
  trace?: boolean | ((line: string) => void);
  /**
   * Takes what the process, and each process it starts, writes to stdout.
   * Default: the host's stdout (Node), the box's onOutput listeners (page).
   */
  stdout?: OutputTarget;
  /** Takes what they write to stderr; default as stdout's. */
  stderr?: OutputTarget;
  /** Download progress when the module is a URL. */
  onProgress?: Progress;
}

/** What `wasmbox pack` says of the program in an image (its manifest). */
export interface ImageManifest {
  /** The program's path in the image. */
  program?: string;
  /** Its default arguments (after argv[0]). */
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
}

/**
 * What a {@link WasmboxError} is about:
 * - "EINVALIDMODULE": bytes that are not a module the box runs ({@link InvalidModuleError})
 * - "ENOBLOCKING", "ENOJSPI": the browser cannot pause a program that waits
 * - "EIMAGE": an image or archive that is not one, is damaged, or cannot go where asked
 * - "EMOUNT", "EHOSTDIR": a mount or host folder that cannot be had
 * - "ESTORE", "ESTOREBUSY", "ENOSTORAGE": a persistent store that cannot be
 *   mounted, is in use elsewhere, or has no storage in this browser
 * - "EREADFILE", "EWRITEFILE", "EPACK": files of the box that cannot be read, written or packed
 * - "EFETCH": a download that failed
 * - "ESPAWN": a process the kernel would not start
 * - "EBUSY": a run while another goes on; "EINVAL": an argument out of range
 * - "ETERMINATED", "ERESTARTED", "EWORKER": the box's worker ended
 * - "EINTERNAL": a bug of wasmbox
 * - Node's codes ("ENOENT", "EACCES", ...) for the host's files
 */
export type WasmboxErrorCode =
  | 'EINVALIDMODULE' | 'ENOBLOCKING' | 'ENOJSPI' | 'EIMAGE' | 'EMOUNT' | 'EHOSTDIR'
  | 'ESTORE' | 'ESTOREBUSY' | 'ENOSTORAGE' | 'EREADFILE' | 'EWRITEFILE' | 'EPACK' | 'EFETCH'
  | 'ESPAWN' | 'EBUSY' | 'EINVAL' | 'ETERMINATED' | 'ERESTARTED' | 'EWORKER' | 'EINTERNAL'
  | (string & {});

/** Misuse of the API, or input the box refuses; `code` says which. */
export class WasmboxError extends Error {
  readonly code: WasmboxErrorCode;
}

/** The bytes are not a module the box can run. `code` is "EINVALIDMODULE". */
export class InvalidModuleError extends WasmboxError {}

/** A user's login in the base image: from its /etc/passwd entry. */
export interface Login {
  user: string;
  home: string;
  /** The login shell's path, such as "/bin/ash". */
  shell: string;
}

/**
 * The login of `user` (default "user") in the text of /etc/passwd; a user
 * without an entry logs in to "/" with "/bin/sh".
 */
export function loginOf(passwd: string, user?: string): Login;

/** argv of the login shell: "-" and its name ("-ash"), which makes it read the profile. */
export function loginArgs(login: Login): string[];

/**
 * The environment a login sets before the shell reads its profile: PATH,
 * HOME, USER, LOGNAME, SHELL and TERM (`term`).
 */
export function loginEnvironment(login: Login, term: string): Record<string, string>;

/** What a listener's subscription returns: dispose() detaches it (as xterm.js's). */
export interface IDisposable {
  dispose(): void;
}

/**
 * What every box does, in Node (NodeBox) and in a page (WorkerBox): code
 * written against it runs in both. A Node box does its work at once and a
 * page's in its worker, so some methods return a value in one and a
 * promise in the other: await them.
 */
export interface CommonBox {
  /**
   * Runs a WASI command to completion. Rejects with
   * {@link InvalidModuleError} for a module the box cannot run, before any
   * of it runs.
   */
  run(module: ModuleSource, options?: RunOptions): Promise<RunResult>;
  /**
   * Runs an app image (`wasmbox pack --program`) as `wasmbox run app.img`
   * does: its files become the box's root (changes kept in memory) and its
   * program runs with the image's arguments (after argv[0]), environment
   * and working directory, which those given override.
   */
  runImage(source: Uint8Array | string | URL, options?: RunOptions & { name?: string }): Promise<RunResult>;
  /**
   * Gives the box the files of an image at the absolute path `at`
   * (default "/"): a tar archive is unpacked, a wasmbox image mounted with
   * its changes kept in memory. WasmboxError "EIMAGE" when it is neither.
   */
  loadImage(source: Uint8Array | string | URL, at?: string, options?: { name?: string }): void | Promise<void>;
  /**
   * Mounts a tar archive read-only at the absolute path `at`, read in
   * place. WasmboxError "EIMAGE" for a damaged archive or a place it
   * cannot go.
   */
  mountTar(source: Uint8Array | string | URL, at: string, options?: { name?: string }): void | Promise<void>;
  /**
   * Mounts a wasmbox image (`wasmbox pack`) at the absolute path `at` (at
   * "/", its top-level entries join the root), read-only unless
   * `writable`, and gives its manifest. WasmboxError "EIMAGE" when it is
   * not an image or is damaged.
   */
  mountImage(
    source: Uint8Array | string | URL, at: string, options?: { name?: string; writable?: boolean },
  ): ImageManifest | Promise<ImageManifest>;
  /**
   * Mounts at `at` a writable overlay of the box's folder `upper` over the
   * folders `lowers` (the first on top). WasmboxError "EMOUNT".
   */
  mountOverlay(at: string, layers: { upper: string; lowers: string[] }): void | Promise<void>;
  /** The bytes of the file at the absolute `path` (WasmboxError "EREADFILE" naming the errno). */
  readFile(path: string): Uint8Array | Promise<Uint8Array>;
  /**
   * Makes `data` (a string is written as UTF-8) the whole content of the
   * file at the absolute `path`, created with permission bits `mode`
   * (default 0o644) or truncated; with `parents`, missing directories are
   * made. WasmboxError "EWRITEFILE" naming the errno.
   */
  writeFile(path: string, data: Uint8Array | string, options?: { mode?: number; parents?: boolean }): void | Promise<void>;
  /** The terminal's size in character cells that guests see; a change is a SIGWINCH. */
  resizeTerminal(cols: number, rows: number): void;
  /** Sends signal `sig` (default 15, SIGTERM) to the running process; WasmboxError "EINVAL" for a number not 1 to 31. */
  kill(sig?: number): void;
  /** Hears each run's result as it ends. */
  onExit(listener: (result: RunResult) => void): IDisposable;
  /** Ends the box's workers and detaches its listeners; the box cannot be used afterwards. */
  dispose(): void;
}

/** What createBox takes in Node and in a page alike (each adds its own). */
export interface CommonBoxOptions {
  /**
   * stdin and the outputs are a terminal: in Node this process's (default:
   * when it has one), in a page an xterm.js Terminal ("wasmbox/terminal"; default false).
   */
  terminal?: boolean;
  /** Descriptors one process may hold (EMFILE past it). Default 1024. */
  maxFds?: number;
  /** Bytes of file data the in-memory filesystem may hold (ENOSPC past it). Default 1 GiB. */
  memfsCapacity?: number;
}
