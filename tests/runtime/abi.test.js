// The runtime's list of WASI imports and the kernel's exports agree.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  BLOCKING_IMPORTS, EXTENSION_SIGNATURES, IMPORT_SIGNATURES, SYSCALL_SIGNATURES, WASI_FUNCTIONS, kernelExport,
} from '../../web/src/core/abi.js';
import { ROOT } from './helpers.js';

const kernel = await WebAssembly.compile(await readFile(join(ROOT, 'web', 'dist', 'kernel.wasm')));
const exported = new Set(WebAssembly.Module.exports(kernel).map((e) => e.name));

test('the runtime binds all 46 WASI preview1 functions', () => {
  expect(WASI_FUNCTIONS).toHaveLength(46);
  expect(new Set(WASI_FUNCTIONS).size).toBe(46);
});

test.each(WASI_FUNCTIONS)('the kernel exports wb_%s', (name) => {
  expect(exported.has(`wb_${name}`)).toBe(true);
});

// Exports the runtime reads about a process, besides the handlers.
const SUPPORT = new Set(['wb_wait_deadline', 'wb_wait_inputs', 'wb_exit_status', 'wb_take_signals',
  'wb_signal_entry']);

test('the kernel exports no WASI handler the runtime does not bind', () => {
  const handlers = [...exported].filter((n) => n.startsWith('wb_') && !SUPPORT.has(n));
  expect(handlers.sort()).toEqual(WASI_FUNCTIONS.map((n) => `wb_${n}`).sort());
});

const EXTENSIONS = Object.values(EXTENSION_SIGNATURES).flatMap((fns) => Object.keys(fns));

test('the kernel exports wbx_<name> for each extension import, and no other', () => {
  const handlers = [...exported].filter((n) => n.startsWith('wbx_'));
  expect(handlers.sort()).toEqual(EXTENSIONS.map((n) => `wbx_${n}`).sort());
});

test('the kernel exports wbs_<name> for each env.__syscall_* import, and no other', () => {
  const handlers = [...exported].filter((n) => n.startsWith('wbs_'));
  expect(handlers.sort()).toEqual(Object.keys(SYSCALL_SIGNATURES).map((n) => kernelExport('env', n)).sort());
  expect(handlers).toHaveLength(64);
});

test('blocking calls are imports the kernel serves', () => {
  for (const key of BLOCKING_IMPORTS.keys()) {
    const [module, name] = key.split('.');
    expect(Object.hasOwn(IMPORT_SIGNATURES[module], name)).toBe(true);
  }
});
