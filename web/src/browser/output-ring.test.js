// Tests of the output ring: records through the SharedArrayBuffer, across
// the ring's end and its counters' wrap, a full ring making the writer
// wait (a worker thread writes, as the box's worker does), writes larger
// than one record, and two writers at once (as the box's process workers
// write), each record whole.
import { jest } from '@jest/globals';
import { Worker } from 'node:worker_threads';

import { concatBytes } from '../core/concat-bytes.js';
import { OutputReader, OutputWriter, createOutputBuffer } from './output-ring.js';

// The layout the page and the workers share (see output-ring.js): three
// words (head, tail, the writers' lock), then the ring; a record is the
// stream (1 byte), its length (4 bytes, little-endian) and its bytes.
const RING_BYTES = 1 << 20;
const HEADER = 5;
const MAX_RECORD = RING_BYTES / 4;
const HEAD = 0;
const TAIL = 1;
const WORDS_BYTES = 3 * 4;

// Bytes that differ from record to record: `seed` picks the pattern.
function pattern(length, seed) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; ++i) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return out;
}

// The records as take() gives them: runs of one stream joined.
function joined(records) {
  const runs = [];
  for (const [stream, bytes] of records) {
    const last = runs[runs.length - 1];
    if (last?.[0] === stream) last[1].push(bytes);
    else runs.push([stream, [bytes]]);
  }
  return runs.map(([stream, parts]) => [stream, concatBytes(parts)]);
}

// Where two byte arrays first differ (-1: nowhere), and their lengths:
// quicker than toEqual on megabytes, and says where.
function difference(a, b) {
  const n = Math.min(a.length, b.length);
  let at = -1;
  for (let i = 0; i < n; ++i) {
    if (a[i] !== b[i]) {
      at = i;
      break;
    }
  }
  return { lengths: [a.length, b.length], firstDifference: at };
}

// take()'s records equal `want`: the same streams, the same bytes.
function expectRecords(got, want) {
  expect(got.map(([stream]) => stream)).toEqual(want.map(([stream]) => stream));
  got.forEach(([, bytes], i) => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(difference(bytes, want[i][1])).toEqual({ lengths: [want[i][1].length, want[i][1].length], firstDifference: -1 });
  });
}

function pair({ start } = {}) {
  const buffer = createOutputBuffer();
  if (start !== undefined) {
    const words = new Int32Array(buffer, 0, 2);
    words[HEAD] = start;
    words[TAIL] = start;
  }
  const wake = jest.fn();
  return { buffer, wake, writer: new OutputWriter(buffer, wake), reader: new OutputReader(buffer) };
}

test('the buffer holds the two counters, the lock and a ring of 1 MiB', () => {
  const buffer = createOutputBuffer();
  expect(buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(buffer.byteLength).toBe(WORDS_BYTES + RING_BYTES);
});

test('an empty ring gives nothing, as often as it is read', () => {
  const { reader } = pair();
  expect(reader.take()).toEqual([]);
  expect(reader.take()).toEqual([]);
});

test('an empty write writes no record and wakes no one', () => {
  const { writer, reader, wake } = pair();
  writer.write(1, new Uint8Array(0));
  expect(reader.take()).toEqual([]);
  expect(wake).not.toHaveBeenCalled();
});

test('records come out in order with their streams; runs of one stream are joined', () => {
  const { writer, reader } = pair();
  writer.write(1, Uint8Array.of(1, 2));
  writer.write(1, Uint8Array.of(3));
  writer.write(2, Uint8Array.of(4, 5, 6));
  writer.write(1, Uint8Array.of(7));
  writer.flush();  // nothing is held back: a no-op
  expect(reader.take()).toEqual([
    [1, Uint8Array.of(1, 2, 3)],
    [2, Uint8Array.of(4, 5, 6)],
    [1, Uint8Array.of(7)],
  ]);
  expect(reader.take()).toEqual([]);
});

test('the writer wakes the page only when it writes to an empty ring', () => {
  const { writer, reader, wake } = pair();
  writer.write(1, Uint8Array.of(1));
  expect(wake).toHaveBeenCalledTimes(1);
  writer.write(2, Uint8Array.of(2));
  expect(wake).toHaveBeenCalledTimes(1);
  reader.take();
  writer.write(1, Uint8Array.of(3));
  expect(wake).toHaveBeenCalledTimes(2);
});

test('a header and a payload split by the ring\'s end come out whole', () => {
  const { writer, reader } = pair();
  // Fill to 2 bytes before the end, taking as we go: the next header has
  // 2 bytes at the end of the ring and 3 at its start.
  const first = pattern(RING_BYTES / 2 - HEADER, 1);
  const second = pattern(RING_BYTES / 2 - 2 - HEADER, 2);
  writer.write(1, first);
  expectRecords(reader.take(), [[1, first]]);
  writer.write(2, second);
  expectRecords(reader.take(), [[2, second]]);
  const straddling = pattern(100, 3);
  writer.write(1, straddling);
  expectRecords(reader.take(), [[1, straddling]]);
  // Now at 103: fill to 50 bytes before the end, so the next payload
  // crosses it (header whole before the end).
  const filler = pattern(RING_BYTES - 103 - 50 - HEADER, 4);
  writer.write(2, filler);
  expectRecords(reader.take(), [[2, filler]]);
  const crossing = pattern(1000, 5);
  writer.write(1, crossing);
  expectRecords(reader.take(), [[1, crossing]]);
});

// Writes records of uneven sizes on alternating streams, in batches that
// fit in the ring, until `total` bytes went through; checks each batch.
function stream(writer, reader, total) {
  let written = 0;
  let seed = 0;
  while (written < total) {
    const batch = [];
    let used = 0;
    for (;;) {
      const length = 1 + ((seed * 7919) % 20000);
      if (used + HEADER + length > RING_BYTES) break;
      const record = [1 + (seed % 3 === 0 ? 1 : 0), pattern(length, seed)];
      writer.write(...record);
      batch.push(record);
      used += HEADER + length;
      ++seed;
    }
    expectRecords(reader.take(), joined(batch));
    written += used;
  }
  return seed;
}

test('records totalling several times the ring keep their bytes, order and streams', () => {
  const { writer, reader } = pair();
  const records = stream(writer, reader, 6 * RING_BYTES);
  expect(records).toBeGreaterThan(500);
  expect(reader.take()).toEqual([]);
});

test.each([
  ['below the int32 maximum', 0x7fffffff - 3000],
  ['below the unsigned wrap', -3000],
])('the counters wrap: starting %s', (_, start) => {
  const { writer, reader, buffer } = pair({ start });
  stream(writer, reader, 3 * RING_BYTES);
  const words = new Int32Array(buffer, 0, 2);
  expect(words[HEAD]).toBe(words[TAIL]);
  // The head went past the wrap: it is now a small number of the other sign.
  expect(Math.sign(words[HEAD])).toBe(start > 0 ? -1 : 1);
});

test('a write larger than a record is split into records of at most 256 KiB', () => {
  const { buffer, writer, reader } = pair();
  const bytes = pattern(MAX_RECORD + 10, 9);
  writer.write(2, bytes);
  const ring = new Uint8Array(buffer, WORDS_BYTES);
  const view = new DataView(buffer, WORDS_BYTES);
  expect(ring[0]).toBe(2);
  expect(view.getUint32(1, true)).toBe(MAX_RECORD);
  expect(ring[HEADER + MAX_RECORD]).toBe(2);
  expect(view.getUint32(HEADER + MAX_RECORD + 1, true)).toBe(10);
  expect(new Int32Array(buffer, 0, 2)[HEAD]).toBe(2 * HEADER + MAX_RECORD + 10);
  expectRecords(reader.take(), [[2, bytes]]);
});

test('a record of exactly 256 KiB stays one record', () => {
  const { buffer, writer, reader } = pair();
  const bytes = pattern(MAX_RECORD, 10);
  writer.write(1, bytes);
  expect(new Int32Array(buffer, 0, 2)[HEAD]).toBe(HEADER + MAX_RECORD);
  expectRecords(reader.take(), [[1, bytes]]);
});

// A writer in a worker thread, as in the box's worker: it writes
// `lengths.length` records and counts each one done in `progress`; with
// `go`, once its word is set (so that several writers start together).
function startWriter(buffer, progress, lengths, stream, go = null) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { OutputWriter } = await import(workerData.url);
      const { buffer, progress, lengths, stream, go } = workerData;
      if (go) Atomics.wait(new Int32Array(go), 0, 0);
      const done = new Int32Array(progress);
      const writer = new OutputWriter(buffer, () => {});
      lengths.forEach((length, i) => {
        const bytes = new Uint8Array(length);
        for (let j = 0; j < length; ++j) bytes[j] = (i * 13 + j) & 0xff;
        writer.write(stream, bytes);
        Atomics.store(done, 0, i + 1);
        Atomics.notify(done, 0);
      });
      parentPort.postMessage('done');
    })();`;
  const url = new URL('./output-ring.js', import.meta.url).href;
  const worker = new Worker(code, { eval: true, workerData: { url, buffer, progress, lengths, stream, go } });
  const finished = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, finished };
}

function expected(lengths) {
  return lengths.map((length, i) => {
    const bytes = new Uint8Array(length);
    for (let j = 0; j < length; ++j) bytes[j] = (i * 13 + j) & 0xff;
    return bytes;
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits (without blocking the thread) until `done` reaches `count`.
async function until(done, count) {
  for (let i = 0; i < 500 && Atomics.load(done, 0) < count; ++i) await sleep(10);
  expect(Atomics.load(done, 0)).toBe(count);
}

test('a full ring makes the writer wait until the reader takes some', async () => {
  const buffer = createOutputBuffer();
  const reader = new OutputReader(buffer);
  const progress = new SharedArrayBuffer(4);
  const done = new Int32Array(progress);
  // Records of 64 KiB with their headers: 16 fill the ring exactly.
  const lengths = Array(20).fill(65536 - HEADER);
  const { worker, finished } = startWriter(buffer, progress, lengths, 1);
  try {
    await until(done, 16);
    // The 17th finds no room: the writer waits (it looks again every
    // 100 ms; give it several looks).
    await sleep(400);
    expect(Atomics.load(done, 0)).toBe(16);
    expectRecords(reader.take(), [[1, concatBytes(expected(lengths).slice(0, 16))]]);
    await finished;
    expect(Atomics.load(done, 0)).toBe(20);
    expectRecords(reader.take(), [[1, concatBytes(expected(lengths).slice(16))]]);
  } finally {
    await worker.terminate();
  }
});

test('one free byte too few is full: the writer waits for room for the whole record', async () => {
  const buffer = createOutputBuffer();
  const reader = new OutputReader(buffer);
  const progress = new SharedArrayBuffer(4);
  const done = new Int32Array(progress);
  // Four records of RING_BYTES / 4 - 3 bytes with their headers leave 12
  // bytes free; the fifth needs 13 (8 and its header).
  const lengths = [...Array(4).fill(RING_BYTES / 4 - HEADER - 3), 8];
  const { worker, finished } = startWriter(buffer, progress, lengths, 2);
  try {
    await until(done, 4);
    await sleep(300);
    expect(Atomics.load(done, 0)).toBe(4);
    expectRecords(reader.take(), [[2, concatBytes(expected(lengths).slice(0, 4))]]);
    await finished;
    expectRecords(reader.take(), [[2, expected(lengths)[4]]]);
  } finally {
    await worker.terminate();
  }
});

test('a write larger than the whole ring goes through while the reader takes', async () => {
  const buffer = createOutputBuffer();
  const reader = new OutputReader(buffer);
  const progress = new SharedArrayBuffer(4);
  const done = new Int32Array(progress);
  const lengths = [3 * RING_BYTES + 12345];
  const { worker, finished } = startWriter(buffer, progress, lengths, 1);
  try {
    const parts = [];
    let settled = false;
    finished.then(() => { settled = true; });
    while (!settled) {
      for (const [stream, bytes] of reader.take()) {
        expect(stream).toBe(1);
        parts.push(bytes);
      }
      await sleep(5);
    }
    for (const [, bytes] of reader.take()) parts.push(bytes);
    expect(Atomics.load(done, 0)).toBe(1);
    expectRecords([[1, concatBytes(parts)]], [[1, expected(lengths)[0]]]);
  } finally {
    await worker.terminate();
  }
});

test('two writers at once: every record comes out whole, each writer\'s in its order', async () => {
  const buffer = createOutputBuffer();
  const reader = new OutputReader(buffer);
  const lengths = Array.from({ length: 20000 }, (_, i) => 1 + ((i * 7919) % 300));
  const go = new SharedArrayBuffer(4);
  const writers = [1, 2].map((stream) => startWriter(buffer, new SharedArrayBuffer(4), lengths, stream, go));
  await sleep(300);  // both waiting to start
  Atomics.store(new Int32Array(go), 0, 1);
  Atomics.notify(new Int32Array(go), 0);
  const got = { 1: [], 2: [] };
  const drain = () => {
    for (const [stream, bytes] of reader.take()) got[stream].push(bytes);
  };
  let finished = false;
  const both = Promise.all(writers.map((w) => w.finished)).then(() => { finished = true; });
  try {
    while (!finished) {
      drain();
      await sleep(1);
    }
    await both;
    drain();
  } finally {
    for (const { worker } of writers) await worker.terminate();
  }
  // A stream's runs are joined: each writer's records, whole and in order.
  for (const stream of [1, 2]) {
    const want = concatBytes(expected(lengths));
    expect(difference(concatBytes(got[stream]), want)).toEqual({ lengths: [want.length, want.length], firstDifference: -1 });
  }
});
