import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../../../../tests/runtime/helpers.js';
import { HEADER, SECTION, leb, name, section, vec } from './binary.js';
import { PREEMPT_IMPORT, addPreemption } from './preempt.js';

const I32 = 0x7f;
const FUNC_TYPE = 0x60;
const fn = (params, results) => [FUNC_TYPE, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))];
const body = (locals, code) => {
  const bytes = [...vec(locals), ...code, 0x0b];
  return [...leb(bytes.length), ...bytes];
};
const custom = (title, bytes) => {
  const content = [...name(title), ...bytes];
  return [SECTION.CUSTOM, ...leb(content.length), ...content];
};

// A module that has no type without parameters and results, imports a
// function (so the functions it defines move up by one) and names its
// functions in a table, an export, an element segment and its name
// section.
//   0 env.double(x)      imported
//   1 sum(n)             a loop adding 0 .. n-1
//   2 viaTable(n)        sum(n) through the table, then double
//   3 boom()             calls inner()
//   4 inner()            unreachable
function sample() {
  const types = [fn([I32], [I32]), fn([], [I32])];
  const imports = [[...name('env'), ...name('double'), 0, 0]];
  const functions = [[0], [0], [1], [1]];
  const table = [[0x70, 0x00, 2]];
  const exports = [
    [...name('sum'), 0, 1], [...name('viaTable'), 0, 2], [...name('boom'), 0, 3],
  ];
  const elements = [[0x00, 0x41, 0, 0x0b, ...vec([[1], [0]])]];  // table[0] = sum, [1] = double
  const code = [
    body([[2, I32]], [  // locals 1: i, 2: total
      0x02, 0x40, 0x03, 0x40,
      0x20, 1, 0x20, 0, 0x4e, 0x0d, 1,  // i >= n: out
      0x20, 2, 0x20, 1, 0x6a, 0x21, 2,  // total += i
      0x20, 1, 0x41, 1, 0x6a, 0x21, 1,  // ++i
      0x0c, 0,
      0x0b, 0x0b,
      0x20, 2,
    ]),
    body([], [
      0x20, 0, 0x41, 1, 0x11, 0, 0,  // table[1](n): double
      0x41, 0, 0x11, 0, 0,  // table[0](...): sum
    ]),
    body([], [0x10, 4]),
    body([], [0x00]),
  ];
  const names = [1, ...vec([[...leb(1), ...name('sum')], [...leb(4), ...name('inner')]])];
  return new Uint8Array([
    ...HEADER,
    ...section(SECTION.TYPE, types),
    ...section(SECTION.IMPORT, imports),
    ...section(SECTION.FUNCTION, functions),
    ...section(SECTION.TABLE, table),
    ...section(SECTION.EXPORT, exports),
    ...section(SECTION.ELEMENT, elements),
    ...section(SECTION.CODE, code),
    ...custom('name', [names[0], ...leb(names.length - 1), ...names.slice(1)]),
  ]);
}

function instantiate(bytes, ticks) {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    env: { double: (x) => 2 * x },
    [PREEMPT_IMPORT.module]: { [PREEMPT_IMPORT.name]: () => { ticks.count += 1; } },
  }).exports;
}

describe('preemption points', () => {
  const original = sample();
  const rewritten = addPreemption(original);
  const ticks = { count: 0 };
  const exports = instantiate(rewritten, ticks);

  beforeEach(() => { ticks.count = 0; });

  test('the module computes as before, and its loops tick once per budget', () => {
    const plain = instantiate(original, { count: 0 });
    expect(exports.sum(100000)).toBe(plain.sum(100000));
    // A budget of 10000 checks, one per iteration.
    expect(ticks.count).toBe(10);
    expect(exports.sum(5)).toBe(10);
  });

  test('it imports the tick after its own imports, and the calls, the table and the exports follow', () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(rewritten));
    expect(imports.map((i) => `${i.module}.${i.name}`)).toEqual(['env.double', `${PREEMPT_IMPORT.module}.${PREEMPT_IMPORT.name}`]);
    expect(exports.viaTable(3)).toBe(15);  // sum(double(3))
  });

  test('a trap still names its function (the name section follows)', () => {
    expect(() => exports.boom()).toThrow(WebAssembly.RuntimeError);
    try {
      exports.boom();
    } catch (e) {
      expect(e.stack).toMatch(/at inner \(wasm:/);
    }
  });

  test('a function that calls another ticks at its entry; one that calls none does not', () => {
    // boom calls inner, which calls none: a budget of 10000 checks is spent
    // by 10000 calls of boom.
    for (let i = 0; i < 20000; ++i) {
      try { exports.boom(); } catch { /* the trap */ }
    }
    expect(ticks.count).toBe(2);
  });

  test('a module it cannot read, or should not rewrite, is left alone', () => {
    expect(addPreemption(new Uint8Array([...HEADER, 10, 5, 1, 3, 0, 0xfb, 0x00]))).toBeNull();  // GC
    expect(addPreemption(new Uint8Array([1, 2, 3]))).toBeNull();
    // A start function runs from JS, as the module is instantiated (the
    // section, out of its place, is found all the same).
    expect(addPreemption(new Uint8Array([...original, SECTION.START, 1, 1]))).toBeNull();
    // An object file: its relocations name code offsets.
    expect(addPreemption(new Uint8Array([...original, ...custom('reloc.CODE', [0])]))).toBeNull();
  });

  // Every program the build made: rewritten, each still compiles and keeps
  // its imports and exports.
  test.each(['build/guest-cc/wasi', 'build/guest-cc/emscripten', 'build/base-root/bin'])('the programs in %s stay valid', (dir) => {
    // The links of a multi-call program (busybox) are read once.
    const files = new Set(readdirSync(join(ROOT, dir)).map((f) => realpathSync(join(ROOT, dir, f))));
    const modules = [...files].map((f) => new Uint8Array(readFileSync(f))).filter((b) => b[0] === 0 && b[1] === 0x61);
    expect(modules.length).toBeGreaterThan(0);
    for (const bytes of modules) {
      const before = new WebAssembly.Module(bytes);
      const after = new WebAssembly.Module(addPreemption(bytes));
      expect(WebAssembly.Module.exports(after)).toEqual(WebAssembly.Module.exports(before));
      expect(WebAssembly.Module.imports(after)).toEqual([
        ...WebAssembly.Module.imports(before), { ...PREEMPT_IMPORT, kind: 'function' },
      ]);
    }
  });
});
