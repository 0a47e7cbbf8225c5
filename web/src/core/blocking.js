// Parks a process whose call would block until what it waits for may have
// changed. Hosts supply `waitInput`; this file holds the policy common to
// all of them. A host whose `waitInput` returns a promise (JSPI) gets a
// wait that returns one too.

import { ProcessExit } from './errors.js';

/** What a wait returns when nothing could ever end it. */
export const WOULD_WAIT_FOREVER = Symbol('would wait forever');

const TERMINAL_INPUT = 1;  // stream 0
const SIZE_CHECK_MS = 250;

/**
 * @typedef {object} InputChunk
 * @property {number} stream
 * @property {Uint8Array} [data]
 * @property {boolean} [eof]
 * @property {number} [signals]  signals the host raises for the waiting
 *   process (bit n: signal n), as kill(2) would
 */

// The signals of a mask (bit n: signal n), lowest first.
function signalsIn(mask) {
  const signals = [];
  for (let sig = 1; mask >>> sig; ++sig) {
    if ((mask >>> sig) & 1) signals.push(sig);
  }
  return signals;
}

/**
 * What every blocker does before and after a wait: a signal may have ended
 * the process (it unwinds then), and the caught signals that arrived are
 * handed over and their handlers run.
 * @param {import('./kernel.js').Kernel} kernel
 * @param {(pid: number, entry: number, sig: number) => void | Promise<void>} runHandler
 */
export function signalDelivery(kernel, runHandler) {
  const caughtSignals = (pid) => {
    const status = kernel.exitStatus(pid);
    if (status >= 0) throw new ProcessExit(status);
    const { signals, entry } = kernel.takeSignals(pid);
    return { entry, caught: signalsIn(signals) };
  };

  // Runs the handlers: synchronously, or one after another when a handler
  // returns a promise (JSPI).
  const deliver = (pid, { entry, caught }, i = 0) => {
    for (; i < caught.length; ++i) {
      const r = runHandler(pid, entry, caught[i]);
      if (r instanceof Promise) return r.then(() => deliver(pid, { entry, caught }, i + 1));
    }
    return undefined;
  };

  return { caughtSignals, deliver };
}

/**
 * @param {import('./kernel.js').Kernel} kernel
 * @param {object} host
 * @param {(mask: number, timeoutMs: number) => InputChunk[] | Promise<InputChunk[]>} host.waitInput
 *   Waits until input arrives on a stream of `mask` or the timeout passes
 *   (Infinity: no timeout); returns what arrived.
 * @param {(id: number) => bigint} host.clock
 * @param {boolean} [host.terminal]  stdin is a terminal: its keys are taken
 *   while any call waits, so they echo and can interrupt
 * @param {() => ({cols: number, rows: number} | null)} [host.terminalSize]
 * @param {(stream: number, bytes: Uint8Array) => number} host.streamWrite
 * @param {object} guests
 * @param {(pid: number, entry: number, sig: number) => void | Promise<void>} guests.runHandler
 *   runs the guest's dispatcher (entry of its function table) for a caught
 *   signal that arrived while it waited
 * @param {() => boolean | Promise<boolean>} guests.runOthers  runs another
 *   process, which may give what a process waits for; false if none can
 * @returns {(pid: number) => unknown}  undefined once the call may be
 *   issued again, WOULD_WAIT_FOREVER when nothing could end the wait, or a
 *   promise of either
 */
export function makeBlocker(kernel, host, { runHandler, runOthers }) {
  let size = null;
  const checkSize = () => {
    const now = host.terminalSize?.();
    if (now && (now.cols !== size?.cols || now.rows !== size?.rows)) kernel.resizeTerminal(now.cols, now.rows);
    size = now;
  };

  const { caughtSignals, deliver } = signalDelivery(kernel, runHandler);

  // What arrived goes to the kernel. A key (^C) may have ended the process
  // while it waited, or raised signals it catches, returned for delivery;
  // the call is then issued again (SA_RESTART; the kernel ends a poll or a
  // sleep that a handler interrupted with EINTR).
  const settle = (pid, chunks) => {
    for (const chunk of chunks) {
      if (chunk.data && chunk.data.length > 0) kernel.feedInput(chunk.stream, chunk.data);
      if (chunk.eof) kernel.closeInput(chunk.stream);
      for (const sig of signalsIn(chunk.signals ?? 0)) kernel.kill(pid, sig);
    }
    checkSize();
    return caughtSignals(pid);
  };

  // Runs another process (a spawned or forked one that has not started),
  // then `orElse` when none could: what ran may have signalled this one
  // (SIGCHLD, a kill).
  const runOther = (pid, orElse) => {
    const after = (ran) => (ran ? deliver(pid, caughtSignals(pid)) : orElse());
    const ran = runOthers();
    return ran instanceof Promise ? ran.then(after) : after(ran);
  };

  const forever = (pid) => {
    host.streamWrite(2, new TextEncoder().encode(
      `wasmbox: process ${pid} would wait forever: no process that could end its wait can run; the call fails with EDEADLK\n`));
    return WOULD_WAIT_FOREVER;
  };

  // Waits for input (keys, a stream of the host) or the deadline.
  const waitForInput = (pid, deadline, inputs) => {
    let timeoutMs = Infinity;
    if (deadline !== null) {
      const left = deadline - host.clock(1);
      timeoutMs = left > 0n ? Number(left) / 1e6 : 0;
    }
    // A window change has no event to wait for: look now and then.
    if (host.terminal) timeoutMs = Math.min(timeoutMs, SIZE_CHECK_MS);
    const mask = host.terminal ? inputs | TERMINAL_INPUT : inputs;
    const got = host.waitInput(mask, timeoutMs);
    if (got instanceof Promise) return got.then((chunks) => deliver(pid, settle(pid, chunks)));
    return deliver(pid, settle(pid, got));
  };

  return function wait(pid) {
    // The call ended the process (SIGPIPE), or signals it catches arrived
    // before it was issued: no wait then.
    const pending = caughtSignals(pid);
    if (pending.caught.length > 0) return deliver(pid, pending);
    const { deadline, inputs } = kernel.waitSpec(pid);
    // Only another process can end this wait (a child, a pipe): run one.
    if (deadline === null && inputs === 0) return runOther(pid, () => forever(pid));
    // A sleep lets a process that has not started run first, so that
    // background sleeps overlap (`sleep 1 & sleep 1 & wait` takes one
    // second); a wait for input (a shell's prompt) does not.
    if (inputs === 0) return runOther(pid, () => waitForInput(pid, deadline, inputs));
    return waitForInput(pid, deadline, inputs);
  };
}

/**
 * The blocker of a process that waits for the kernel's state to change:
 * in a worker of its own, on a kernel on shared memory, where every other
 * process and the host change it from their own threads (the gate's
 * Atomics.wait); or taking turns with the others on one thread (turns.js,
 * a promise). It waits for a change or its deadline, then the call is
 * issued again. In a worker, a process that waits for its own events
 * alone (a sleep, waitpid) waits for its wake word instead, and sleeps
 * through the others' changes. The host feeds its input to the kernel as
 * it arrives.
 * @param {import('./kernel.js').Kernel} kernel
 * @param {{clock: (id: number) => bigint, flush?: () => void}} host
 *   `flush`: sends output the host holds back before the process waits
 * @param {(pid: number, entry: number, sig: number) => void | Promise<void>} runHandler
 * @param {import('./turns.js').Turns | null} [turns]  taking turns on this
 *   thread; else in a worker of its own
 * @returns {(pid: number, seen?: {all: number, own: number}) => unknown}
 *   `seen`: the kernel's count and the process's wake word, read before
 *   the call that would block was issued (none: issue it again at once)
 */
export function makeChangeBlocker(kernel, host, runHandler, turns = null) {
  const { caughtSignals, deliver } = signalDelivery(kernel, runHandler);
  const after = (pid) => deliver(pid, caughtSignals(pid));
  const wait = (pid, seen) => {
    // Signals that arrived before `seen` was read moved the count already:
    // they are delivered now, not waited for.
    const pending = caughtSignals(pid);
    if (seen === undefined || pending.caught.length > 0) return deliver(pid, pending);
    const { deadline, own } = kernel.waitSpec(pid);
    let timeoutMs = Infinity;
    if (deadline !== null) {
      const left = deadline - host.clock(1);
      if (left <= 0n) return after(pid);
      timeoutMs = Number(left) / 1e6;
    }
    host.flush?.();
    // A call that would block leaves the count alone (gate.cpp): any change
    // since it was issued is another's.
    if (turns) return turns.waitForChange(seen.all, timeoutMs).then(() => after(pid));
    if (own) kernel.gate.waitForOwn(pid, seen.own, timeoutMs);
    else kernel.gate.waitForChange(seen.all, timeoutMs);
    return after(pid);
  };
  wait.changes = (pid) => ({ all: kernel.changes(), own: kernel.gate?.own(pid) ?? 0 });
  return wait;
}

// How often a process computing in a worker of its own looks for the
// signals sent to it.
const SIGNAL_CHECK_MS = 10;

/**
 * What the preemption points of a program call now and then while it
 * computes (wasm/preempt.js). In a worker of its own, it runs the
 * handlers of the signals sent meanwhile, or ends the process a signal
 * ended. Taking turns (turns.js), it also lets the others run once the
 * process's time slice is spent.
 * @param {import('./kernel.js').Kernel} kernel
 * @param {{flush?: () => void}} host  `flush`: sends output the host holds
 *   back
 * @param {(pid: number, entry: number, sig: number) => void | Promise<void>} runHandler
 * @param {import('./turns.js').Turns | null} turns
 * @returns {(pid: number) => undefined | Promise<void>}
 */
export function makeTick(kernel, host, runHandler, turns) {
  const { caughtSignals, deliver } = signalDelivery(kernel, runHandler);
  if (!turns) {
    let checked = performance.now();
    return (pid) => {
      const now = performance.now();
      if (now - checked < SIGNAL_CHECK_MS) return undefined;
      checked = now;
      return deliver(pid, caughtSignals(pid));
    };
  }
  return (pid) => {
    if (!turns.spent()) return undefined;
    host.flush?.();
    return turns.yield().then(() => deliver(pid, caughtSignals(pid)));
  };
}
