// Output on its way from the worker to the page. Posting every write
// would flood the page with messages when a program prints a lot, so
// writes that follow each other closely go as one message; the first
// write after a pause goes at once, so a prompt never waits.

import { concatBytes } from '../core/concat-bytes.js';

const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 8;

export class OutputBatcher {
  /**
   * @param {(stream: number, data: Uint8Array) => void} send
   * @param {{holdMs?: number}} [options]  how long after a message writes
   *   are held for the next; 0 where no later flush could come (guests
   *   nested in a worker whose event loop they hold)
   */
  constructor(send, { holdMs = BATCH_MS } = {}) {
    this._send = send;
    this._holdMs = holdMs;
    this._stream = -1;
    this._parts = [];
    this._bytes = 0;
    this._sentAt = -Infinity;
  }

  write(stream, bytes) {
    if (stream !== this._stream) this.flush();
    this._stream = stream;
    this._parts.push(bytes.slice());
    this._bytes += bytes.length;
    if (this._bytes >= BATCH_BYTES || performance.now() - this._sentAt >= this._holdMs) this.flush();
  }

  flush() {
    if (this._parts.length === 0) return;
    const data = this._parts.length === 1 ? this._parts[0] : concatBytes(this._parts, this._bytes);
    this._parts = [];
    this._bytes = 0;
    this._sentAt = performance.now();
    this._send(this._stream, data);
  }
}
