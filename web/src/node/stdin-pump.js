// Runs in a worker thread: reads the process's stdin (blocking is fine
// here) and hands each chunk to the guest's thread through a shared
// buffer, so the guest can wait for input with a timeout (Atomics.wait).
//
// The guest's thread takes input only when the guest waits for it. When
// the terminal's interrupt key arrives and the guest does not take it soon
// (it computes without calling the kernel), the pump interrupts this
// process as the real terminal would have: Node restores the terminal and
// dies of SIGINT.
import { readSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { workerData } from 'node:worker_threads';

import { SLOT } from './stdin-slot.js';

const { control, data } = workerData;
const ctrl = new Int32Array(control);
const bytes = new Uint8Array(data);
const chunk = new Uint8Array(bytes.length);
const INTERRUPT_GRACE_MS = 300;

function publish(n, eof) {
  // Wait until the guest side has taken the previous chunk.
  while (Atomics.load(ctrl, SLOT.LENGTH) !== 0) Atomics.wait(ctrl, SLOT.LENGTH, Atomics.load(ctrl, SLOT.LENGTH));
  bytes.set(chunk.subarray(0, n));
  Atomics.store(ctrl, SLOT.LENGTH, n);
  if (eof) Atomics.store(ctrl, SLOT.EOF, 1);
  Atomics.add(ctrl, SLOT.SEQ, 1);
  Atomics.notify(ctrl, SLOT.SEQ);
}

// Shows the key as the line discipline's echo would (^C), then dies of it.
function interrupt(key) {
  const screen = isatty(1) ? 1 : 2;
  try {
    writeSync(screen, `^${String.fromCharCode(key ^ 0x40)}`);
  } catch {
    // the terminal is gone; the interrupt still stands
  }
  process.kill(process.pid, 'SIGINT');
}

for (;;) {
  let n;
  try {
    n = readSync(0, chunk, 0, chunk.length, null);
  } catch (e) {
    if (e.code === 'EAGAIN') {
      Atomics.wait(ctrl, SLOT.SEQ, Atomics.load(ctrl, SLOT.SEQ), 10);
      continue;
    }
    n = 0;  // EOF for a closed or unreadable stdin
  }
  if (n === 0) {
    publish(0, true);
    break;
  }
  publish(n, false);
  const key = Atomics.load(ctrl, SLOT.INTR);
  if (key >= 0 && chunk.subarray(0, n).includes(key)) {
    Atomics.wait(ctrl, SLOT.LENGTH, n, INTERRUPT_GRACE_MS);
    if (Atomics.load(ctrl, SLOT.LENGTH) !== 0) interrupt(key);
  }
}
