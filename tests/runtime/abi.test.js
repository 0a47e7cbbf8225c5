// The runtime's list of WASI imports and the kernel's exports agree.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  ERRNO_NAMES, MAY_BLOCK, WOULD_BLOCK, blockingImports, EXTENSION_SIGNATURES, Errno, IMPORT_SIGNATURES, SYSCALL_SIGNATURES, WASI_FUNCTIONS,
  kernelExport,
} from '../../web/src/core/abi.js';
import { ROOT } from './helpers.js';

const kernel = await WebAssembly.compile(await readFile(join(ROOT, 'web', 'dist', 'kernel.wasm')));
const exported = new Set(WebAssembly.Module.exports(kernel).map((e) => e.name));
// The handlers, without the markers of those that may block.
const handlerExports = [...exported].filter((n) => !n.endsWith(MAY_BLOCK));

test('the runtime binds all 46 WASI preview1 functions', () => {
  expect(WASI_FUNCTIONS).toHaveLength(46);
  expect(new Set(WASI_FUNCTIONS).size).toBe(46);
});

test.each(WASI_FUNCTIONS)('the kernel exports wb_%s', (name) => {
  expect(exported.has(`wb_${name}`)).toBe(true);
});

// Exports the runtime reads about a process, besides the handlers, and the
// kernel's gate (kernel-gate.js).
const SUPPORT = new Set(['wb_wait_deadline', 'wb_wait_inputs', 'wb_wait_own', 'wb_exit_status', 'wb_take_signals',
  'wb_signal_entry', 'wb_gate', 'wb_gate_attach']);

test('the kernel exports no WASI handler the runtime does not bind', () => {
  const handlers = handlerExports.filter((n) => n.startsWith('wb_') && !SUPPORT.has(n));
  expect(handlers.sort()).toEqual(WASI_FUNCTIONS.map((n) => `wb_${n}`).sort());
});

const EXTENSIONS = Object.values(EXTENSION_SIGNATURES).flatMap((fns) => Object.keys(fns));

test('the kernel exports wbx_<name> for each extension import, and no other', () => {
  const handlers = handlerExports.filter((n) => n.startsWith('wbx_'));
  expect(handlers.sort()).toEqual(EXTENSIONS.map((n) => `wbx_${n}`).sort());
});

test('the kernel exports wbs_<name> for each env.__syscall_* import, and no other', () => {
  const handlers = handlerExports.filter((n) => n.startsWith('wbs_'));
  expect(handlers.sort()).toEqual(Object.keys(SYSCALL_SIGNATURES).map((n) => kernelExport('env', n)).sort());
  expect(handlers).toHaveLength(65);
});

// Which calls may block is read from the kernel's markers (bind/wire.h).
test('each "may block" marker of the kernel names an export that serves an import', () => {
  const served = new Set(Object.entries(IMPORT_SIGNATURES)
    .flatMap(([module, fns]) => Object.keys(fns).map((name) => kernelExport(module, name))));
  const markers = [...exported].filter((name) => name.endsWith(MAY_BLOCK));
  expect(markers.length).toBeGreaterThan(0);
  for (const marker of markers) expect(served).toContain(marker.slice(0, -MAY_BLOCK.length));
});

test('the calls that wait are among the blocking imports, each with its ABI\'s would-block value', () => {
  const blocking = blockingImports(exported);
  expect(blocking.size).toBe([...exported].filter((name) => name.endsWith(MAY_BLOCK)).length);
  for (const key of ['wasi_snapshot_preview1.fd_read', 'wasi_snapshot_preview1.poll_oneoff', 'wasmbox.proc_wait']) {
    expect(blocking.get(key)).toBe(WOULD_BLOCK);
  }
  for (const name of ['poll', 'fcntl64', 'flock']) expect(blocking.get(`env.__syscall_${name}`)).toBe(-WOULD_BLOCK);
  expect(blocking.has('wasi_snapshot_preview1.fd_close')).toBe(false);
});

// The kernel's C exports (shim/src/bind/*exports.cpp) by name: each
// parameter after the pid as the runtime types it (p: passed on as a
// GuestPtr, P{name}; j: u64; i: any other i32). The socket calls, made by
// a macro, are not listed.
async function kernelParams() {
  const params = new Map();
  for (const file of ['exports.cpp', 'sys_exports.cpp']) {
    const text = await readFile(join(ROOT, 'shim', 'src', 'bind', file), 'utf8');
    for (const chunk of text.split(/(?=WBS?_EXPORT[ _])/)) {
      const m = /^WBS?_EXPORT(?: \w+ |_MAY_BLOCK\(\w+, )(wb[sx]?_\w+)\)?\(u32 pid((?:,[^)]*)?)\)/.exec(chunk);
      if (!m) continue;
      const body = chunk.slice(m[0].length);
      const kinds = m[2].split(',').slice(1).map((p) => {
        const [type, name] = p.trim().split(/\s+/);
        if (type === 'u64') return 'j';
        return body.includes(`P{${name}}`) ? 'p' : 'i';
      });
      params.set(m[1], kinds.join(''));
    }
  }
  return params;
}

test('the parameter types of each import, guest addresses included, are those of its kernel export', async () => {
  const params = await kernelParams();
  let checked = 0;
  for (const [module, fns] of Object.entries(IMPORT_SIGNATURES)) {
    for (const [name, types] of Object.entries(fns)) {
      const exported = params.get(kernelExport(module, name));
      if (exported === undefined) continue;
      expect({ name, types }).toEqual({ name, types: exported });
      checked += 1;
    }
  }
  expect(checked).toBe(46 + 20 + 65 - 13);  // all but the 13 socket calls
});

test('the errno names are those of the kernel, by number', async () => {
  const text = await readFile(join(ROOT, 'shim', 'src', 'base', 'errno.h'), 'utf8');
  const kernel = [...text.matchAll(/^ {2}(\w+) = (\d+),$/gm)].map(([, name, n]) => [Number(n), name]);
  const named = kernel.filter(([n]) => n < 0xffff).map(([n, name]) => {
    const posix = { Success: 'SUCCESS', TooBig: 'E2BIG' }[name] ?? `E${name.toUpperCase()}`;
    return [n, posix];
  });
  expect(named).toEqual(ERRNO_NAMES.map((name, n) => [n, name]));
  for (const [name, n] of Object.entries(Errno)) expect(ERRNO_NAMES[n]).toBe(n === 0 ? name : `E${name}`);
});
