// Tests of GuestMemories: views follow a memory's growth, a range outside
// is refused (never clamped), and addresses at or above 2 GiB work.
import { GuestMemories } from './guest-memory.js';

const PAGE = 65536;

function attached(memory, pid = 1) {
  const memories = new GuestMemories();
  memories.attach(pid, memory);
  return memories;
}

test('an unknown process has no view and size 0', () => {
  const memories = new GuestMemories();
  expect(memories.view(1, 0, 1)).toBeNull();
  expect(memories.size(1)).toBe(0);
});

test('a view is of the memory itself: writes through it reach the guest', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const memories = attached(memory);
  const v = memories.view(1, 100, 4);
  expect(v.buffer).toBe(memory.buffer);
  v[100] = 42;
  expect(new Uint8Array(memory.buffer)[100]).toBe(42);
  expect(memories.size(1)).toBe(PAGE);
});

test('a range ending at the end is inside; one byte further is refused, not clamped', () => {
  const memories = attached(new WebAssembly.Memory({ initial: 1 }));
  expect(memories.view(1, PAGE - 4, 4)).not.toBeNull();
  expect(memories.view(1, 0, PAGE)).not.toBeNull();
  expect(memories.view(1, PAGE, 0)).not.toBeNull();
  expect(memories.view(1, PAGE - 4, 5)).toBeNull();
  expect(memories.view(1, PAGE, 1)).toBeNull();
  expect(memories.view(1, 0, PAGE + 1)).toBeNull();
  expect(memories.view(1, 2 ** 32 - 1, 2)).toBeNull();
});

test('a negative address or length is refused', () => {
  // Addresses arrive as unsigned numbers; a negative one (an i32 not made
  // unsigned) would index from the end in subarray, or read undefined.
  const memories = attached(new WebAssembly.Memory({ initial: 1 }));
  expect(memories.view(1, -1, 2)).toBeNull();
  expect(memories.view(1, -PAGE, PAGE)).toBeNull();
  expect(memories.view(1, 8, -4)).toBeNull();
});

test('after memory.grow the view is rebuilt: the old buffer is detached', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const memories = attached(memory);
  const before = memories.view(1, 0, 16);
  expect(before.length).toBe(PAGE);
  memory.grow(1);
  expect(before.length).toBe(0);  // detached
  // A range inside the old size, and one only the new size holds.
  for (const [addr, len] of [[0, 16], [PAGE - 8, 16], [2 * PAGE - 1, 1]]) {
    const v = memories.view(1, addr, len);
    expect(v).not.toBeNull();
    expect(v.buffer).toBe(memory.buffer);
    expect(v.length).toBe(2 * PAGE);
  }
  expect(memories.view(1, 2 * PAGE - 1, 2)).toBeNull();
  expect(memories.size(1)).toBe(2 * PAGE);
  new Uint8Array(memory.buffer)[2 * PAGE - 1] = 9;
  expect(memories.view(1, 2 * PAGE - 1, 1)[2 * PAGE - 1]).toBe(9);
});

test('a shared memory that grew (its old buffer stays, shorter) gives the new size', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const memories = attached(memory);
  expect(memories.view(1, PAGE, 4)).toBeNull();
  memory.grow(2);
  const v = memories.view(1, 3 * PAGE - 4, 4);
  expect(v).not.toBeNull();
  expect(v.length).toBe(3 * PAGE);
  expect(memories.size(1)).toBe(3 * PAGE);
});

test('each process has its own memory; a detached one has none', () => {
  const small = new WebAssembly.Memory({ initial: 1 });
  const large = new WebAssembly.Memory({ initial: 2 });
  const memories = new GuestMemories();
  memories.attach(1, small);
  memories.attach(2, large);
  expect(memories.view(1, PAGE, 1)).toBeNull();
  expect(memories.view(2, PAGE, 1).buffer).toBe(large.buffer);
  memories.detach(2);
  expect(memories.view(2, 0, 1)).toBeNull();
  expect(memories.size(2)).toBe(0);
  expect(memories.view(1, 0, 1).buffer).toBe(small.buffer);
});

// The largest memory this machine gives: 4 GiB (65536 pages, which V8
// reserves without committing), or, where it refuses, the most a memory
// can grow to, halving the request until it succeeds.
function largestMemory() {
  for (let pages = 65536; pages >= 1; pages >>= 1) {
    try {
      return new WebAssembly.Memory({ initial: pages });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  throw new Error('no memory could be allocated');
}

test('addresses at and above 2 GiB work, up to the last byte of a 4 GiB memory', () => {
  const memory = largestMemory();
  const size = memory.buffer.byteLength;
  const memories = attached(memory);
  expect(memories.size(1)).toBe(size);
  if (size < 2 ** 32) {
    // Not silent: this machine could not give 4 GiB, so only the top of
    // what it gave is checked, and that 4 GiB addresses are refused.
    console.warn(`guest-memory.test: 4 GiB refused; checking a memory of ${size} bytes`);
    expect(memories.view(1, 0xfffff000, 0x1000)).toBeNull();
  }
  const top = size - 0x1000;
  const v = memories.view(1, top, 0x1000);
  expect(v).not.toBeNull();
  expect(v.length).toBe(size);
  v[size - 1] = 0xab;
  expect(new Uint8Array(memory.buffer)[size - 1]).toBe(0xab);
  expect(memories.view(1, size - 1, 1)[size - 1]).toBe(0xab);
  expect(memories.view(1, size - 1, 2)).toBeNull();
  expect(memories.view(1, size, 1)).toBeNull();
  if (size === 2 ** 32) {
    expect(memories.view(1, 0x80000000, 4)).not.toBeNull();
    expect(memories.view(1, 0xfffff000, 0x1000)).not.toBeNull();
    expect(memories.view(1, 0xffffffff, 2)).toBeNull();
    expect(memories.view(1, 0xffffffff, 0xffffffff)).toBeNull();
  }
});
