// Loads the kernel (kernel.wasm built by Emscripten) and wraps its two
// interfaces: the hot-path exports `wb_*` and the Embind control API.

import createKernelModule from '../../dist/kernel.mjs';
import { Errno, blockingImports } from './abi.js';
import { compileWasiAdapter } from './imports.js';
import { KernelGate } from './kernel-gate.js';

/**
 * @typedef {Omit<import('../../types/node.js').BoxHost, 'waitInput'>} KernelHost
 *   What the kernel asks of the host (waiting for input is the box's).
 */
/**
 * @typedef {object} SharedKernel  How another instance attaches to a kernel
 *   on shared memory: its memory, its gate, a slot of its own, and a stack.
 * @property {WebAssembly.Memory} memory
 * @property {number} gate
 * @property {number} slot
 * @property {number} stack
 */

// The stack of each instance of a kernel on shared memory (as the
// first's: -sTOTAL_STACK in shim/CMakeLists.txt).
const KERNEL_STACK_BYTES = 256 << 10;
// The top of a stack from allocStack(): the C ABI keeps the stack pointer
// 16-byte aligned, and malloc aligns to 8 only.
const STACK_ALIGN = 16;
const alignedTop = (stack) => {
  const top = stack + KERNEL_STACK_BYTES;
  return top - (top % STACK_ALIGN);
};

// Up to `length` bytes of an image the host reads, or -errno for the kernel.
function readImage(source, offset, length) {
  if (!source) return -Errno.NOSYS;
  try {
    const bytes = source.read(offset, length);
    return bytes.length <= length ? bytes : -Errno.IO;
  } catch {
    return -Errno.IO;
  }
}

export class Kernel {
  /**
   * @param {object} options
   * @param {BufferSource | WebAssembly.Module} options.wasm  kernel.wasm, as
   *   bytes or compiled (a page compiles it once for all its boxes), or
   *   kernel-shared.wasm with `shared`
   * @param {KernelHost} options.host
   * @param {import('./guest-memory.js').GuestMemories} options.memories
   * @param {{maxFds: number, memfsCapacity: number, stdinTty: boolean, pipeCapacity: number}} [options.config]
   *   the new kernel's settings (not for an attached instance)
   * @param {true | SharedKernel} [options.shared]
   *   a kernel on shared memory: true for a new one; or another instance
   *   of a running one (`memory` and `gate` are its own, `slot` the
   *   instance slot this one takes, `stack` the stack it runs on, from
   *   allocStack())
   */
  static async load({ wasm, host, memories, config, shared }) {
    const attach = typeof shared === 'object';
    // Every instance of a kernel on shared memory has its own stack: code
    // outside the gate (an export's prologue, Embind's marshalling) runs
    // on it. It is set before the constructors run.
    const onStack = (instance) => {
      if (attach) instance.exports.stackRestore(alignedTop(shared.stack));
      return instance;
    };
    const compiled = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
    // A new instance of a running kernel runs its constructors (which
    // Emscripten calls as the instance is received) inside the gate.
    const gate = attach ? new KernelGate(shared.memory, shared.gate) : null;
    // The instance and its memory, as WebAssembly gives them: Emscripten's
    // own names for them (Module.asm, wasmMemory) change between releases.
    let exports = null;
    let memory = null;
    const source = {
      instantiateWasm: (imports, receive) => {
        WebAssembly.instantiate(compiled, imports).then((instance) => {
          ({ exports } = instance);
          memory = instance.exports.memory ?? imports.env.memory;
          gate?.lock();
          try {
            receive(onStack(instance), compiled);
          } finally {
            gate?.unlock();
          }
        });
        return {};
      },
    };
    const create = shared ? (await import('../../dist/kernel-shared.mjs')).default : createKernelModule;
    const module = await create({
      ...source,
      ...(attach ? { wasmMemory: shared.memory } : {}),
      wasmboxHost: {
        guestView: (pid, addr, len) => memories.view(pid, addr, len),
        guestSize: (pid) => memories.size(pid),
        clock: (id) => host.clock(id),
        random: (out) => host.random(out),
        streamWrite: (stream, bytes) => host.streamWrite(stream, bytes),
        isatty: (stream) => host.isatty(stream),
        interruptKey: (key) => host.interruptKey?.(key),
        storeWrite: (store, file, offset, bytes) => host.stores?.get(store)?.write(file, offset, bytes) ?? -Errno.NOSYS,
        imageRead: (image, offset, length) => readImage(host.images?.get(image), offset, length),
        fs: host.fs ?? null,
      },
    });
    if (attach) exports.wb_gate_attach(shared.slot);
    else module.boot(config);
    const blocking = blockingImports(Object.keys(exports));
    const kernel = new Kernel(module, exports, memory, await compileWasiAdapter(blocking), blocking);
    if (shared) kernel.gate = gate ?? new KernelGate(memory, exports.wb_gate());
    kernel._slot = attach ? shared.slot : 0;
    // Outside any call, the stack is empty.
    kernel._stackTop = exports.stackSave();
    return kernel;
  }

  constructor(module, exports, memory, adapter, blocking) {
    // Set by load(): this instance's slot of the gate, and its stack's top
    // outside any call; and where the count of changes is, once asked.
    this._slot = 0;
    this._stackTop = 0;
    /** @type {number | undefined} */
    this._changesAt = undefined;
    this._module = module;
    /**
     * The gate of a kernel on shared memory (kernel-gate.js), else null.
     * @type {KernelGate | null}
     */
    this.gate = null;
    /** The kernel's memory: shared by its instances for a kernel on shared memory. */
    this.memory = memory;
    /** The raw wasm exports: wb_<wasi name>(pid, ...args) → errno. */
    this.exports = exports;
    /** Binds guests to the exports (imports.js). */
    this.adapter = adapter;
    /** The imports that may answer "would block" (abi.js blockingImports). */
    this.blocking = blocking;
  }

  /**
   * A stack for another instance of this kernel on shared memory (see
   * load); freeStack gives it back once that instance's worker is gone.
   */
  allocStack() {
    const at = this._module._malloc(KERNEL_STACK_BYTES);
    if (!at) throw new Error('the kernel has no memory left for a stack');
    return at;
  }

  freeStack(at) {
    this._module._free(at);
  }

  /**
   * Counts the kernel's exits that changed its state (gate.cpp, on shared
   * memory or not): read it before a call, and see it move once another
   * process or the host changed something.
   */
  changes() {
    if (this.gate) return this.gate.changes();
    this._changesAt ??= (this.exports.wb_gate() >>> 2) + 1;
    return new Int32Array(this.memory.buffer)[this._changesAt];
  }

  /**
   * After a process's run ended in an exception: if this instance still
   * holds the gate, the kernel trapped (or a host function threw) inside a
   * call, and nothing unwound its guard (the kernel is built without
   * exceptions). The gate is released and the stack emptied, so that the
   * box goes on instead of waiting forever; true if it was.
   */
  recoverFromFault() {
    // On unshared memory the gate's view is made now: growth detaches one.
    const gate = this.gate ?? new KernelGate(this.memory, this.exports.wb_gate());
    const held = gate.releaseIfHeldBy(this._slot);
    if (held) this.exports.stackRestore(this._stackTop);
    return held;
  }

  /** A directory of the box tree as a handle, or a negative errno. */
  boxDir(path) {
    return this._module.boxDir(path);
  }

  /** The root of host mount `mount` as a handle, or a negative errno. */
  hostDir(mount) {
    return this._module.hostDir(mount);
  }

  /** Mounts the directory `handle` at the absolute `path`: 0 or -errno. */
  mount(path, handle) {
    return this._module.mount(path, handle);
  }

  /** Unpacks the tar archive `bytes` at the absolute `path`: 0 or -errno. */
  loadImage(path, bytes) {
    return this._module.loadImage(path, bytes);
  }

  /**
   * Mounts a tar archive read-only at the absolute `path`: `bytes`, or the
   * number of the archive in host.images, read as used. 0 or -errno.
   */
  mountTar(path, bytesOrId) {
    return typeof bytesOrId === 'number' ? this._module.mountHostTar(path, bytesOrId) : this._module.mountTar(path, bytesOrId);
  }

  /**
   * Mounts the persistent store `id` (its number in host.stores), kept in
   * the files `a` and `b`, at the absolute `path` (shim/src/vfs/store.h):
   * 0 or a negative errno.
   */
  mountStore(path, id, a, b, capacity) {
    return this._module.mountStore(path, id, a, b, capacity);
  }

  /**
   * Mounts a wasmbox image at the absolute `path`: `bytes` in memory, or
   * the number of the image in host.images, read block by block;
   * `writable`: under overlays whose changes stay in memory. Its manifest
   * (a string), or a negative errno.
   */
  mountImage(path, bytesOrId, writable) {
    return typeof bytesOrId === 'number'
      ? this._module.mountHostImage(path, bytesOrId, writable)
      : this._module.mountImage(path, bytesOrId, writable);
  }

  /**
   * Mounts at `path` the overlay of the folder `upper` over the folders
   * `lowers` (absolute paths): 0 or a negative errno.
   */
  mountOverlay(path, upper, lowers) {
    return this._module.mountOverlay(path, upper, lowers);
  }

  /** An image of the tree at the absolute `path` (bytes), or a negative errno. */
  packImage(path, manifest) {
    return this._module.packImage(path, manifest);
  }

  /** Commits the changes of every store: 0 or the first negative errno. */
  commitStores() {
    return this._module.commitStores();
  }

  /** @returns {number} the pid, or a negative errno */
  spawn(args, env, preopens, cwd = '/') {
    return this._module.spawn(args, env, preopens, cwd);
  }

  /** Sets the terminal's size in character cells. */
  resizeTerminal(cols, rows) {
    this._module.resizeTerminal(cols, rows);
  }

  feedInput(stream, bytes) {
    this._module.feedInput(stream, bytes);
  }

  closeInput(stream) {
    this._module.closeInput(stream);
  }

  /** A plain input stream starts afresh (no input, no EOF) for the next process. */
  reopenInput(stream) {
    this._module.reopenInput(stream);
  }

  /** What the last call of `pid` that would block waits for. */
  waitSpec(pid) {
    const deadline = this.exports.wb_wait_deadline(pid);
    return {
      deadline: deadline < 0n ? null : deadline,
      inputs: this.exports.wb_wait_inputs(pid),
      own: this.exports.wb_wait_own(pid) !== 0,
    };
  }

  /**
   * The caught signals of `pid` waiting for its handler (bit n: signal n),
   * handed over, and the entry of the guest's function table that runs one.
   */
  takeSignals(pid) {
    return { signals: this.exports.wb_take_signals(pid), entry: this.exports.wb_signal_entry(pid) };
  }

  /** The exit status of `pid` once it has ended, else -1. */
  exitStatus(pid) {
    return this.exports.wb_exit_status(pid);
  }

  /** The signal that ended `pid`, or 0. */
  termSignal(pid) {
    return this._module.termSignal(pid);
  }

  /**
   * How process `pid`, which has ended, ended: a run's result.
   * @returns {import('./box.js').RunResult}
   */
  endedResult(pid) {
    const exitCode = this.exitStatus(pid);
    const signal = this.termSignal(pid);
    return signal ? { exitCode, signal } : { exitCode };
  }

  /** Sends signal `sig` to `pid`: 0, or a negative errno (ESRCH once it ended). */
  kill(pid, sig) {
    return this._module.kill(pid, sig);
  }

  /**
   * Process `pid` runs a program built for the Linux-like ABI: it gets
   * Linux's SIGPIPE (a plain WASI command gets wasmtime's EPIPE alone).
   */
  setLinuxSignals(pid, on) {
    this._module.setLinuxSignals(pid, on);
  }

  /** The runtime is done with `pid` (`trapped`: its guest trapped). */
  reap(pid, trapped = false) {
    this._module.reap(pid, trapped);
  }

  /** The bytes of the file at the absolute `path` (symlinks followed), or a negative errno. */
  readFile(path) {
    return this._module.readFile(path);
  }

  /**
   * Writes the whole file at the absolute `path` (created with `mode`, its
   * missing directories too if `parents`): 0 or a negative errno.
   */
  writeFile(path, bytes, mode, parents) {
    return this._module.writeFile(path, bytes, mode, parents);
  }

  /** The bytes of the program a guest spawned `pid` with, or undefined. */
  programBytes(pid) {
    return this._module.programBytes(pid);
  }
}
