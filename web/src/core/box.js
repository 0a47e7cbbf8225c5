// A box: one kernel with its filesystem, and the processes running in it.
// Host differences (clocks, streams, how to wait) come in as a BoxHost.

import { Errno, IMPORT_SIGNATURES, SYSCALL_MODULE } from './abi.js';
import { makeBlocker } from './blocking.js';
import { emscriptenGlue, isGlueImport } from './emscripten-glue.js';
import { InvalidModuleError, ProcessExit, WasmboxError } from './errors.js';
import { GuestMemories } from './guest-memory.js';
import { wasiImports } from './imports.js';
import { Kernel } from './kernel.js';

const TRAP_EXIT_STATUS = 134;  // as wasmtime: 128 + SIGABRT

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
  for (const imp of WebAssembly.Module.imports(module)) {
    const known = Object.hasOwn(IMPORT_SIGNATURES[imp.module] ?? {}, imp.name) ||
      (imp.module === SYSCALL_MODULE && isGlueImport(imp.name));
    if (imp.kind !== 'function' || !known) {
      throw new InvalidModuleError(
        `${name} imports ${imp.kind} ${imp.module}.${imp.name}, which wasmbox does not provide`);
    }
  }
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  if (exports.get('_start') !== 'function') {
    throw new InvalidModuleError(`${name} has no _start function: it is not a WASI command`);
  }
  if (exports.get('memory') !== 'memory') {
    throw new InvalidModuleError(`${name} exports no memory`);
  }
  return module;
}

// V8 prefixes messages with the API that failed; users need only the reason.
function cleanMessage(e) {
  return String(e.message).replace(/^WebAssembly\.\w+\(\): /, '');
}

// The innermost guest function of a trap's stack: its name when the module
// has a name section, else its index and code offset (V8's own format), or
// the code offset (where a tool such as Jest reformats stacks).
function trapFunction(e) {
  for (const line of String(e.stack ?? '').split('\n')) {
    const frame = /at (?:(\S+) \()?wasm:\/\/[^:]*:(?:(wasm-function\[\d+\](?::0x[0-9a-f]+)?)|\d+:(\d+))/.exec(line);
    if (!frame) continue;
    if (frame[1] && !frame[1].includes('<anonymous>')) return frame[1];
    return frame[2] ?? `code offset 0x${Number(frame[3]).toString(16)}`;
  }
  return null;
}

function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
}

/**
 * @typedef {object} RunResult
 * @property {number} exitCode
 * @property {number} [signal]  the signal that ended the process (then
 *   exitCode is 128 + signal), e.g. 2 for ^C on the terminal
 * @property {{message: string, function: string | null}} [trap]
 */

export class Box {
  /**
   * @param {object} options
   * @param {BufferSource | WebAssembly.Module} options.kernelWasm  kernel.wasm
   * @param {import('./kernel.js').KernelHost & {waitInput: Function}} options.host
   *   with `terminal: true`, stdin is a terminal the kernel disciplines;
   *   with `suspending: true`, its waitInput returns promises and guests
   *   wait suspended by JSPI
   * @param {number} [options.maxFds]
   * @param {number} [options.memfsCapacity]  bytes of file data in memory
   */
  static async create({ kernelWasm, host, maxFds = 1024, memfsCapacity = 1 << 30 }) {
    if (host.suspending && typeof WebAssembly.Suspending !== 'function') {
      throw new WasmboxError('this engine has no JSPI (WebAssembly.Suspending)', 'ENOJSPI');
    }
    const memories = new GuestMemories();
    const kernel = await Kernel.load({
      wasm: kernelWasm,
      host,
      memories,
      config: { maxFds, memfsCapacity, stdinTty: Boolean(host.terminal) },
    });
    const size = host.terminalSize?.();
    if (size) kernel.resizeTerminal(size.cols, size.rows);
    return new this(kernel, memories, host);
  }

  /** Sets the size (character cells) of the terminal guests see. */
  resizeTerminal(cols, rows) {
    this._kernel.resizeTerminal(cols, rows);
  }

  constructor(kernel, memories, host) {
    this._kernel = kernel;
    this._memories = memories;
    this._host = host;
    // Each running guest's function table, where its signal dispatcher is.
    this._tables = new Map();
    this._suspending = Boolean(host.suspending);
    this._block = makeBlocker(kernel, host, (pid, entry, sig) => this._callGuest(pid, entry, sig));
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
    if (handle < 0) throw new WasmboxError(`cannot open host directory for ${guest}: errno ${-handle}`, 'EHOSTDIR');
    if (at.startsWith('/') && at !== '/') {
      const r = this._kernel.mount(at, handle);
      if (r < 0) throw new WasmboxError(`cannot mount at ${at}: errno ${-r}`, 'EMOUNT');
    }
    return { name: guest, handle };
  }

  /**
   * Unpacks a filesystem image (a tar archive, such as the one
   * wasmbox_add_executable's FILES packs) into the box at the absolute
   * path `at`, creating it if missing.
   * @param {Uint8Array} bytes
   * @param {string} [at]
   * @param {string} [name]  how errors name the image
   */
  loadImage(bytes, at = '/', name = 'the image') {
    const r = this._kernel.loadImage(at, bytes);
    if (r === -Errno.INVAL) throw new WasmboxError(`${name} is not a valid tar archive`, 'EIMAGE');
    if (r < 0) throw new WasmboxError(`cannot unpack the image at ${at}: errno ${-r}`, 'EIMAGE');
  }

  /**
   * Runs a WASI command to completion.
   * @param {BufferSource | WebAssembly.Module} module
   * @param {object} [options]
   * @param {string[]} [options.args]  argv, including argv[0]
   * @param {Record<string, string>} [options.env]
   * @param {{name: string, path: string}[]} [options.preopens]  box
   *   directories given to the guest, as fds 3, 4, ... (default: "/")
   * @param {string} [options.cwd]  the working directory of Emscripten-built
   *   programs (an absolute path of the box; WASI has none)
   * @param {Uint8Array | string | null} [options.stdin]  in a box without a
   *   terminal: the bytes the process reads before end of file, or null for
   *   a fresh stdin the host feeds (default: stdin as the last process left it)
   * @returns {Promise<RunResult>}
   */
  async run(module, { args = ['main'], env = {}, preopens = [{ name: '/', path: '/' }], cwd = '/', stdin } = {}) {
    const compiled = await compileModule(module);
    if (stdin !== undefined) this._giveStdin(stdin);
    const pid = this._spawn(args, env, preopens, cwd);
    if (this._host.terminal) this._host.enterTerminal?.();
    try {
      const imports = wasiImports(this._kernel.exports, this._kernel.adapter, pid, this._block, this._suspending);
      const glue = emscriptenGlue(compiled, this._suspending);
      imports[SYSCALL_MODULE] = { ...imports[SYSCALL_MODULE], ...glue.imports };
      const instance = await WebAssembly.instantiate(compiled, imports);
      glue.attach(instance);
      this._memories.attach(pid, instance.exports.memory);
      const table = instance.exports.__indirect_function_table;
      if (table instanceof WebAssembly.Table) this._tables.set(pid, table);
      return await this._start(instance, pid);
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) {
        throw new InvalidModuleError(`the module cannot be linked (${cleanMessage(e)})`);
      }
      throw e;
    } finally {
      if (this._host.terminal) this._host.leaveTerminal?.();
      this._memories.detach(pid);
      this._tables.delete(pid);
      this._kernel.reap(pid);
    }
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
      if (h < 0) throw new WasmboxError(`cannot preopen ${path}: errno ${-h}`, 'ENOENT');
      return { name, handle: h };
    });
    const envList = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const pid = this._kernel.spawn(args.map(String), envList, handles, cwd);
    if (pid < 0) throw new WasmboxError(`cannot start the process: errno ${-pid}`, 'ESPAWN');
    return pid;
  }

  // A guest function, by its table index, on its own stack when the guest
  // may suspend in it.
  _callGuest(pid, index, ...args) {
    const fn = this._tables.get(pid)?.get(index);
    if (!fn) return undefined;
    return this._suspending ? WebAssembly.promising(fn)(...args) : fn(...args);
  }

  async _start(instance, pid) {
    try {
      const start = instance.exports._start;
      await (this._suspending ? WebAssembly.promising(start)() : start());
      return { exitCode: 0 };
    } catch (e) {
      if (e instanceof ProcessExit) {
        const signal = this._kernel.termSignal(pid);
        return signal ? { exitCode: e.code, signal } : { exitCode: e.code };
      }
      if (isTrap(e)) {
        return {
          exitCode: TRAP_EXIT_STATUS,
          trap: { message: cleanMessage(e), function: trapFunction(e) },
        };
      }
      throw e;
    }
  }
}
