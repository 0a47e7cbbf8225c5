// The numbers the Node host shares with the kernel across the host-file
// boundary agree with the kernel's headers, and host errors map by name.
import { readFileSync } from 'node:fs';

import { FILE_TYPE, OPEN, errnoOf } from './host-fs.js';

const source = (path) => readFileSync(new URL(`../../../shim/src/${path}`, import.meta.url), 'utf8');
// CamelCase → UPPER_SNAKE, as the JS names are written.
const snake = (name) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

test('the file types are the kernel\'s FileType numbers', () => {
  const enumBody = /enum class FileType[^{]*\{([^}]*)\}/.exec(source('vfs/file_type.h'))[1];
  const kernel = [...enumBody.matchAll(/(\w+) = (\d+)/g)].map(([, name, n]) => [snake(name), Number(n)]);
  expect(kernel.length).toBe(8);
  expect(Object.entries(FILE_TYPE)).toEqual(kernel);
});

test('the open flags are the kernel\'s host_open flags', () => {
  const body = /namespace host_open \{([^}]*)\}/.exec(source('vfs/host_fs.h'))[1];
  const kernel = [...body.matchAll(/(\w+) = (\d+);/g)].map(([, name, n]) => [snake(name), Number(n)]);
  expect(Object.entries(OPEN)).toEqual(kernel);
});

test('node:fs errors map to WASI errno by name, others to EIO', () => {
  expect(errnoOf({ code: 'ENOENT' })).toBe(44);
  expect(errnoOf({ code: 'EACCES' })).toBe(2);
  expect(errnoOf({ code: 'ENOTEMPTY' })).toBe(55);
  expect(errnoOf({ code: 'ESOMETHINGNEW' })).toBe(29);
  expect(errnoOf(new Error('no code'))).toBe(29);
});
