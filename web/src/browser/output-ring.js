// Output from the workers of a box to the page through a ring in a
// SharedArrayBuffer, where the page may have one (cross-origin isolated).
// Each of the box's workers may write (the box's and every process's):
// one at a time, under the ring's lock, so that the page reads the output
// in the order it was written (a guest writes inside the kernel, which
// lets one thread in at a time). Unlike messages,
// which the worker can only post when a program writes, the page reads the
// ring on its own clock: what a program wrote just before it started a
// long computation still shows at once. A full ring makes the program
// wait until the page has taken some (backpressure). Output written to an
// empty ring also wakes the page with a message, so that an echo shows
// without waiting for the page's next look.
//
// Records: stream (1 byte), length (4 bytes, little-endian), the bytes.

import { concatBytes } from '../core/concat-bytes.js';

const WORDS = Object.freeze({ HEAD: 0, TAIL: 1, LOCK: 2, COUNT: 3 });
const RING_BYTES = 1 << 20;  // a power of two, so the counters may wrap
const HEADER = 5;
const MAX_RECORD = RING_BYTES / 4;
const WAIT_MS = 100;

/** @returns {SharedArrayBuffer} */
export function createOutputBuffer() {
  return new SharedArrayBuffer(WORDS.COUNT * 4 + RING_BYTES);
}

class Ring {
  /** @param {SharedArrayBuffer} buffer */
  constructor(buffer) {
    /** The ring's memory, which another worker's writer can take. */
    this.buffer = buffer;
    this._words = new Int32Array(buffer, 0, WORDS.COUNT);
    this._ring = new Uint8Array(buffer, WORDS.COUNT * 4);
  }

  _copyIn(at, bytes) {
    const start = at & (RING_BYTES - 1);
    const first = Math.min(bytes.length, RING_BYTES - start);
    this._ring.set(bytes.subarray(0, first), start);
    this._ring.set(bytes.subarray(first), 0);
  }

  _copyOut(at, length) {
    const start = at & (RING_BYTES - 1);
    const first = Math.min(length, RING_BYTES - start);
    const out = new Uint8Array(length);
    out.set(this._ring.subarray(start, start + first));
    out.set(this._ring.subarray(0, length - first), first);
    return out;
  }
}

/** A writer's end: one in each worker of the box. */
export class OutputWriter extends Ring {
  /** @param {() => void} wake  tells the page there is output */
  constructor(buffer, wake) {
    super(buffer);
    this._wake = wake;
  }

  write(stream, bytes) {
    this._lock();
    try {
      this._writeRecords(stream, bytes);
    } finally {
      this._unlock();
    }
  }

  _lock() {
    const w = this._words;
    while (Atomics.compareExchange(w, WORDS.LOCK, 0, 1) !== 0) Atomics.wait(w, WORDS.LOCK, 1, WAIT_MS);
  }

  _unlock() {
    Atomics.store(this._words, WORDS.LOCK, 0);
    Atomics.notify(this._words, WORDS.LOCK, 1);
  }

  _writeRecords(stream, bytes) {
    for (let at = 0; at < bytes.length; at += MAX_RECORD) {
      const part = bytes.subarray(at, at + MAX_RECORD);
      const head = this._waitForRoom(HEADER + part.length);
      const wasEmpty = Atomics.load(this._words, WORDS.TAIL) === head;
      const header = new Uint8Array(HEADER);
      header[0] = stream;
      new DataView(header.buffer).setUint32(1, part.length, true);
      this._copyIn(head, header);
      this._copyIn(head + HEADER, part);
      Atomics.store(this._words, WORDS.HEAD, (head + HEADER + part.length) | 0);
      if (wasEmpty) this._wake();
    }
  }

  /** Nothing is held back: the page reads what is written. */
  flush() {}

  _waitForRoom(need) {
    const w = this._words;
    const head = Atomics.load(w, WORDS.HEAD);
    for (;;) {
      const tail = Atomics.load(w, WORDS.TAIL);
      if (RING_BYTES - ((head - tail) >>> 0) >= need) return head;
      Atomics.wait(w, WORDS.TAIL, tail, WAIT_MS);
    }
  }
}

/** The page's end. */
export class OutputReader extends Ring {
  /** Takes everything written so far: [stream, bytes] in order, runs of a stream joined. */
  take() {
    return this._records().map(([stream, parts]) => [stream, concatBytes(parts)]);
  }

  _records() {
    const w = this._words;
    const head = Atomics.load(w, WORDS.HEAD);
    let tail = Atomics.load(w, WORDS.TAIL);
    const out = [];
    while (tail !== head) {
      const header = this._copyOut(tail, HEADER);
      const length = new DataView(header.buffer).getUint32(1, true);
      const bytes = this._copyOut(tail + HEADER, length);
      const last = out[out.length - 1];
      if (last?.[0] === header[0]) last[1].push(bytes);
      else out.push([header[0], [bytes]]);
      tail = (tail + HEADER + length) | 0;
    }
    Atomics.store(w, WORDS.TAIL, tail);
    Atomics.notify(w, WORDS.TAIL);
    return out;
  }
}
