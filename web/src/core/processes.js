// The guests of a box: each process's instance, how it runs and ends, the
// programs it execs (the same process goes on with a new instance), the
// processes guests spawn (posix_spawn), and those they fork (a copy of the
// caller's instance that goes on from its call). With a Spawner, each
// process runs in a worker of its own and a new one starts in another
// (threads/). With Turns (JSPI on one thread, turns.js), each runs as a
// task of this thread and they take turns. Without either, a new process
// starts when a process waits for something only another process can give
// (a child's end, a pipe's data): it then runs on top of the waiting one,
// which goes on once it has ended (nested).

import { Errno, FORK_GLOBAL_PREFIX, SYSCALL_MODULE, WASMBOX_MODULE } from './abi.js';
import { makeTick } from './blocking.js';
import { emscriptenGlue } from './emscripten-glue.js';
import { InvalidModuleError, ProcessExec, ProcessExit } from './errors.js';
import { wasiImports } from './imports.js';
import { ProgramModules } from './program-modules.js';
import { Signal, statusOfSignal } from './signals.js';
import { endLine } from './trace.js';
import { PREEMPT_IMPORT } from './wasm/preempt.js';

const TRAP_EXIT_STATUS = statusOfSignal(Signal.ABRT);  // as wasmtime
// A spawned program the box cannot run ends as a shell's "cannot execute".
const CANNOT_RUN_STATUS = 126;
// The largest status a parent or a shell can see (shim/src/proc/process.h).
const MAX_EXIT_STATUS = 255;
// binaryen's asyncify_get_state().
const REWINDING = 2;
const WASM_PAGE = 65536;

// The bytes of `memory` (a wasm memory's buffer) up to the end of its last
// page that is not all zeros: the rest of a forked child's memory needs no
// copy. A scan from the top, 32 bits at a time.
function usedLength(memory) {
  const words = new Int32Array(memory);
  const perPage = WASM_PAGE / 4;
  for (let end = words.length; end > 0; end -= perPage) {
    for (let i = end - perPage; i < end; ++i) {
      if (words[i] !== 0) return end * 4;
    }
  }
  return 0;
}

// V8 prefixes messages with the API that failed; users need only the reason.
export function cleanMessage(e) {
  return String(e.message).replace(/^WebAssembly\.\w+\(\): /, '');
}

// A frame of a guest function in a stack: V8's ("at name (wasm://...)")
// and SpiderMonkey's ("name@url > WebAssembly.instantiate:wasm-function[8]:0x22ac").
const V8_FRAME = /at (?:(\S+) \()?wasm:\/\/[^:]*:(?:(wasm-function\[\d+\](?::0x[0-9a-f]+)?)|\d+:(\d+))/;
const SPIDERMONKEY_FRAME = /^([^@]*)@.*:(wasm-function\[\d+\]:0x[0-9a-f]+)$/;

// The innermost guest function of a trap's stack: its name when the module
// has a name section, else its index and code offset (the engine's own
// format), or the code offset (where a tool such as Jest reformats stacks).
function trapFunction(e) {
  for (const line of String(e.stack ?? '').split('\n')) {
    const frame = V8_FRAME.exec(line);
    if (frame) {
      if (frame[1] && !frame[1].includes('<anonymous>')) return frame[1];
      return frame[2] ?? `code offset 0x${Number(frame[3]).toString(16)}`;
    }
    const firefox = SPIDERMONKEY_FRAME.exec(line);
    if (firefox) return firefox[1] || firefox[2];
  }
  return null;
}

function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
}

// A program that imports Emscripten's syscalls or wasmbox's own extensions
// is built for Linux's signals (SIGPIPE). Looked up once per module, not
// at each fork or exec of it.
const linuxSignals = new WeakMap();
function usesLinuxSignals(module) {
  if (!linuxSignals.has(module)) {
    linuxSignals.set(module, WebAssembly.Module.imports(module)
      .some((i) => i.module === SYSCALL_MODULE || i.module === WASMBOX_MODULE));
  }
  return linuxSignals.get(module);
}

/**
 * Where a guest's new processes start when each process runs in a worker
 * of its own (threads/process-threads.js).
 * @typedef {object} Spawner
 * @property {(pid: number, how: {traced: boolean}) => void} spawned
 *   a guest spawned `pid` (the kernel holds its program)
 * @property {(pid: number, fork: {module: WebAssembly.Module, snapshot: ForkSnapshot}, how: {traced: boolean}) => void} forked
 *   a guest forked `pid`, which goes on from the snapshot
 */

/**
 * A forking process's instance, its stack saved in its memory.
 * @typedef {object} ForkSnapshot
 * @property {Uint8Array} memory  its memory up to the last page in use
 * @property {number} size  its memory's size in bytes
 * @property {Record<string, number | bigint>} globals  the mutable globals
 *   wasmbox-cc exports
 * @property {number} buf  where asyncify's data is
 * @property {number} out  where fork() writes the pid (0 in the child)
 */

export class Processes {
  /**
   * @param {import('./kernel.js').Kernel} kernel
   * @param {import('./guest-memory.js').GuestMemories} memories
   * @param {import('./kernel.js').KernelHost} host
   * @param {object} [how]  where the processes guests spawn and fork run;
   *   with neither, nested here
   * @param {Spawner} [how.spawner]  each in a worker of its own (threads/)
   * @param {import('./turns.js').Turns} [how.turns]  each as a task of
   *   this thread, taking turns (the host is suspending)
   * @param {ProgramModules} [how.modules]  compiles the programs guests
   *   spawn and exec (default: as they are)
   */
  constructor(kernel, memories, host, { spawner = null, turns = null, modules = new ProgramModules() } = {}) {
    this._kernel = kernel;
    this._memories = memories;
    this._host = host;
    this._spawner = spawner;
    this._turns = turns;
    this._suspending = Boolean(host.suspending);
    this._modules = modules;
    // What a program's preemption points call (makeTick); and, taking
    // turns, the task each process but run()'s runs as.
    this._tick = makeTick(kernel, host, (pid, entry, sig) => this.callGuest(pid, entry, sig), turns);
    this._tasks = new Map();
    // Each running guest's instance and its module.
    this._guests = new Map();
    // Each running guest's function table, where its signal dispatcher is.
    this._tables = new Map();
    // How many signal handlers each process is running: it cannot fork
    // in one.
    this._inHandler = new Map();
    // A fork under way: the caller's pid → {child, buf, out}, from its
    // call until its stack has unwound.
    this._forking = new Map();
    // Forked children not started yet: pid → the instance, rewound when it
    // starts.
    this._forked = new Map();
    // Spawned processes not started yet, oldest first.
    this._pending = [];
    // Where each traced process's calls are written (trace.js); a spawned
    // process inherits its parent's.
    this._traces = new Map();
    /** Parks a process whose call would block (blocking.js); set by the box. */
    this.block = null;
  }

  /**
   * Runs process `pid` (the host spawned it) to its end.
   * @param {number} pid
   * @param {WebAssembly.Module} module  checked (checkModule), with the
   *   preemption points its box's ProgramModules gives it
   * @param {object} [options]
   * @param {import('./trace.js').TraceSink} [options.trace]  traces the
   *   calls of the process and of those it spawns
   * @returns {Promise<import('./box.js').RunResult>}
   */
  async run(pid, module, { trace } = {}) {
    let result;
    if (trace) this._traces.set(pid, trace);
    try {
      const { imports, glue } = this._imports(pid, module);
      const instance = await WebAssembly.instantiate(module, imports);
      this._attach(pid, instance, glue, module);
      result = await this._continue(pid, this._start(pid, instance));
      return result;
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) {
        throw new InvalidModuleError(`the module cannot be linked (${cleanMessage(e)})`);
      }
      throw e;
    } finally {
      this._end(pid, result);
      await this._endOthers();
    }
  }

  /**
   * Starts the oldest spawned process and runs it to its end, on top of
   * the caller's wait. False when none waits to start; a promise of true
   * with JSPI.
   * @returns {boolean | Promise<boolean>}
   */
  runPending() {
    const pid = this._pending.shift();
    if (pid === undefined) return false;
    // A promise while it runs under JSPI; none when it could not start.
    const ran = this._runSpawned(pid);
    return ran instanceof Promise ? ran.then(() => true) : true;
  }

  /**
   * Runs process `pid`, which a guest spawned or (with `fork`) forked in
   * another worker, to its end (a worker's side of Spawner).
   * @param {number} pid
   * @param {{module: WebAssembly.Module, snapshot: ForkSnapshot}} [fork]
   * @param {{trace?: import('./trace.js').TraceSink}} [options]
   * @returns {import('./box.js').RunResult}
   */
  runChild(pid, fork, { trace } = {}) {
    if (trace) this._traces.set(pid, trace);
    if (fork) this._forked.set(pid, this._restore(pid, fork.module, fork.snapshot));
    return this._runSpawned(pid);
  }

  // Guest `parent` spawned `pid`: it starts when someone waits, at once in
  // a worker of its own, or as a task that takes its turn.
  _spawned(pid, parent) {
    const trace = this._traces.get(parent);
    if (this._spawner) return this._spawner.spawned(pid, { traced: Boolean(trace) });
    if (trace) this._traces.set(pid, trace);
    if (this._turns) this._startTask(pid);
    else this._pending.push(pid);
    return undefined;
  }

  // Turns: process `pid` runs as a task of its own, from when the running
  // process next lets others run.
  _startTask(pid) {
    const task = Promise.resolve()
      .then(() => this._runSpawned(pid))
      .catch((e) => this._notice(`process ${pid} failed: ${e?.message ?? e}`))
      .finally(() => this._tasks.delete(pid));
    this._tasks.set(pid, task);
  }

  // Runs a spawned process: its result, or a promise of it with JSPI.
  _runSpawned(pid) {
    let result;
    const settled = (r) => {
      result = r;
      if (r.trap) this._notice(`process ${pid} trapped${r.trap.function ? ` in ${r.trap.function}` : ''}: ${r.trap.message}`);
      return r;
    };
    let r;
    try {
      r = this._continue(pid, this._runProgram(pid));
    } catch (e) {
      this._end(pid, result);
      throw e;
    }
    if (r instanceof Promise) return r.then(settled).finally(() => this._end(pid, result));
    settled(r);
    this._end(pid, result);
    return r;
  }

  // After an exec the process goes on with the program the kernel now
  // holds for it: the outcome of the last image (a promise with JSPI).
  _continue(pid, r) {
    if (r instanceof Promise) return r.then((v) => this._continue(pid, v));
    return r.exec ? this._continue(pid, this._runProgram(pid)) : r;
  }

  // Runs the program the kernel holds for `pid` (a spawn's or an exec's).
  // One the box cannot run ends the process as a shell's "cannot execute";
  // one killed before it started does not run.
  _runProgram(pid) {
    if (this._kernel.exitStatus(pid) >= 0) return this._kernel.endedResult(pid);
    const forked = this._forked.get(pid);
    if (forked) {
      this._forked.delete(pid);
      forked.instance.exports.asyncify_start_rewind(forked.buf);
      return this._start(pid, forked.instance);
    }
    let instance;
    try {
      const bytes = this._kernel.programBytes(pid);
      if (!bytes) throw new InvalidModuleError('its program cannot be read');
      const module = this._modules.compile(bytes, 'its program');
      const made = this._instantiate(pid, module);
      instance = made.instance;
      this._attach(pid, instance, made.glue, module);
    } catch (e) {
      if (!(e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError ||
        e instanceof InvalidModuleError)) throw e;
      this._notice(`process ${pid} cannot run: ${cleanMessage(e)}`);
      this._kernel.exports.wb_proc_exit(pid, CANNOT_RUN_STATUS);
      return { exitCode: CANNOT_RUN_STATUS };
    }
    return this._start(pid, instance);
  }

  // Runs an instance's _start: its outcome, or a promise of it with JSPI.
  _start(pid, instance) {
    const start = instance.exports._start;
    const call = this._suspending ? WebAssembly.promising(start) : start;
    return this._outcome(pid, () => this._untilReturned(pid, call));
  }

  // Calls `call` (the guest's _start) again each time a fork unwound the
  // guest's stack out of it, for the stack to be rewound.
  _untilReturned(pid, call) {
    for (;;) {
      const r = call();
      if (r instanceof Promise) return r.then(() => (this._forkUnwound(pid) ? this._untilReturned(pid, call) : undefined));
      if (!this._forkUnwound(pid)) return undefined;
    }
  }

  // fork(2), in two halves around binaryen's asyncify (the module was built
  // for it: toolchain/fork-build.js). Called, it makes the child in the
  // kernel and unwinds the caller's stack into `buf`; once the stack is
  // unwound (_forkUnwound) the caller's instance is copied and rewound;
  // called again as it rewinds, it returns: the child's pid in the parent
  // (the kernel wrote it), 0 in the child (written into the copy).
  _fork(pid, buf, len, out) {
    const exports = this._guests.get(pid)?.instance.exports;
    if (exports?.asyncify_get_state?.() === REWINDING) {
      exports.asyncify_stop_rewind();
      return Errno.SUCCESS;
    }
    // A handler's stack would unwind into the runtime, not to _start.
    if (!exports?.asyncify_start_unwind || this._inHandler.get(pid)) return Errno.NOSYS;
    const r = this._kernel.exports.wbx_proc_fork(pid, buf, len, out);
    if (r !== Errno.SUCCESS) return r;
    const view = new DataView(exports.memory.buffer);
    // Asyncify's data: where the saved stack goes next, and its end.
    view.setUint32(buf >>> 0, (buf >>> 0) + 8, true);
    view.setUint32((buf >>> 0) + 4, (buf >>> 0) + (len >>> 0), true);
    this._forking.set(pid, { child: view.getUint32(out >>> 0, true), buf, out });
    exports.asyncify_start_unwind(buf);
    return Errno.SUCCESS;  // unused: the stack unwinds
  }

  _rewinding(pid) {
    return this._guests.get(pid)?.instance.exports.asyncify_get_state?.() === REWINDING;
  }

  // Whether a fork unwound process `pid`'s stack; if so its child is made
  // from a snapshot of the instance now that the stack is saved in its
  // memory (here, or in a worker of its own), and the caller is set to
  // rewind.
  _forkUnwound(pid) {
    const fork = this._forking.get(pid);
    if (!fork) return false;
    this._forking.delete(pid);
    const { instance, module } = this._guests.get(pid);
    instance.exports.asyncify_stop_unwind();
    const globals = {};
    for (const [name, global] of Object.entries(instance.exports)) {
      if (name.startsWith(FORK_GLOBAL_PREFIX)) globals[name] = global.value;
    }
    // Memory past the last page in use is zeros in the child's new
    // instance too: only the rest is copied. Here the child is made at
    // once from the caller's live memory; a worker gets a copy.
    const memory = instance.exports.memory.buffer;
    const used = new Uint8Array(memory, 0, usedLength(memory));
    const snapshot = { memory: this._spawner ? used.slice() : used, size: memory.byteLength, globals, buf: fork.buf, out: fork.out };
    if (this._spawner) {
      this._spawner.forked(fork.child, { module, snapshot }, { traced: this._traces.has(pid) });
    } else {
      this._forked.set(fork.child, this._restore(fork.child, module, snapshot));
      this._spawned(fork.child, pid);
    }
    instance.exports.asyncify_start_rewind(fork.buf);
    return true;
  }

  // The instance of a forked child made from its parent's snapshot, ready
  // to rewind: fork() returns 0 in it.
  _restore(pid, module, snapshot) {
    const copy = this._instantiate(pid, module);
    const to = /** @type {WebAssembly.Memory} */ (copy.instance.exports.memory);
    const pages = (snapshot.size - to.buffer.byteLength) / WASM_PAGE;
    if (pages > 0) to.grow(pages);
    new Uint8Array(to.buffer).set(snapshot.memory);
    for (const [name, value] of Object.entries(snapshot.globals)) /** @type {WebAssembly.Global} */ (copy.instance.exports[name]).value = value;
    new DataView(to.buffer).setUint32(snapshot.out >>> 0, 0, true);
    this._attach(pid, copy.instance, copy.glue, module);
    return { instance: copy.instance, buf: snapshot.buf };
  }

  // An instance of `module` for process `pid`, and its glue.
  _instantiate(pid, module) {
    const { imports, glue } = this._imports(pid, module);
    return { instance: new WebAssembly.Instance(module, imports), glue };
  }

  _imports(pid, module) {
    const imports = wasiImports(this._kernel, pid, this.block, {
      suspending: this._suspending,
      spawned: (child) => this._spawned(child, pid),
      fork: (buf, len, out) => this._fork(pid, buf, len, out),
      memories: this._memories,
      trace: this._traces.get(pid),
    });
    const glue = emscriptenGlue(module, this._suspending);
    imports[SYSCALL_MODULE] = { ...imports[SYSCALL_MODULE], ...glue.imports };
    // A forked child that rebuilds its stack (asyncify) runs no handler.
    const tick = () => (this._rewinding(pid) ? undefined : this._tick(pid));
    imports[PREEMPT_IMPORT.module] = { [PREEMPT_IMPORT.name]: this._suspending ? new WebAssembly.Suspending(tick) : tick };
    return { imports, glue };
  }

  _attach(pid, instance, glue, module) {
    glue.attach(instance);
    this._guests.set(pid, { instance, module });
    this._kernel.setLinuxSignals(pid, usesLinuxSignals(module));
    this._memories.attach(pid, instance.exports.memory);
    const table = instance.exports.__indirect_function_table;
    if (table instanceof WebAssembly.Table) this._tables.set(pid, table);
  }

  // How calling `start` ended: a result, or a promise of one with JSPI.
  _outcome(pid, start) {
    const ended = (e) => {
      if (e instanceof ProcessExec) return { exec: true };
      if (e instanceof ProcessExit) {
        // The kernel's status: a code a parent could not see fails instead.
        const result = this._kernel.endedResult(pid);
        if (e.code > MAX_EXIT_STATUS) {
          this._notice(`process ${pid} exited with status ${e.code}, outside 0..${MAX_EXIT_STATUS}: it fails with ${result.exitCode}`);
        }
        return result;
      }
      if (isTrap(e)) {
        return { exitCode: TRAP_EXIT_STATUS, trap: { message: cleanMessage(e), function: trapFunction(e) } };
      }
      if (e instanceof WebAssembly.Exception) return this._uncaught(pid, e, ended);
      throw e;
    };
    try {
      const r = start();
      if (r instanceof Promise) return r.then(() => ({ exitCode: 0 }), ended);
      return { exitCode: 0 };
    } catch (e) {
      return ended(e);
    }
  }

  // A WebAssembly exception nothing caught left _start. A C++ one goes
  // back to the guest library, which says what it was and aborts, as
  // std::terminate does natively (cxx/uncaught.cc); any other (a longjmp
  // whose setjmp had returned) ends the process as a trap does.
  _uncaught(pid, e, ended) {
    const exports = this._guests.get(pid)?.instance.exports ?? {};
    const tag = exports.__cpp_exception;
    const uncaught = { exitCode: TRAP_EXIT_STATUS, trap: { message: 'a WebAssembly exception nothing caught', function: null } };
    if (!(tag instanceof WebAssembly.Tag) || typeof exports.__wasmbox_uncaught !== 'function' || !e.is(tag)) return uncaught;
    const after = (inner) => (inner instanceof WebAssembly.Exception ? uncaught : ended(inner));
    try {
      const describe = this._suspending ? WebAssembly.promising(exports.__wasmbox_uncaught) : exports.__wasmbox_uncaught;
      const r = describe(e.getArg(tag, 0));
      if (r instanceof Promise) return r.then(() => uncaught, after);
      return uncaught;
    } catch (inner) {
      return after(inner);
    }
  }

  _end(pid, result) {
    if (this._kernel.recoverFromFault()) this._notice(`the kernel failed in a call of process ${pid}; the box goes on`);
    if (result) this._traces.get(pid)?.(endLine(pid, result));
    this._forget(pid);
    // A fork whose stack could not unwind (a trap): its child never runs.
    const fork = this._forking.get(pid);
    if (fork) {
      this._forking.delete(pid);
      this._kernel.kill(fork.child, 9);
      this._kernel.reap(fork.child, false);
    }
    this._kernel.reap(pid, Boolean(result?.trap));
    this._turns?.wake();
  }

  // When the process the host started ends, the box's other processes end
  // with it (as a container's do): the spawned ones that never started,
  // and those that take turns, once they have unwound.
  async _endOthers() {
    for (const pid of this._pending.splice(0)) {
      this._forget(pid);
      this._kernel.kill(pid, 9);
      this._kernel.reap(pid, false);
    }
    // One may fork as it unwinds: until none is left.
    while (this._tasks.size > 0) {
      for (const pid of this._tasks.keys()) this._kernel.kill(pid, 9);
      this._turns.wake();
      await Promise.all(this._tasks.values());
    }
  }

  // Drops what the runtime holds for process `pid`.
  _forget(pid) {
    this._traces.delete(pid);
    this._memories.detach(pid);
    this._tables.delete(pid);
    this._guests.delete(pid);
    this._forked.delete(pid);
  }

  // A line on the host's stderr about a process the runtime could not run.
  _notice(text) {
    this._host.streamWrite(2, new TextEncoder().encode(`wasmbox: ${text}\n`));
  }

  /**
   * A guest function, by its table index, on its own stack when the guest
   * may suspend in it.
   */
  callGuest(pid, index, ...args) {
    const fn = this._tables.get(pid)?.get(index);
    if (!fn) return undefined;
    const depth = (this._inHandler.get(pid) ?? 0) + 1;
    this._inHandler.set(pid, depth);
    const done = () => (depth > 1 ? this._inHandler.set(pid, depth - 1) : this._inHandler.delete(pid));
    if (this._suspending) return WebAssembly.promising(fn)(...args).finally(done);
    try {
      return fn(...args);
    } finally {
      done();
    }
  }
}
