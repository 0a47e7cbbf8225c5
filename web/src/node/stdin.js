// The guest side of stdin in Node: starts the pump thread the first time a
// process waits for input (or at once for a terminal, so that its interrupt
// key is seen even while the guest computes), then waits on the shared slot
// with a timeout.
import { Worker } from 'node:worker_threads';

import { CHUNK_BYTES, SLOT } from './stdin-slot.js';

export class StdinSource {
  constructor() {
    this._ctrl = null;
    this._bytes = null;
    this._eof = false;
    this._interruptKey = 3;
  }

  start() {
    if (this._ctrl) return;
    const control = new SharedArrayBuffer(SLOT.WORDS * 4);
    const data = new SharedArrayBuffer(CHUNK_BYTES);
    this._ctrl = new Int32Array(control);
    this._bytes = new Uint8Array(data);
    this._ctrl[SLOT.INTR] = this._interruptKey;
    const worker = new Worker(new URL('./stdin-pump.js', import.meta.url), {
      workerData: { control, data },
      stdin: false,
    });
    // The pump must never keep the process alive once the guest is done.
    worker.unref();
  }

  /** Sets the byte the pump treats as an interrupt (-1: none). */
  setInterruptKey(key) {
    this._interruptKey = key;
    if (this._ctrl) Atomics.store(this._ctrl, SLOT.INTR, key);
  }

  /**
   * Waits up to `timeoutMs` for stdin; returns the chunk that arrived (or
   * EOF), or null on timeout.
   * @returns {{data: Uint8Array, eof: boolean} | null}
   */
  read(timeoutMs) {
    if (this._eof) return { data: new Uint8Array(0), eof: true };
    this.start();
    const ctrl = this._ctrl;
    const seq = Atomics.load(ctrl, SLOT.SEQ);
    if (Atomics.load(ctrl, SLOT.LENGTH) === 0 && Atomics.load(ctrl, SLOT.EOF) === 0) {
      Atomics.wait(ctrl, SLOT.SEQ, seq, timeoutMs);
    }
    const n = Atomics.load(ctrl, SLOT.LENGTH);
    const eof = Atomics.load(ctrl, SLOT.EOF) === 1 && n === 0;
    if (n === 0 && !eof) return null;
    const data = this._bytes.slice(0, n);
    Atomics.store(ctrl, SLOT.LENGTH, 0);
    Atomics.notify(ctrl, SLOT.LENGTH);
    this._eof = eof;
    return { data, eof };
  }
}
