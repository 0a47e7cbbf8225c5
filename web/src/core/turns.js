// Processes that take turns on one thread. A page that is not cross-origin
// isolated has no shared memory, so its processes cannot run in workers of
// their own (threads/). Each runs instead as a task of the box's thread,
// under JSPI: suspended while it waits for the kernel's state to change
// (or for its deadline), and, while it computes, at its preemption points
// (wasm/preempt.js) once its time slice is spent. Meanwhile the others
// run, and the page's keys and signals reach the kernel.

// How long a process computes before the others get their turn.
const SLICE_MS = 10;
// setTimeout's largest delay.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

// A promise settled once the thread's other tasks (messages, timers) had
// their turn. A message to itself, as setTimeout(0) is slowed to 4 ms when
// nested.
function makeYield() {
  if (typeof MessageChannel !== 'function') return () => new Promise((resolve) => { setTimeout(resolve, 0); });
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()?.();
  // Node: the channel alone does not keep the process alive.
  /** @type {{unref?(): void}} */ (channel.port1).unref?.();
  return () => new Promise((resolve) => {
    queue.push(resolve);
    channel.port2.postMessage(null);
  });
}

export class Turns {
  /** @param {import('./kernel.js').Kernel} kernel */
  constructor(kernel) {
    this._kernel = kernel;
    this._waiters = new Set();
    this._sliceStart = performance.now();
    this._yield = makeYield();
  }

  /**
   * Wakes the processes that wait for a change if the kernel's state
   * changed since they began to wait. Whatever changes the kernel outside
   * a process (the host's input, a signal) calls it after.
   */
  wake() {
    const now = this._kernel.changes();
    for (const waiter of this._waiters) {
      if (waiter.since !== now) waiter.done();
    }
  }

  /**
   * Waits until the kernel's state changed since `since` (Kernel.changes)
   * or `timeoutMs` passed. What the waiting process changed before wakes
   * those it concerns.
   * @returns {Promise<void>}
   */
  waitForChange(since, timeoutMs) {
    this.wake();
    return new Promise((/** @type {(value?: void) => void} */ resolve) => {
      const waiter = {
        since,
        done: () => {
          clearTimeout(timer);
          this._waiters.delete(waiter);
          resolve();
        },
      };
      const timer = timeoutMs === Infinity ? undefined : setTimeout(waiter.done, Math.min(timeoutMs, MAX_TIMEOUT_MS));
      this._waiters.add(waiter);
      if (this._kernel.changes() !== since) waiter.done();
    }).then(() => this._began());
  }

  /** Whether the process computing now has had its time slice. */
  spent() {
    return performance.now() - this._sliceStart >= SLICE_MS;
  }

  /** Lets the others have their turn; a promise settled at the next one. */
  yield() {
    this.wake();
    return this._yield().then(() => this._began());
  }

  _began() {
    this._sliceStart = performance.now();
  }
}
