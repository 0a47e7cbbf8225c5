// Tests of the input channel: stdin's bytes through the 64 KiB ring (empty,
// full, across its end and its counters' wrap), its end, the terminal's
// size and signals; the reader's wait, woken from another thread.
import { jest } from '@jest/globals';
import { Worker } from 'node:worker_threads';

import { InputReader, InputWriter, createInputBuffer } from './input-channel.js';

// The layout the page and the worker share (see input-channel.js).
const RING_BYTES = 1 << 16;
const WORDS = { SEQ: 0, HEAD: 1, TAIL: 2, COUNT: 8 };

function pattern(length, seed) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; ++i) out[i] = (i * 17 + seed * 5 + (i >> 8)) & 0xff;
  return out;
}

function pair({ start } = {}) {
  const buffer = createInputBuffer();
  if (start !== undefined) {
    const words = new Int32Array(buffer, 0, WORDS.COUNT);
    words[WORDS.HEAD] = start;
    words[WORDS.TAIL] = start;
  }
  return { buffer, writer: new InputWriter(buffer), reader: new InputReader(buffer) };
}

const nothing = { data: new Uint8Array(0), eof: false, signals: 0 };

test('the buffer holds the control words and a ring of 64 KiB', () => {
  const buffer = createInputBuffer();
  expect(buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(buffer.byteLength).toBe(WORDS.COUNT * 4 + RING_BYTES);
});

test('an empty channel gives nothing once the timeout passes', () => {
  const { reader } = pair();
  expect(reader.take(0)).toEqual(nothing);
  const start = performance.now();
  expect(reader.take(60)).toEqual(nothing);
  expect(performance.now() - start).toBeGreaterThanOrEqual(50);
});

test('bytes written are taken once, in order, without waiting', () => {
  const { writer, reader } = pair();
  expect(writer.write(Uint8Array.of(1, 2, 3))).toBe(3);
  expect(writer.write(Uint8Array.of(4))).toBe(1);
  const start = performance.now();
  expect(reader.take(10_000)).toEqual({ data: Uint8Array.of(1, 2, 3, 4), eof: false, signals: 0 });
  expect(performance.now() - start).toBeLessThan(1000);
  expect(reader.take(0)).toEqual(nothing);
});

test('an empty write takes nothing', () => {
  const { writer, reader } = pair();
  expect(writer.write(new Uint8Array(0))).toBe(0);
  expect(reader.take(0)).toEqual(nothing);
});

test('a full ring takes what fits; the rest goes in once the reader took some', () => {
  const { writer, reader } = pair();
  const bytes = pattern(RING_BYTES + 1000, 1);
  expect(writer.write(bytes)).toBe(RING_BYTES);
  expect(writer.write(bytes.subarray(RING_BYTES))).toBe(0);
  expect(reader.take(0).data).toEqual(bytes.subarray(0, RING_BYTES));
  expect(writer.write(bytes.subarray(RING_BYTES))).toBe(1000);
  expect(reader.take(0).data).toEqual(bytes.subarray(RING_BYTES));
});

test('a nearly full ring takes exactly the room left', () => {
  const { writer, reader } = pair();
  expect(writer.write(pattern(RING_BYTES - 10, 2))).toBe(RING_BYTES - 10);
  expect(writer.write(pattern(25, 3))).toBe(10);
  const { data } = reader.take(0);
  expect(data).toHaveLength(RING_BYTES);
  expect(data.subarray(RING_BYTES - 10)).toEqual(pattern(10, 3));
});

// Sends `total` bytes in uneven writes, taking now and then, so that the
// ring's end is crossed at many offsets; the bytes must come out whole.
function stream(writer, reader, total) {
  const sent = pattern(total, 4);
  const got = new Uint8Array(total);
  let at = 0;
  let taken = 0;
  for (let round = 0; taken < total; ++round) {
    // A few writes, each of an uneven size, then one take.
    for (let i = 0; i < 3 && at < total; ++i) {
      const size = 1 + ((round * 7 + i) * 4099) % 30000;
      at += writer.write(sent.subarray(at, Math.min(total, at + size)));
    }
    const { data } = reader.take(0);
    got.set(data, taken);
    taken += data.length;
  }
  expect(taken).toBe(total);
  expect(Buffer.compare(got, sent)).toBe(0);
}

test('bytes totalling many times the ring cross its end intact', () => {
  const { writer, reader } = pair();
  stream(writer, reader, 10 * RING_BYTES + 123);
});

test.each([
  ['below the int32 maximum', 0x7fffffff - 100],
  ['below the unsigned wrap', -100],
])('the counters wrap: starting %s', (_, start) => {
  const { buffer, writer, reader } = pair({ start });
  // Full, with the head past the wrap and the tail before it.
  expect(writer.write(pattern(RING_BYTES + 5, 5))).toBe(RING_BYTES);
  const words = new Int32Array(buffer, 0, WORDS.COUNT);
  expect(Math.sign(words[WORDS.HEAD])).toBe(start > 0 ? -1 : 1);
  expect(writer.write(Uint8Array.of(1))).toBe(0);
  expect(reader.take(0).data).toEqual(pattern(RING_BYTES, 5));
  stream(writer, reader, 3 * RING_BYTES);
});

test('the end of input is taken once, with the bytes before it', () => {
  const { writer, reader } = pair();
  writer.write(Uint8Array.of(7, 8));
  writer.end();
  expect(reader.take(0)).toEqual({ data: Uint8Array.of(7, 8), eof: true, signals: 0 });
  expect(reader.take(0)).toEqual(nothing);
});

test('the end of input alone ends a wait at once', () => {
  const { writer, reader } = pair();
  writer.end();
  const start = performance.now();
  expect(reader.take(10_000)).toEqual({ data: new Uint8Array(0), eof: true, signals: 0 });
  expect(performance.now() - start).toBeLessThan(1000);
});

test('the window size is null until the page sets it, then the last size set', () => {
  const { writer, reader } = pair();
  expect(reader.size()).toBeNull();
  writer.resize(80, 24);
  expect(reader.size()).toEqual({ cols: 80, rows: 24 });
  writer.resize(132, 43);
  expect(reader.size()).toEqual({ cols: 132, rows: 43 });
  // Reading the size takes nothing and a take leaves it.
  expect(reader.take(0)).toEqual(nothing);
  expect(reader.size()).toEqual({ cols: 132, rows: 43 });
});

test('signals raised are taken once as a mask (bit n: signal n)', () => {
  const { writer, reader } = pair();
  writer.signal(2);
  writer.signal(15);
  writer.signal(2);
  const start = performance.now();
  expect(reader.take(10_000)).toEqual({ data: new Uint8Array(0), eof: false, signals: (1 << 2) | (1 << 15) });
  expect(performance.now() - start).toBeLessThan(1000);
  expect(reader.take(0)).toEqual(nothing);
});

test('signal 31 sets the mask\'s top bit', () => {
  const { writer, reader } = pair();
  writer.signal(31);
  expect(reader.take(0).signals >>> 0).toBe(2 ** 31);
});

test('bytes, end and signals raised together come in one take', () => {
  const { writer, reader } = pair();
  writer.write(Uint8Array.of(3));
  writer.signal(28);
  writer.end();
  expect(reader.take(0)).toEqual({ data: Uint8Array.of(3), eof: true, signals: 1 << 28 });
});

// The page writes from another thread while the worker waits, as in a box.
function startPage(buffer, actions) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { InputWriter } = await import(workerData.url);
      const writer = new InputWriter(workerData.buffer);
      for (const [method, ...args] of workerData.actions) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (method === 'write') writer.write(Uint8Array.from(args[0]));
        else writer[method](...args);
      }
      parentPort.postMessage('done');
    })();`;
  const url = new URL('./input-channel.js', import.meta.url).href;
  const worker = new Worker(code, { eval: true, workerData: { url, buffer, actions } });
  const finished = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, finished };
}

test.each([
  ['bytes', ['write', [104, 105]], { data: Uint8Array.of(104, 105), eof: false, signals: 0 }],
  ['the end', ['end'], { data: new Uint8Array(0), eof: true, signals: 0 }],
  ['a signal', ['signal', 2], { data: new Uint8Array(0), eof: false, signals: 1 << 2 }],
  // A size change has nothing to take but ends the wait, so the worker
  // looks at the new size at once.
  ['a size change', ['resize', 100, 30], nothing],
])('%s from the page end a waiting take', async (_, action, want) => {
  const buffer = createInputBuffer();
  const reader = new InputReader(buffer);
  const { worker, finished } = startPage(buffer, [action]);
  try {
    const start = performance.now();
    // This thread blocks here, as the box's worker does.
    expect(reader.take(10_000)).toEqual(want);
    expect(performance.now() - start).toBeLessThan(5000);
    await finished;
  } finally {
    await worker.terminate();
  }
});

// Input written, then ended, while a take is under way must not come out
// after the end: the reader must not see the end without the bytes
// written before it. The page's steps are run between each of the
// reader's atomic operations in turn.
test('no bytes come after the end, whenever the page writes and ends during a take', () => {
  for (let step = 1; ; ++step) {
    const { writer, reader } = pair();
    writer.write(Uint8Array.of(1));
    let calls = 0;
    let injected = false;
    const inject = () => {
      if (injected || ++calls !== step) return;
      injected = true;
      writer.write(Uint8Array.of(2));
      writer.end();
    };
    const spies = ['load', 'exchange', 'store'].map((name) => {
      const original = Atomics[name];
      return jest.spyOn(Atomics, name).mockImplementation((...args) => {
        const r = original(...args);
        inject();
        return r;
      });
    });
    let first;
    try {
      first = reader.take(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const second = reader.take(0);
    if (!injected) {
      expect(step).toBeGreaterThan(3);  // the take made at least that many
      break;
    }
    const bytes = [...first.data, ...second.data];
    expect(bytes).toEqual([1, 2]);
    // The end comes with the last bytes or after them, never before.
    if (first.eof) expect(second).toEqual(nothing);
    else expect(second.eof).toBe(true);
  }
});
