// A box: one kernel with its filesystem, and the processes running in it.
// Host differences (clocks, streams, how to wait) come in as a BoxHost.

import { ERRNO_NAMES, Errno } from './abi.js';
import { makeBlocker, makeChangeBlocker } from './blocking.js';
import { InvalidModuleError, WasmboxError } from './errors.js';
import { EventEmitter } from './event-emitter.js';
import { GuestMemories } from './guest-memory.js';
import { isImage, sharedFiles } from './host-files.js';
import { imageCommand } from './image-command.js';
import { Kernel } from './kernel.js';
import { outputSink, routedHost } from './output-sinks.js';
import { Processes, cleanMessage } from './processes.js';
import { ProgramModules, checkModule } from './program-modules.js';
import { Signal, isSignal } from './signals.js';
import { ProcessThreads } from './threads/process-threads.js';
import { Turns } from './turns.js';

// Bytes a pipe holds. Nested, a spawned process runs while its parent
// waits (see processes.js), so a child must be able to write all its
// parent reads. Side by side, as Linux's largest (pipe-max-size): a writer
// waits for its reader, as on Linux, without waking it every 64 KiB.
const NESTED_PIPE_CAPACITY = 16 << 20;
const PIPE_CAPACITY = 1 << 20;
// Bytes of file data a persistent store holds by default.
const STORE_CAPACITY = 256 << 20;

/**
 * Compiles `bytes` and checks the box can run it: valid WebAssembly, only
 * WASI preview1 imports, a memory and a `_start` export.
 * @param {BufferSource | WebAssembly.Module} source
 * @param {string} [name]  how errors name the module
 */
export async function compileModule(source, name = 'the module') {
  let module = source;
  if (!(source instanceof WebAssembly.Module)) {
    try {
      module = await WebAssembly.compile(source);
    } catch (e) {
      throw new InvalidModuleError(`${name} is not a valid WebAssembly module (${cleanMessage(e)})`);
    }
  }
  return checkModule(module, name);
}

/**
 * @typedef {object} RunResult
 * @property {number} exitCode
 * @property {number} [signal]  the signal that ended the process (then
 *   exitCode is 128 + signal), e.g. 2 for ^C on the terminal
 * @property {{message: string, function: string | null}} [trap]
 */

// The bytes of a module given as a BufferSource; none for a compiled one.
function bytesOf(source) {
  if (source instanceof WebAssembly.Module) return undefined;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return new Uint8Array(source);
}

// A negative errno's name (ENOENT), for messages.
const errnoName = (r) => ERRNO_NAMES[-r] ?? `errno ${-r}`;

export class Box {
  /**
   * @template {typeof Box} T
   * @this {T}
   * @param {object} options
   * @param {BufferSource | WebAssembly.Module} options.kernelWasm  kernel.wasm
   * @param {import('../../types/node.js').BoxHost} options.host
   *   with `terminal: true`, stdin is a terminal the kernel disciplines;
   *   with `suspending: true`, processes take turns on this thread under
   *   JSPI (turns.js) and the host feeds its input as it arrives
   *   (`feedInput`)
   * @param {number} [options.maxFds]
   * @param {number} [options.memfsCapacity]  bytes of file data in memory
   * @param {true | import('./kernel.js').SharedKernel} [options.shared]  the
   *   kernel is on shared memory (then kernelWasm is kernel-shared.wasm):
   *   true for a new kernel, or how to attach to a running one
   * @param {boolean} [options.threads]  each process runs in a worker of
   *   its own, side by side (threads/process-threads.js): the kernel is on
   *   shared memory, kernelWasm is kernel-shared.wasm, and the host can
   *   start workers (`startThread`) and feeds its input as it arrives
   *   (`feedInput`)
   * @returns {Promise<InstanceType<T>>}
   */
  static async create({ kernelWasm, host: given, maxFds = 1024, memfsCapacity = 1 << 30, shared = undefined, threads = false }) {
    const host = routedHost(given);
    if (host.suspending && typeof WebAssembly.Suspending !== 'function') {
      throw new WasmboxError('this engine has no JSPI (WebAssembly.Suspending)', 'ENOJSPI');
    }
    const memories = new GuestMemories();
    const kernel = await Kernel.load({
      wasm: kernelWasm,
      host,
      memories,
      config: {
        maxFds, memfsCapacity, stdinTty: Boolean(host.terminal),
        pipeCapacity: threads || host.suspending ? PIPE_CAPACITY : NESTED_PIPE_CAPACITY,
      },
      shared: threads || shared,
    });
    const size = host.terminalSize?.();
    if (size) kernel.resizeTerminal(size.cols, size.rows);
    const box = new this(kernel, memories, host);
    if (threads) {
      box._threads = new ProcessThreads({
        kernel,
        kernelModule: kernelWasm instanceof WebAssembly.Module ? kernelWasm : await WebAssembly.compile(kernelWasm),
        startThread: () => host.startThread(),
        hostConfig: () => ({
          ...host.threadConfig?.(),
          stores: sharedFiles(host.stores),
          images: sharedFiles(host.images),
          // Output a run takes itself comes back from the workers.
          captured: host.sinks.map(Boolean),
        }),
        hostMessage: (/** @type {any} */ message) => {
          const sink = message.type === 'output' && host.sinks[message.stream];
          if (sink) sink(message.data);
          else host.threadMessage?.(message);
        },
      });
    }
    return /** @type {InstanceType<T>} */ (box);
  }

  /**
   * How another instance attaches to this box's kernel (Box.create's
   * `shared`, with a slot of its own), or null when the kernel is not on
   * shared memory.
   * @returns {{memory: WebAssembly.Memory, gate: number} | null}
   */
  get sharedKernel() {
    const { gate, memory } = this._kernel;
    return gate ? { memory, gate: gate.address } : null;
  }

  /** Sets the size (character cells) of the terminal guests see. */
  resizeTerminal(cols, rows) {
    this._kernel.resizeTerminal(cols, rows);
  }

  constructor(kernel, memories, host) {
    this._kernel = kernel;
    this._memories = memories;
    this._host = host;
    /** With JSPI, processes take turns on this thread. */
    this._turns = host.suspending ? new Turns(kernel) : null;
    // Taking turns, every program needs preemption points.
    this._modules = new ProgramModules(Boolean(this._turns));
    const processes = new Processes(kernel, memories, host, { turns: this._turns, modules: this._modules });
    const runHandler = (pid, entry, sig) => processes.callGuest(pid, entry, sig);
    processes.block = this._turns
      ? makeChangeBlocker(kernel, host, runHandler, this._turns)
      : makeBlocker(kernel, host, { runHandler, runOthers: () => processes.runPending() });
    this._processes = processes;
    /** @type {ProcessThreads | null} */
    this._threads = null;
    // The process run() started, while it runs; and whether a run is under
    // way (from before its module is compiled).
    this._runPid = null;
    this._busy = false;
    this._exits = new EventEmitter();
    /** Hears each run's result as it ends; returns what detaches the listener. */
    this.onExit = this._exits.event;
  }

  /** Ends the workers of a box whose processes run side by side, and detaches the listeners. */
  dispose() {
    this._threads?.dispose();
    this._exits.dispose();
  }

  /**
   * Makes host directory `mount` (registered with the host's fs) available:
   * mounted into the box tree at the absolute path `at` (by default `guest`
   * when that is absolute), and returned as a preopen named `guest` for
   * run().
   * @returns {{name: string, handle: number}}
   */
  attachHostDir(mount, guest, at = guest) {
    const handle = this._kernel.hostDir(mount);
    if (handle < 0) throw new WasmboxError(`cannot open host directory for ${guest}: ${errnoName(handle)}`, 'EHOSTDIR');
    if (at.startsWith('/') && at !== '/') {
      const r = this._kernel.mount(at, handle);
      if (r < 0) throw new WasmboxError(`cannot mount at ${at}: ${errnoName(r)}`, 'EMOUNT');
    }
    return { name: guest, handle };
  }

  /**
   * Gives the box the files of an image at the absolute path `at`: a tar
   * archive is unpacked (`at` made if missing); a wasmbox image (such as
   * wasmbox_add_executable's FILES packs) is mounted, its changes kept in
   * memory (see mountImage), as is an ImageSource.
   * @param {Uint8Array | import('./host-files.js').ImageSource} source
   * @param {string} [at]
   * @param {{name?: string}} [options]  `name`: how errors name the image
   */
  loadImage(source, at = '/', { name = 'the image' } = {}) {
    if (!(source instanceof Uint8Array) || isImage(source)) {
      this.mountImage(source, at, { name, writable: true });
      return;
    }
    const r = this._kernel.loadImage(at, source);
    if (r === -Errno.INVAL) throw new WasmboxError(`${name} is neither a wasmbox image nor a valid tar archive`, 'EIMAGE');
    if (r < 0) throw new WasmboxError(`cannot unpack the image at ${at}: ${errnoName(r)}`, 'EIMAGE');
  }

  /**
   * Mounts a tar archive (ustar, pax or GNU) read-only at the absolute path
   * `at`, read in place: its index is read once and its files' bytes are
   * the archive's own, copied once into the box; every change under `at`
   * answers EROFS. `at` is created if missing, or may be an empty
   * directory. Given an ImageSource instead of bytes, the archive is read
   * where it is: its headers at the mount (64 KiB at a time), a file's
   * bytes when first read.
   * @param {Uint8Array | import('./host-files.js').ImageSource} source
   * @param {string} at
   * @param {{name?: string}} [options]  `name`: how errors name the archive
   */
  mountTar(source, at, { name = 'the archive' } = {}) {
    const r = this._withSource(source, (from) => this._kernel.mountTar(at, from));
    if (r === -Errno.INVAL) throw new WasmboxError(`${name} is not a valid tar archive`, 'EIMAGE');
    if (r < 0) throw new WasmboxError(`cannot mount ${name} at ${at}: ${errnoName(r)}`, 'EIMAGE');
  }

  // Calls `mount` with bytes as they are, or with the number under which
  // an ImageSource is kept for the kernel to read.
  _withSource(source, mount) {
    return source instanceof Uint8Array ? mount(source) : this._kept('images', source, mount);
  }

  // Keeps `value` in the host's table `table` (stores, images: what the
  // kernel reaches by number) under a new number, given to `mount`; taken
  // out again if it fails (a negative errno).
  _kept(table, value, mount) {
    const entries = (this._host[table] ??= new Map());
    const id = entries.size + 1;
    entries.set(id, value);
    const r = mount(id);
    if (typeof r === 'number' && r < 0) entries.delete(id);
    return r;
  }

  /**
   * Mounts a persistent store at the absolute path `at`: a directory whose
   * files live in memory and whose changes go to `files` (core/host-files.js)
   * as commits, each written whole or not at all, when a changed file is
   * synced or closed and at the latest at the next commitStores(). Mounted
   * again from the same files, it holds what the last whole commit did.
   * @param {string} at
   * @param {import('./host-files.js').StoreFiles} files
   * @param {object} [options]
   * @param {string} [options.name]  how errors name the store
   * @param {number} [options.capacity]  bytes of file data it may hold
   *   (more is ENOSPC to the guest)
   */
  mountStore(at, files, { name = 'the store', capacity = STORE_CAPACITY } = {}) {
    const [a, b] = files.read();
    const r = this._kept('stores', files, (id) => this._kernel.mountStore(at, id, a, b, capacity));
    if (r === -Errno.NOSPC) throw new WasmboxError(`${name} holds more than its capacity of ${capacity} bytes`, 'ESTORE');
    if (r < 0) throw new WasmboxError(`cannot mount ${name} at ${at}: ${errnoName(r)}`, 'ESTORE');
  }

  /**
   * Mounts a wasmbox image (`wasmbox pack`) read-only at the absolute path
   * `at`: bytes in memory, or an ImageSource (core/host-files.js) whose
   * blocks are read as programs first read them. Every block is checked
   * against its CRC: damage is EIO to the program, never wrong bytes. At
   * "/", the image's top-level entries join the root (but /dev), as a
   * container's image is its root. With `writable`, its folders take
   * changes, kept in memory (an overlay over each, as a container's
   * writable layer). Returns its manifest ({} if none): `program`,
   * `args`, `env`, `cwd`, as `wasmbox pack` wrote them.
   * @param {Uint8Array | import('./host-files.js').ImageSource} source
   * @param {string} at
   * @param {{name?: string, writable?: boolean}} [options]  `name`: how
   *   errors name the image
   */
  mountImage(source, at, { name = 'the image', writable = false } = {}) {
    const r = this._withSource(source, (from) => this._kernel.mountImage(at, from, writable));
    if (r === -Errno.INVAL) throw new WasmboxError(`${name} is not a wasmbox image, or is damaged`, 'EIMAGE');
    if (typeof r === 'number') throw new WasmboxError(`cannot mount ${name} at ${at}: ${errnoName(r)}`, 'EIMAGE');
    try {
      return r ? JSON.parse(r) : {};
    } catch {
      throw new WasmboxError(`${name} has a manifest that is not JSON`, 'EIMAGE');
    }
  }

  /**
   * Runs an app image (`wasmbox pack --program`), as `wasmbox run app.img`
   * does: its files become the box's root (read as used, changes kept in
   * memory) and its program runs with the image's arguments, environment
   * and working directory; `args` (after argv[0]), `env` and `cwd` given
   * override them. Other options as run()'s.
   * @param {Uint8Array | import('./host-files.js').ImageSource} source
   * @param {import('../../types/core.js').RunOptions & {name?: string}} [options]
   * @returns {Promise<RunResult>}
   */
  async runImage(source, { args, env, cwd, name = 'the image', ...options } = {}) {
    const manifest = this.mountImage(source, '/', { name, writable: true });
    const { program, ...command } = imageCommand(manifest, { args, env, cwd }, name);
    return this.run(this.readFile(program), { preopens: [{ name: '/', path: '/' }], ...options, ...command });
  }

  /**
   * Mounts at `at` a writable overlay of the folder `upper` over the
   * folders `lowers` (the first on top; all absolute paths of the box), as
   * a container's layers: reads see the upper folder, else the first lower
   * one that has the name; changes go to the upper folder (a lower file is
   * copied up first; a removed lower name is hidden by a ".wh.NAME"
   * whiteout there). With a store as `upper`, the changes to a read-only
   * image are kept on their own, there again in the next session.
   * @param {string} at
   * @param {{upper: string, lowers: string[]}} layers
   */
  mountOverlay(at, { upper, lowers }) {
    const r = this._kernel.mountOverlay(at, upper, lowers);
    if (r < 0) throw new WasmboxError(`cannot mount the overlay of ${upper} over ${lowers.join(', ')} at ${at}: ${errnoName(r)}`, 'EMOUNT');
  }

  /**
   * A wasmbox image of the box's tree at `path` (files, folders, symlinks,
   * hard links, permission bits, times), with `manifest` (see mountImage).
   * @param {string} path
   * @param {object} [manifest]
   * @returns {Uint8Array}
   */
  packImage(path, manifest = {}) {
    const r = this._kernel.packImage(path, JSON.stringify(manifest));
    if (typeof r === 'number') throw new WasmboxError(`cannot pack ${path}: ${errnoName(r)}`, 'EPACK');
    return r;
  }

  /**
   * Commits what changed in the persistent stores since their last commit
   * (a runtime calls it shortly after changes): 0, or the first negative
   * errno (-ENOSPC: the storage is full; the changes stay in memory and go
   * out at a later commit).
   */
  commitStores() {
    return this._host.stores?.size ? this._kernel.commitStores() : 0;
  }

  /**
   * The bytes of a file of the box.
   * @param {string} path  absolute; symlinks are followed
   * @returns {Uint8Array}
   */
  readFile(path) {
    const r = this._kernel.readFile(String(path));
    if (typeof r === 'number') throw new WasmboxError(`cannot read ${path}: ${errnoName(r)}`, 'EREADFILE');
    return r;
  }

  /**
   * Makes `data` the whole content of a file of the box, created or
   * truncated.
   * @param {string} path  absolute
   * @param {Uint8Array | string} data  a string is written as UTF-8
   * @param {{mode?: number, parents?: boolean}} [options]  `mode`: the
   *   permission bits of a new file (default 0o644; 0o755 makes a program
   *   the shell finds on PATH); `parents`: make missing directories, as
   *   mkdir -p (else the directory must exist)
   */
  writeFile(path, data, { mode = 0o644, parents = false } = {}) {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const r = this._kernel.writeFile(String(path), bytes, mode, parents);
    if (r < 0) throw new WasmboxError(`cannot write ${path}: ${errnoName(r)}`, 'EWRITEFILE');
  }

  /**
   * Runs a WASI command to completion.
   * @param {BufferSource | WebAssembly.Module} module
   * @param {object} [options]
   * @param {string[]} [options.args]  argv, including argv[0]
   * @param {Record<string, string>} [options.env]
   * @param {import('../../types/core.js').Preopen[]} [options.preopens]  box
   *   directories given to the guest, as fds 3, 4, ... (default: "/")
   * @param {string} [options.cwd]  the working directory of Emscripten-built
   *   programs (an absolute path of the box; WASI has none)
   * @param {Uint8Array | string | null} [options.stdin]  in a box without a
   *   terminal: the bytes the process reads before end of file, or null for
   *   a fresh stdin the host feeds (default: stdin as the last process left it)
   * @param {boolean | ((line: string) => void)} [options.trace]  write a
   *   line for each call the process and those it spawns make to the kernel,
   *   like strace (trace.js): to the host's stderr (stream 2) when true
   * @param {import('./output-sinks.js').OutputTarget} [options.stdout]
   *   what the processes write to stdout goes here instead of to the host
   * @param {import('./output-sinks.js').OutputTarget} [options.stderr]
   * @returns {Promise<RunResult>}
   */
  async run(module, {
    args = ['main'], env = {}, preopens = [{ name: '/', path: '/' }], cwd = '/', stdin, trace, stdout, stderr,
  } = {}) {
    if (this._threads && typeof trace === 'function') {
      throw new WasmboxError('a box whose processes run in workers traces to stderr only: pass trace: true', 'EINVAL');
    }
    const sideBySide = Boolean(this._threads || this._turns);
    if (sideBySide && this._busy) throw new WasmboxError('the box is already running a process', 'EBUSY');
    const sinks = [null, outputSink(stdout, 'stdout'), outputSink(stderr, 'stderr')];
    this._busy = true;
    let stopInput = null;
    let entered = false;
    try {
      this._host.sinks.splice(0, 3, ...sinks);
      const sink = this._traceSink(trace);
      const compiled = await compileModule(module);
      if (stdin !== undefined) this._giveStdin(stdin);
      const pid = this._spawn(args, env, preopens, cwd);
      this._runPid = pid;
      // Processes side by side wait on the kernel alone: the host's input
      // goes to it as it arrives (unless run() was given all of it).
      if (sideBySide && (stdin === undefined || stdin === null)) stopInput = this._feedHostInput();
      if (this._host.terminal) this._host.enterTerminal?.();
      entered = this._host.terminal;
      const runnable = this._modules.runnable(bytesOf(module), compiled);
      const result = this._threads
        ? await this._threads.run(pid, runnable, { traced: Boolean(sink) })
        : await this._processes.run(pid, runnable, { trace: sink });
      // Output the run takes itself comes from the processes' workers as
      // messages, some maybe still on their way: a turn of the event loop
      // lets them in before the run's output ends.
      if (this._threads && sinks.some(Boolean)) await new Promise((resolve) => { setTimeout(resolve, 0); });
      this._exits.fire(result);
      return result;
    } finally {
      this._host.sinks.fill(null);
      this._busy = false;
      this._runPid = null;
      // What the run changed in the stores and did not sync goes out now.
      this.commitStores();
      stopInput?.();
      if (entered) this._host.leaveTerminal?.();
    }
  }

  /**
   * Sends signal `sig` (default SIGTERM) to the process run() started, as
   * kill(2) would. In a box whose processes run in workers it ends even a
   * process that computes without calling the kernel; nested, a process
   * notices when it next calls the kernel.
   * @param {number} [sig]
   */
  kill(sig = Signal.TERM) {
    if (!isSignal(sig)) throw new WasmboxError(`kill: ${sig} is not a signal (1 to 31)`, 'EINVAL');
    if (this._runPid !== null) this._kernel.kill(this._runPid, sig);
    this._turns?.wake();
  }

  // Processes taking turns wait for the kernel to change: each input wakes
  // those it concerns.
  _feedHostInput() {
    const woken = (fn) => (...args) => {
      fn(...args);
      this._turns?.wake();
    };
    return this._host.feedInput({
      data: woken((bytes) => this._kernel.feedInput(0, bytes)),
      end: woken(() => this._kernel.closeInput(0)),
      resize: woken((cols, rows) => this._kernel.resizeTerminal(cols, rows)),
      signal: (sig) => this.kill(sig),
    });
  }

  _traceSink(trace) {
    if (trace === undefined || trace === false) return undefined;
    if (typeof trace === 'function') return trace;
    if (trace === true) {
      const encoder = new TextEncoder();
      return (line) => this._host.streamWrite(2, encoder.encode(`${line}\n`));
    }
    throw new WasmboxError('the trace option must be a boolean or a function', 'EINVAL');
  }

  _giveStdin(stdin) {
    this._kernel.reopenInput(0);
    if (stdin === null) return;
    this._kernel.feedInput(0, typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin);
    this._kernel.closeInput(0);
  }

  // Preopens name a box path or, for host mounts, a directory handle.
  _spawn(args, env, preopens, cwd) {
    const handles = preopens.map(({ name, path, handle }) => {
      const h = handle ?? this._kernel.boxDir(path);
      if (h < 0) throw new WasmboxError(`cannot preopen ${path}: ${errnoName(h)}`, errnoName(h));
      return { name, handle: h };
    });
    const envList = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const pid = this._kernel.spawn(args.map(String), envList, handles, cwd);
    if (pid < 0) throw new WasmboxError(`cannot start the process: ${errnoName(pid)}`, 'ESPAWN');
    return pid;
  }
}
