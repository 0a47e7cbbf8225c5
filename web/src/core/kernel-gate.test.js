import { KernelGate } from './kernel-gate.js';

// The gate's words as gate.cpp lays them out: held, changes, waiters,
// holder, then the generation of each slot.
const HELD = 0;
const CHANGES = 1;
const HOLDER = 3;

describe('the kernel gate', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const words = new Int32Array(memory.buffer);
  const gate = new KernelGate(memory, 0);

  // As an instance in `slot` that entered the kernel (gate.cpp's GateGuard).
  const enter = (slot) => {
    Atomics.store(words, HELD, 1);
    Atomics.store(words, HOLDER, slot + 1);
  };

  test('a gate an instance left held (its kernel trapped) is released for the others, once', () => {
    enter(5);
    const changes = gate.changes();
    expect(gate.releaseIfHeldBy(4)).toBe(false);
    expect(Atomics.load(words, HELD)).toBe(1);
    expect(gate.releaseIfHeldBy(5)).toBe(true);
    expect([Atomics.load(words, HELD), Atomics.load(words, HOLDER), gate.changes()]).toEqual([0, 0, changes + 1]);
    expect(gate.releaseIfHeldBy(5)).toBe(false);
  });

  test('the runtime\'s own hold names no instance', () => {
    gate.lock();
    expect(gate.releaseIfHeldBy(0)).toBe(false);
    gate.unlock();
    expect(Atomics.load(words, HELD)).toBe(0);
  });

  test('a process\'s wake word: a wait returns at once once it moved, else at its timeout', () => {
    const pid = 1030;  // shares its word with pid 6: a spurious wake-up is harmless
    const seen = gate.own(pid);
    const start = performance.now();
    gate.waitForOwn(pid, seen, 30);
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
    Atomics.add(words, 4 + 1024 + (pid % 1024), 1);  // as gate.cpp, for a signal
    expect(gate.own(6)).toBe(seen + 1);
    const again = performance.now();
    gate.waitForOwn(pid, seen, 5000);
    expect(performance.now() - again).toBeLessThan(1000);
  });

  test('closing a slot moves its generation', () => {
    const generation = (slot) => Atomics.load(words, 4 + slot);
    const before = generation(7);
    gate.close(7);
    expect(generation(7)).toBe(before + 1);
    expect(Atomics.load(words, HELD)).toBe(0);
  });
});
