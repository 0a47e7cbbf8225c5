import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FORK_GLOBAL_PREFIX } from '../core/abi.js';
import { leb, name, sleb } from '../core/wasm/binary.js';
import { callsFork, exportMutableGlobals, prepareForFork } from './fork-build.js';

const I32 = 0x7f;
const I64 = 0x7e;

// A section whose size is written in five bytes, as wasm-ld writes some.
function paddedSection(id, items) {
  const body = [...leb(items.length), ...items.flat()];
  const n = body.length;
  const size = [0x80 | (n & 0x7f), 0x80 | ((n >> 7) & 0x7f), 0x80, 0x80, 0];
  return [id, ...size, ...body];
}

function section(id, items) {
  const body = [...leb(items.length), ...items.flat()];
  return [id, ...leb(body.length), ...body];
}

/**
 * A module importing `imports` ([module, name] functions of type () -> i32,
 * and the immutable global env.base), with globals: 0 the import, 1 mutable
 * i32, 2 immutable i64, 3 mutable i32 set by global.get, 4 mutable i32
 * exported as "kept".
 */
function moduleBytes(imports = [], { padded = false } = {}) {
  const sec = padded ? paddedSection : section;
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [[0x60, 0, 1, I32]]),
    ...section(2, [
      ...imports.map(([m, n]) => [...name(m), ...name(n), 0, 0]),
      [...name('env'), ...name('base'), 3, I32, 0],
    ]),
    ...section(5, [[0, 1]]),
    ...section(6, [
      [I32, 1, 0x41, ...sleb(100), 0x0b],
      [I64, 0, 0x42, 0x7f, 0x0b],
      [I32, 1, 0x23, 0, 0x0b],
      [I32, 1, 0x41, 7, 0x0b],
    ]),
    ...sec(7, [[...name('memory'), 2, 0], [...name('kept'), 3, 4]]),
  ]);
}

const globalsOf = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes))
  .filter((e) => e.kind === 'global').map((e) => e.name);

describe('exportMutableGlobals', () => {
  test.each([false, true])('exports each mutable global not exported yet (padded sizes: %s)', (padded) => {
    const out = exportMutableGlobals(moduleBytes([], { padded }));
    expect(WebAssembly.validate(out)).toBe(true);
    expect(globalsOf(out)).toEqual(['kept', `${FORK_GLOBAL_PREFIX}1`, `${FORK_GLOBAL_PREFIX}3`]);
    const base = new WebAssembly.Global({ value: 'i32' }, 5);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(out), { env: { base } });
    expect(exports[`${FORK_GLOBAL_PREFIX}1`].value).toBe(100);
    expect(exports[`${FORK_GLOBAL_PREFIX}3`].value).toBe(5);
    exports[`${FORK_GLOBAL_PREFIX}1`].value = 9;  // mutable, as the runtime needs
    expect(exports[`${FORK_GLOBAL_PREFIX}1`].value).toBe(9);
  });

  test('a module whose mutable globals are all exported comes back as it was', () => {
    const once = exportMutableGlobals(moduleBytes());
    expect(exportMutableGlobals(once)).toBe(once);
  });
});

test('callsFork tells a module that imports wasmbox.proc_fork', () => {
  expect(callsFork(moduleBytes([['wasmbox', 'proc_fork']]))).toBe(true);
  expect(callsFork(moduleBytes([['wasmbox', 'proc_spawn'], ['other', 'proc_fork']]))).toBe(false);
});

describe('prepareForFork', () => {
  let dir;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wasmbox-fork-build-')); });
  afterEach(() => rmSync(dir, { recursive: true }));

  const prepare = (bytes, output, args, debug = false) => {
    writeFileSync(join(dir, 'prog.wasm'), bytes);
    const calls = [];
    const status = prepareForFork(join(dir, output), { args, debug, run: (cmd, a) => (calls.push([cmd, ...a]), { status: 0 }) });
    return { status, calls };
  };

  test('leaves a program that does not fork alone', () => {
    expect(prepare(moduleBytes(), 'prog.wasm', ['-O2'])).toEqual({ status: 0, calls: [] });
  });

  test('runs asyncify at the program\'s optimization level, then exports its globals', () => {
    const { status, calls } = prepare(moduleBytes([['wasmbox', 'proc_fork']]), 'prog.wasm', ['-O0', '-Os', 'x.c'], true);
    const path = join(dir, 'prog.wasm');
    expect({ status, calls }).toEqual({
      status: 0,
      calls: [['wasm-opt', path, '-o', path, '--asyncify',
        '--pass-arg=asyncify-imports@wasmbox.proc_fork,env.invoke_*', '-Os', '-g']],
    });
    expect(globalsOf(readFileSync(path))).toContain(`${FORK_GLOBAL_PREFIX}1`);
  });

  test('finds the module emcc wrote beside its JavaScript', () => {
    writeFileSync(join(dir, 'prog.js'), '// glue');
    const { calls } = prepare(moduleBytes([['wasmbox', 'proc_fork']]), 'prog.js', []);
    expect(calls[0].slice(0, 2)).toEqual(['wasm-opt', join(dir, 'prog.wasm')]);
    expect(calls[0]).not.toContain('-g');
  });

  test('reports wasm-opt\'s failure', () => {
    writeFileSync(join(dir, 'prog.wasm'), moduleBytes([['wasmbox', 'proc_fork']]));
    expect(prepareForFork(join(dir, 'prog.wasm'), { args: [], debug: false, run: () => ({ status: 3 }) })).toBe(3);
  });
});
