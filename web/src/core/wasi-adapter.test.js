// Tests of the adapter's encoder: its LEB128, that the module it builds
// validates, imports and exports what abi.js lists with the spec's types
// (read back from the bytes, and checked by linking guests), and that a
// blocking call goes to its slow path exactly when the kernel answers
// "would block". The kernel is a fake: an object of JS functions.
import { readFileSync } from 'node:fs';

import { IMPORT_SIGNATURES, NO_RESULT, WASI_MODULE, WOULD_BLOCK, blockingImports } from './abi.js';
import { VIA_JS, compileWasiAdapter } from './imports.js';
import { ADAPTER_FUNCTIONS, adapterBytes, slowKey } from './wasi-adapter.js';
import { leb, name, sleb } from './wasm/binary.js';

const I32 = 0x7f;
const I64 = 0x7e;
const PID = 7;
// The calls that may block, as the runtime reads them from the built kernel.
const BLOCKING_IMPORTS = blockingImports(WebAssembly.Module.exports(
  new WebAssembly.Module(readFileSync(new URL('../../dist/kernel.wasm', import.meta.url)))).map((e) => e.name));

const hasResult = (module, name) => !(module === WASI_MODULE && NO_RESULT.has(name));
const valueTypes = (params) => [...params].map((p) => (p === 'j' ? I64 : I32));

// Reads an unsigned or signed LEB128 number at `at`: [value, next offset].
function readLeb(bytes, at, signed = false) {
  let value = 0n;
  let shift = 0n;
  let byte;
  do {
    byte = bytes[at++];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (signed && (byte & 0x40)) value -= 1n << shift;
  return [Number(value), at];
}

describe('LEB128', () => {
  test.each([
    [0, [0x00]],
    [1, [0x01]],
    [63, [0x3f]],
    [64, [0x40]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16383, [0xff, 0x7f]],
    [16384, [0x80, 0x80, 0x01]],
    [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [2 ** 31, [0x80, 0x80, 0x80, 0x80, 0x08]],
    [2 ** 32 - 1, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('unsigned %d', (n, bytes) => {
    expect(leb(n)).toEqual(bytes);
    expect(readLeb(leb(n), 0)).toEqual([n, bytes.length]);
  });

  test.each([
    [0, [0x00]],
    [1, [0x01]],
    [63, [0x3f]],
    [64, [0xc0, 0x00]],  // bit 6 set would read as negative: one more byte
    [127, [0xff, 0x00]],
    [128, [0x80, 0x01]],
    [WOULD_BLOCK, [0xff, 0xff, 0x03]],
    [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [-1, [0x7f]],
    [-64, [0x40]],
    [-65, [0xbf, 0x7f]],
    [-128, [0x80, 0x7f]],
    [-129, [0xff, 0x7e]],
    [-WOULD_BLOCK, [0x81, 0x80, 0x7c]],
    [-(2 ** 31), [0x80, 0x80, 0x80, 0x80, 0x78]],
  ])('signed %d', (n, bytes) => {
    expect(sleb(n)).toEqual(bytes);
    expect(readLeb(sleb(n), 0, true)).toEqual([n, bytes.length]);
  });
});

// The sections of a module this encoder writes (types, imports, functions,
// exports), read back from its bytes.
function decode(bytes) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const out = { types: [], imports: [], functions: [], exports: [] };
  let at = 8;
  const u = () => {
    const [v, next] = readLeb(bytes, at);
    at = next;
    return v;
  };
  const str = () => {
    const n = u();
    const s = new TextDecoder().decode(bytes.subarray(at, at + n));
    at += n;
    return s;
  };
  const vec = (item) => Array.from({ length: u() }, item);
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u();
    const end = at + size;
    if (id === 1) {
      out.types = vec(() => {
        expect(bytes[at++]).toBe(0x60);
        return { params: vec(() => bytes[at++]), results: vec(() => bytes[at++]) };
      });
    } else if (id === 2) {
      out.imports = vec(() => {
        const module = str();
        const name = str();
        const kind = bytes[at++];
        if (kind === 0) return { module, name, kind: 'function', type: u() };
        expect(kind).toBe(3);
        return { module, name, kind: 'global', valueType: bytes[at++], mutable: bytes[at++] };
      });
    } else if (id === 3) {
      out.functions = vec(() => u());
    } else if (id === 7) {
      out.exports = vec(() => ({ name: str(), kind: bytes[at++], index: u() }));
    }
    at = end;
  }
  expect(at).toBe(bytes.length);
  return out;
}

test('ADAPTER_FUNCTIONS lists every import of abi.js once, with its types', () => {
  const listed = Object.entries(IMPORT_SIGNATURES).flatMap(
    ([module, fns]) => Object.entries(fns).map(([name, params]) => [`${module}.${name}`, module, name, params]));
  expect(ADAPTER_FUNCTIONS).toEqual(listed);
  expect(new Set(ADAPTER_FUNCTIONS.map(([key]) => key)).size).toBe(ADAPTER_FUNCTIONS.length);
  expect(Object.isFrozen(ADAPTER_FUNCTIONS)).toBe(true);
});

describe.each([
  ['as the runtime builds it', VIA_JS, BLOCKING_IMPORTS],
  ['with no JS calls and nothing blocking', new Set(), new Map()],
  ['with every call blocking', new Set(), new Map(ADAPTER_FUNCTIONS
    .filter(([, module, name]) => hasResult(module, name)).map(([key], i) => [key, i % 2 ? -i : i * 1000]))],
])('the adapter %s', (_, viaJs, blocking) => {
  const bytes = adapterBytes(viaJs, blocking);
  const module = decode(bytes);
  const funcImports = module.imports.filter((i) => i.kind === 'function');
  const typeOf = (index) => {
    const t = index < funcImports.length ? funcImports[index].type : module.functions[index - funcImports.length];
    return module.types[t];
  };

  test('validates and compiles', () => {
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(() => new WebAssembly.Module(bytes)).not.toThrow();
  });

  test('exports each import "module.name" with the spec\'s type, and nothing else', () => {
    expect(module.exports.map((e) => e.name)).toEqual(ADAPTER_FUNCTIONS.map(([key]) => key));
    // Function indices past 127 take two LEB128 bytes, in calls and exports.
    expect(Math.max(...module.exports.map((e) => e.index))).toBeGreaterThan(127);
    for (const [key, mod, name, params] of ADAPTER_FUNCTIONS) {
      const e = module.exports.find((x) => x.name === key);
      expect(e.kind).toBe(0);
      expect(e.index).toBeGreaterThanOrEqual(funcImports.length);  // its own code, not an import
      expect(typeOf(e.index)).toEqual({ params: valueTypes(params), results: hasResult(mod, name) ? [I32] : [] });
    }
  });

  test('imports from "k" each kernel call (pid first unless via JS), each slow path, and the pid', () => {
    const expected = [
      ...ADAPTER_FUNCTIONS.map(([key, mod, name, params]) => ({
        name: key,
        params: [...(viaJs.has(key) ? [] : [I32]), ...valueTypes(params)],
        results: hasResult(mod, name) ? [I32] : [],
      })),
      ...ADAPTER_FUNCTIONS.filter(([key]) => blocking.has(key)).map(([key, , , params]) => ({
        name: slowKey(key), params: valueTypes(params), results: [I32],
      })),
    ];
    expect(funcImports.map((i) => ({ name: i.name, ...module.types[i.type] }))).toEqual(expected);
    expect(module.imports.every((i) => i.module === 'k')).toBe(true);
    expect(module.imports.filter((i) => i.kind === 'global'))
      .toEqual([{ module: 'k', name: 'pid', kind: 'global', valueType: I32, mutable: 0 }]);
    expect(module.imports).toHaveLength(ADAPTER_FUNCTIONS.length + blocking.size + 1);
  });

  test('the WebAssembly API reads the same imports and exports', () => {
    const compiled = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(compiled)).toEqual(
      module.imports.map(({ module: m, name, kind }) => ({ module: m, name, kind })));
    expect(WebAssembly.Module.exports(compiled).map((e) => e.name)).toEqual(ADAPTER_FUNCTIONS.map(([key]) => key));
  });
});

test('compileWasiAdapter compiles the adapter the runtime binds', async () => {
  const compiled = await compileWasiAdapter(BLOCKING_IMPORTS);
  const mine = new WebAssembly.Module(adapterBytes(VIA_JS, BLOCKING_IMPORTS));
  expect(WebAssembly.Module.imports(compiled)).toEqual(WebAssembly.Module.imports(mine));
  expect(WebAssembly.Module.exports(compiled)).toEqual(WebAssembly.Module.exports(mine));
});

// A fake kernel: every call recorded, answering `answer(key)`.
function fakeKernel(viaJs, blocking, answer, slowAnswer = () => -5) {
  const calls = [];
  const k = { pid: PID };
  for (const [key] of ADAPTER_FUNCTIONS) {
    k[key] = (...args) => {
      calls.push([key, ...args]);
      return answer(key);
    };
    if (blocking.has(key)) {
      k[slowKey(key)] = (...args) => {
        calls.push([slowKey(key), ...args]);
        return slowAnswer(key);
      };
    }
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(adapterBytes(viaJs, blocking)), { k });
  return { calls, exports: instance.exports };
}

// Arguments of a call's types: i32 edge values, i64 as BigInt.
const I32_ARGS = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 12345];
const I64_ARGS = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1n << 40n];
const argsFor = (params, seed) => [...params].map((p, i) => (p === 'j'
  ? I64_ARGS[(seed + i) % I64_ARGS.length]
  : I32_ARGS[(seed + i) % I32_ARGS.length]));

test('each export calls the kernel with the pid first (JS calls without), and returns its answer', () => {
  const results = new Map(ADAPTER_FUNCTIONS.map(([key], i) => [key, 1000 + i]));
  const { calls, exports } = fakeKernel(VIA_JS, new Map(), (key) => results.get(key));
  ADAPTER_FUNCTIONS.forEach(([key, module, name, params], i) => {
    calls.length = 0;
    const args = argsFor(params, i);
    const r = exports[key](...args);
    expect(r).toBe(hasResult(module, name) ? results.get(key) : undefined);
    expect(calls).toEqual([[key, ...(VIA_JS.has(key) ? [] : [PID]), ...args]]);
  });
});

test('an i32 argument arrives as a signed i32; an i64 as a BigInt, unchanged', () => {
  const { calls, exports } = fakeKernel(new Set(), new Map(), () => 0);
  exports[`${WASI_MODULE}.clock_time_get`](0xffffffff, 2n ** 64n - 1n, 2 ** 31);
  expect(calls).toEqual([[`${WASI_MODULE}.clock_time_get`, PID, -1, -1n, -(2 ** 31)]]);
});

describe.each([...BLOCKING_IMPORTS])('the blocking call %s (would block: %d)', (key, wouldBlock) => {
  const params = ADAPTER_FUNCTIONS.find(([k]) => k === key)[3];
  const args = argsFor(params, 3);

  test.each([0, 1, -1, -wouldBlock, wouldBlock + 1, wouldBlock - 1])(
    'a kernel answer of %d is returned; the slow path is not called', (answer) => {
      const { calls, exports } = fakeKernel(VIA_JS, BLOCKING_IMPORTS, () => answer);
      expect(exports[key](...args)).toBe(answer);
      expect(calls).toEqual([[key, PID, ...args]]);
    });

  test('"would block" calls the slow path once, with the same arguments, and returns its answer', () => {
    const { calls, exports } = fakeKernel(VIA_JS, BLOCKING_IMPORTS, () => wouldBlock, () => 42);
    expect(exports[key](...args)).toBe(42);
    expect(calls).toEqual([[key, PID, ...args], [slowKey(key), ...args]]);
  });
});

test('calls that do not block never take a slow path, whatever the kernel answers', () => {
  const { calls, exports } = fakeKernel(VIA_JS, BLOCKING_IMPORTS, () => WOULD_BLOCK);
  const key = `${WASI_MODULE}.fd_close`;
  expect(exports[key](3)).toBe(WOULD_BLOCK);
  expect(calls).toEqual([[key, PID, 3]]);
});

// The "would block" value is encoded with sleb into an i32.const: each
// edge of the encoding must still compare equal to the kernel's answer.
test.each([0, 1, 63, 64, 127, 128, 8191, 8192, 2 ** 31 - 1, -1, -64, -65, -128, -8193, -(2 ** 31)])(
  'a "would block" value of %d takes the slow path on that value only', (wouldBlock) => {
    const key = `${WASI_MODULE}.fd_read`;
    const blocking = new Map([[key, wouldBlock]]);
    const args = [1, 2, 3, 4];
    let answer = wouldBlock;
    const { calls, exports } = fakeKernel(new Set(), blocking, () => answer, () => 99);
    expect(exports[key](...args)).toBe(99);
    expect(calls).toEqual([[key, PID, ...args], [slowKey(key), ...args]]);
    for (answer of [wouldBlock + 1, wouldBlock - 1, ~wouldBlock]) {
      answer |= 0;
      calls.length = 0;
      expect(exports[key](...args)).toBe(answer);
      expect(calls).toEqual([[key, PID, ...args]]);
    }
  });

// A guest importing one function with a given type: it links to the
// adapter's export only if the types agree.
function guestImporting(module, name, params, results) {
  const str = (s) => [...leb(s.length), ...new TextEncoder().encode(s)];
  const section = (id, body) => [id, ...leb(body.length), ...body];
  const type = [0x60, ...leb(params.length), ...params, ...leb(results.length), ...results];
  return new WebAssembly.Module(new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...str(module), ...str(name), 0x00, 0x00]),
  ]));
}

test('a guest links when it declares an import with the spec\'s type, and fails to link with another', () => {
  const { exports } = fakeKernel(VIA_JS, BLOCKING_IMPORTS, () => 0);
  for (const [key, module, name, params] of ADAPTER_FUNCTIONS) {
    const types = valueTypes(params);
    const results = hasResult(module, name) ? [I32] : [];
    const imports = { [module]: { [name]: exports[key] } };
    expect(() => new WebAssembly.Instance(guestImporting(module, name, types, results), imports)).not.toThrow();
    const wrong = [
      [[...types, I32], results],  // one parameter too many
      [types, results.length ? [] : [I32]],  // result missing, or one too many
    ];
    if (types.length > 0) wrong.push([[...types.slice(0, -1), types.at(-1) === I32 ? I64 : I32], results]);
    for (const [p, r] of wrong) {
      expect(() => new WebAssembly.Instance(guestImporting(module, name, p, r), imports))
        .toThrow(WebAssembly.LinkError);
    }
  }
});

test('a name is counted in UTF-8 bytes, not characters', () => {
  expect(name('fd_read')).toEqual([7, ...new TextEncoder().encode('fd_read')]);
  expect(name('é€')).toEqual([5, 0xc3, 0xa9, 0xe2, 0x82, 0xac]);
});
