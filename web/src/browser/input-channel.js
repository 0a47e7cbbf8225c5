// The page's input for a box whose worker waits with Atomics.wait: a ring
// of bytes for stdin in a SharedArrayBuffer, plus words for the terminal's
// size and for signals the page raises. The page writes and never blocks
// (it cannot); the worker takes what is there, waiting while nothing is.

const WORDS = Object.freeze({ SEQ: 0, HEAD: 1, TAIL: 2, EOF: 3, COLS: 4, ROWS: 5, SIGNALS: 6, COUNT: 8 });
const RING_BYTES = 1 << 16;  // a power of two, so the counters may wrap

/** @returns {SharedArrayBuffer} */
export function createInputBuffer() {
  return new SharedArrayBuffer(WORDS.COUNT * 4 + RING_BYTES);
}

class Channel {
  constructor(buffer) {
    this._words = new Int32Array(buffer, 0, WORDS.COUNT);
    this._ring = new Uint8Array(buffer, WORDS.COUNT * 4);
  }

  _wake() {
    Atomics.add(this._words, WORDS.SEQ, 1);
    Atomics.notify(this._words, WORDS.SEQ);
  }
}

/** The page's end. */
export class InputWriter extends Channel {
  /** Copies what fits of `bytes` into the ring: the number of bytes taken. */
  write(bytes) {
    const w = this._words;
    const head = Atomics.load(w, WORDS.HEAD);
    const free = RING_BYTES - ((head - Atomics.load(w, WORDS.TAIL)) >>> 0);
    const n = Math.min(free, bytes.length);
    for (let i = 0; i < n; ++i) this._ring[(head + i) & (RING_BYTES - 1)] = bytes[i];
    Atomics.store(w, WORDS.HEAD, (head + n) | 0);
    if (n > 0) this._wake();
    return n;
  }

  end() {
    Atomics.store(this._words, WORDS.EOF, 1);
    this._wake();
  }

  resize(cols, rows) {
    Atomics.store(this._words, WORDS.COLS, cols);
    Atomics.store(this._words, WORDS.ROWS, rows);
    this._wake();
  }

  signal(sig) {
    Atomics.or(this._words, WORDS.SIGNALS, 1 << sig);
    this._wake();
  }

  /** Nothing to let go of: the ring goes with the box. */
  close() {}
}

/** The worker's end. */
export class InputReader extends Channel {
  /**
   * Waits up to `timeoutMs` for anything new, then takes it: stdin's
   * bytes, its end, and raised signals (bit n: signal n).
   */
  take(timeoutMs) {
    const w = this._words;
    const seq = Atomics.load(w, WORDS.SEQ);
    if (!this._pending()) Atomics.wait(w, WORDS.SEQ, seq, timeoutMs);
    // The end first: the page writes its last bytes before it, so the
    // head read next covers them all; no byte comes after the end.
    const eof = Atomics.exchange(w, WORDS.EOF, 0) === 1;
    const tail = Atomics.load(w, WORDS.TAIL);
    const n = (Atomics.load(w, WORDS.HEAD) - tail) >>> 0;
    const data = new Uint8Array(n);
    for (let i = 0; i < n; ++i) data[i] = this._ring[(tail + i) & (RING_BYTES - 1)];
    Atomics.store(w, WORDS.TAIL, (tail + n) | 0);
    const signals = Atomics.exchange(w, WORDS.SIGNALS, 0);
    return { data, eof, signals };
  }

  _pending() {
    const w = this._words;
    return Atomics.load(w, WORDS.HEAD) !== Atomics.load(w, WORDS.TAIL) ||
      Atomics.load(w, WORDS.EOF) !== 0 || Atomics.load(w, WORDS.SIGNALS) !== 0;
  }

  /** The size the page last set, or null. */
  size() {
    const cols = Atomics.load(this._words, WORDS.COLS);
    return cols > 0 ? { cols, rows: Atomics.load(this._words, WORDS.ROWS) } : null;
  }
}
