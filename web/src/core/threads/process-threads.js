// The box's side of processes that run side by side, each in a worker of
// its own (process-thread.js is the worker's side) on the kernel's shared
// memory. The box hands a worker each process the host starts and each
// one a guest spawns or forks; a worker that finished its process waits
// for the next (a few are kept warm). A process a signal ended while it
// computes, never calling the kernel, cannot notice: its worker is
// terminated, once the gate is closed on its kernel instance so that it
// is not stopped inside the kernel, and the box and every other process
// go on.

import { InvalidModuleError, WasmboxError } from '../errors.js';
import { KernelGate } from '../kernel-gate.js';

const SIGKILL = 9;
// How long a process a signal ended may take to notice before its worker
// is terminated, and how often the box looks.
const GRACE_MS = 100;
// Workers kept for the next process.
const WARM_WORKERS = 2;

/**
 * A worker as the box drives it.
 * @typedef {object} ThreadHandle
 * @property {(message: object, transfer?: ArrayBuffer[]) => void} post
 * @property {(receive: (message: object) => void) => void} listen
 * @property {(failed: (error: Error) => void) => void} onError
 * @property {() => Promise<void>} terminate  resolves once the worker can
 *   run no more (a page is not told: it waits a while): until then its
 *   kernel instance's stack may still be written (an export's prologue,
 *   before the closed gate stops it)
 * @property {(on: boolean) => void} [keepAlive]  whether a running
 *   process's worker keeps the host alive (Node: ref/unref)
 */

/**
 * @typedef {object} Thread
 * @property {ThreadHandle} handle
 * @property {number} slot  its kernel instance's slot of the gate
 * @property {number} stack  its kernel instance's stack
 * @property {Promise<void>} ready  attached
 * @property {number | null} pid  the process it runs
 * @property {number} [since]  when the box saw a signal had ended it
 * @property {boolean} [retired]  ended by the box: what it says is ignored
 */

export class ProcessThreads {
  /**
   * @param {object} options
   * @param {import('../kernel.js').Kernel} options.kernel  the box's own
   *   instance of the kernel, on shared memory
   * @param {WebAssembly.Module} options.kernelModule  kernel-shared.wasm
   * @param {() => ThreadHandle} options.startThread  starts a worker that
   *   serves process-thread.js
   * @param {() => object} [options.hostConfig]  what workers' hosts need
   *   of the box's host (cloneable), sent with each process
   * @param {(message: object) => void} [options.hostMessage]  receives the
   *   workers' messages for the host (a page's: their output)
   */
  constructor({ kernel, kernelModule, startThread, hostConfig = () => ({}), hostMessage = () => {} }) {
    this._kernel = kernel;
    this._kernelModule = kernelModule;
    this._startThread = startThread;
    this._hostConfig = hostConfig;
    this._hostMessage = hostMessage;
    // Instance slots of the gate free for a worker (0 is the box's own).
    this._slots = Array.from({ length: KernelGate.slots - 1 }, (_, i) => KernelGate.slots - 1 - i);
    this._idle = [];
    /** @type {Map<number, Thread>} */
    this._running = new Map();
    // The host's run: {pid, resolve, reject, result}.
    this._run = null;
    this._watch = null;
  }

  /**
   * Runs process `pid` (the host spawned it) to its end, and every process
   * it started with it: they end when it ends, as a container's do.
   * @param {number} pid
   * @param {WebAssembly.Module} module
   * @param {{traced?: boolean}} [options]  trace its calls to stderr
   * @returns {Promise<import('../box.js').RunResult>}
   */
  run(pid, module, { traced = false } = {}) {
    if (this._run) return Promise.reject(new WasmboxError('the box is already running a process', 'EBUSY'));
    return new Promise((resolve, reject) => {
      this._run = { pid, resolve, reject, result: null, error: null };
      this._start(pid, { module, traced });
    });
  }

  /** Ends every worker: the box is done; a run still going fails. */
  dispose() {
    for (const t of [...this._idle, ...this._running.values()]) t.handle.terminate();
    this._idle = [];
    this._running.clear();
    clearInterval(this._watch);
    this._watch = null;
    this._run?.reject(new WasmboxError('the box was disposed', 'ETERMINATED'));
    this._run = null;
  }

  async _start(pid, job) {
    let thread;
    try {
      thread = this._idle.pop() ?? this._newThread();
    } catch (e) {
      // No slot or no kernel memory left for a worker.
      this._lost(pid, `process ${pid} cannot start: ${e.message}`, e.code ?? 'EAGAIN');
      return;
    }
    thread.pid = pid;
    thread.since = undefined;
    thread.handle.keepAlive?.(true);
    this._running.set(pid, thread);
    this._watch ??= setInterval(() => this._endStuck(), GRACE_MS);
    await thread.ready;
    // A fork's copy of its parent's memory moves on, not copied again.
    const transfer = job.fork ? [job.fork.snapshot.memory.buffer] : [];
    thread.handle.post({ type: 'start', pid, ...job, host: this._hostConfig() }, transfer);
  }

  _newThread() {
    const slot = this._slots.pop();
    if (slot === undefined) throw new WasmboxError('too many process workers', 'EAGAIN');
    const stack = this._kernel.allocStack();
    const handle = this._startThread();
    let ready;
    const thread = { handle, slot, stack, ready: new Promise((resolve) => { ready = resolve; }), pid: null };
    handle.listen((message) => this._receive(thread, message, ready));
    handle.onError((e) => this._failed(thread, e));
    const { memory, gate } = this._kernel;
    handle.post({ type: 'attach', kernel: this._kernelModule, memory, gate: gate.address, slot, stack, host: this._hostConfig() });
    return thread;
  }

  _receive(thread, message, ready) {
    // A worker ended early may still have said something on its way out.
    if (thread.retired) return;
    switch (message.type) {
      case 'ready':
        ready();
        break;
      case 'failed':
        this._failed(thread, message.error);
        break;
      case 'spawned':
        this._start(message.pid, { traced: message.traced });
        break;
      case 'forked':
        this._start(message.pid, { fork: message.fork, traced: message.traced });
        break;
      case 'ended':
        this._ended(thread, message);
        break;
      default:
        this._hostMessage(message);
    }
  }

  // A process ended in its worker, which waits for the next one.
  _ended(thread, { pid, result, error }) {
    this._running.delete(pid);
    thread.pid = null;
    thread.handle.keepAlive?.(false);
    if (this._idle.length < WARM_WORKERS) this._idle.push(thread);
    else this._retire(thread);
    this._settle(pid, result, error);
  }

  // A worker that failed (it could not load): its process ends as killed.
  _failed(thread, e) {
    if (thread.retired) return;
    // A worker that failed inside the kernel left the gate held.
    this._kernel.gate.releaseIfHeldBy(thread.slot);
    const { pid } = thread;
    this._idle = this._idle.filter((t) => t !== thread);
    this._retire(thread);
    if (pid === null) return;
    this._running.delete(pid);
    this._lost(pid, `a process worker failed: ${e.message ?? e}`, 'EWORKER');
  }

  // A process that has no worker to run in ends as killed; the host's run
  // fails with the reason.
  _lost(pid, message, code) {
    this._kernel.kill(pid, SIGKILL);
    this._kernel.reap(pid, false);
    this._settle(pid, null, { name: 'WasmboxError', message, code });
  }

  // Ends a worker whose instance may still be attached: the gate is closed
  // on it first, so it never stops inside the kernel; its stack and slot
  // are free again once it is gone (a new instance in the slot is of the
  // next generation).
  _retire(thread) {
    if (thread.retired) return;
    thread.retired = true;
    this._kernel.gate.close(thread.slot);
    thread.handle.terminate().then(() => {
      this._kernel.freeStack(thread.stack);
      this._slots.push(thread.slot);
    });
  }

  // Processes a signal ended that have not noticed within the grace time
  // (they compute without calling the kernel) end with their worker. One
  // that exited is on its way out: it is left to report.
  _endStuck() {
    const now = Date.now();
    for (const [pid, thread] of this._running) {
      if (this._kernel.exitStatus(pid) < 0 || this._kernel.termSignal(pid) === 0) continue;
      thread.since ??= now;
      if (now - thread.since < GRACE_MS) continue;
      this._running.delete(pid);
      this._retire(thread);
      const result = this._kernel.endedResult(pid);
      this._kernel.reap(pid, false);
      this._settle(pid, result, null);
    }
    if (this._running.size === 0) {
      clearInterval(this._watch);
      this._watch = null;
    }
  }

  // Once the host's process has ended, the others are killed; the run is
  // over when the last has ended.
  _settle(pid, result, error) {
    const run = this._run;
    if (!run) return;
    if (pid === run.pid) {
      run.result = result;
      run.error = error;
      for (const other of this._running.keys()) this._kernel.kill(other, SIGKILL);
    }
    if (run.result === null && run.error === null) return;
    if (this._running.size > 0) return;
    this._run = null;
    if (run.error) run.reject(run.error.name === 'InvalidModuleError'
      ? new InvalidModuleError(run.error.message)
      : new WasmboxError(run.error.message, run.error.code ?? 'EINTERNAL'));
    else run.resolve(run.result);
  }
}
