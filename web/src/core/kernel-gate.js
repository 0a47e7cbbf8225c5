// The runtime's side of the kernel's gate (shim/src/bind/gate.cpp, whose
// word layout this follows), for a kernel on shared memory: the runtime
// holds the gate while a new instance attaches (its constructors run on
// the kernel's one stack), closes it on the instance of a worker it is
// about to terminate, and waits for the kernel's state to change (or, for
// a process that waits for its own events alone, for its wake word). On
// unshared memory it only releases a gate a fault left held (no waits).

const HELD = 0;
const CHANGES = 1;
const WAITERS = 2;
const HOLDER = 3;
const GENERATION = 4;
const SLOTS = 1024;
const WAKE = GENERATION + SLOTS;
const WAKE_WORDS = 1024;

export class KernelGate {
  /**
   * @param {WebAssembly.Memory} memory  the kernel's memory
   * @param {number} address  where the gate is (the export wb_gate())
   */
  constructor(memory, address) {
    this.address = address;
    // The gate is static data: a view made now stays valid as memory grows.
    this._words = new Int32Array(memory.buffer, address, WAKE + WAKE_WORDS);
  }

  /** How many instance slots there are (slot 0 is the first instance's). */
  static get slots() {
    return SLOTS;
  }

  // The same futex mutex as the kernel's.
  lock() {
    const w = this._words;
    let c = Atomics.compareExchange(w, HELD, 0, 1);
    if (c === 0) return;
    if (c !== 2) c = Atomics.exchange(w, HELD, 2);
    while (c !== 0) {
      Atomics.wait(w, HELD, 2);
      c = Atomics.exchange(w, HELD, 2);
    }
  }

  unlock() {
    const w = this._words;
    Atomics.store(w, HOLDER, 0);
    Atomics.add(w, CHANGES, 1);
    if (Atomics.load(w, WAITERS) > 0) Atomics.notify(w, CHANGES);
    if (Atomics.exchange(w, HELD, 0) === 2) Atomics.notify(w, HELD, 1);
  }

  /**
   * Closes the gate on the instance in `slot`: once this returns, that
   * instance is outside the kernel and never enters it again, so its
   * worker can be terminated. The slot can then be given to a new one.
   */
  close(slot) {
    Atomics.add(this._words, GENERATION + slot, 1);
    this.lock();
    this.unlock();
  }

  /**
   * Releases the gate if the instance in `slot` holds it: its kernel
   * trapped, or a host function threw, inside (a kernel built without
   * exceptions unwinds no guard). The others go on; true if it did.
   */
  releaseIfHeldBy(slot) {
    if (Atomics.compareExchange(this._words, HOLDER, slot + 1, 0) !== slot + 1) return false;
    this.unlock();
    return true;
  }

  /** Counts the kernel's exits: read it before a call, wait for it to move. */
  changes() {
    return Atomics.load(this._words, CHANGES);
  }

  /** Process `pid`'s wake word: read it before a call, wait for it to move. */
  own(pid) {
    return Atomics.load(this._words, WAKE + (pid % WAKE_WORDS));
  }

  /**
   * Waits until process `pid` was sent a signal (its wake word moved since
   * it read `own`), or `timeoutMs` passed: for a process that waits for
   * its own events alone.
   */
  waitForOwn(pid, own, timeoutMs) {
    Atomics.wait(this._words, WAKE + (pid % WAKE_WORDS), own, timeoutMs);
  }

  /**
   * Waits until the kernel's state changed since `changes` was read, or
   * `timeoutMs` passed.
   */
  waitForChange(changes, timeoutMs) {
    const w = this._words;
    Atomics.add(w, WAITERS, 1);
    try {
      Atomics.wait(w, CHANGES, changes, timeoutMs);
    } finally {
      Atomics.sub(w, WAITERS, 1);
    }
  }
}
