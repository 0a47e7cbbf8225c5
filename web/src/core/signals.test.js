// The runtime's signal numbers are the box's one table's
// (shim/guest/include/wasmbox/signals.h).
import { readFileSync } from 'node:fs';

import { Signal, isSignal, statusOfSignal } from './signals.js';

const header = readFileSync(new URL('../../../shim/guest/include/wasmbox/signals.h', import.meta.url), 'utf8');
const table = [...header.matchAll(/X\((\w+), (\d+), (TERM|IGN)\)/g)].map(([, name, n]) => [name, Number(n)]);

test('the table lists the 31 Linux signals', () => {
  expect(table.map(([, n]) => n)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
});

test('each signal has the number of the table', () => {
  expect(Object.entries(Signal)).toEqual(table);
});

test('a signal ends a process with status 128 + its number', () => {
  expect(statusOfSignal(Signal.INT)).toBe(130);
  expect(statusOfSignal(Signal.ABRT)).toBe(134);
});

test('only 1 to 31 are signals', () => {
  expect([0, 32, 33, -2, 1.5, '2'].filter(isSignal)).toEqual([]);
  expect([1, 2, 31].every(isSignal)).toBe(true);
});
