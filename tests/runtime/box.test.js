// The JS API in Node: create a box, run modules with arguments, env and
// preopens, and read outcomes as values.
import { readFile } from 'node:fs/promises';

import { InvalidModuleError, compileModule, createNodeBox } from '../../web/src/node/index.js';
import { moduleImporting, program } from './helpers.js';

test('run() returns the exit status as a value', async () => {
  const box = await createNodeBox();
  const bytes = await readFile(program('exit_with'));
  await expect(box.run(bytes, { args: ['exit_with', '3'] })).resolves.toEqual({ exitCode: 3 });
  await expect(box.run(bytes, { args: ['exit_with'] })).resolves.toEqual({ exitCode: 0 });
});

test('a trap is a value with the trap message', async () => {
  const box = await createNodeBox();
  const r = await box.run(await readFile(program('trap')), { args: ['trap'] });
  expect(r.exitCode).toBe(134);
  expect(r.trap.message).toBe('unreachable');
  expect(r.trap.function).toMatch(/^(wasm-function\[\d+\]|code offset 0x[0-9a-f]+)/);
});

test('one box runs many processes; each gets fresh descriptors', async () => {
  const box = await createNodeBox();
  const mod = await compileModule(await readFile(program('exit_with')));
  for (let i = 0; i < 50; i++) {
    expect((await box.run(mod, { args: ['x', String(i % 100)] })).exitCode).toBe(i % 100);
  }
});

test('invalid modules are refused with InvalidModuleError', async () => {
  const box = await createNodeBox();
  await expect(box.run(new Uint8Array([1, 2, 3]))).rejects.toThrow(InvalidModuleError);
  await expect(compileModule(moduleImporting('env', 'x'), 'x.wasm'))
    .rejects.toMatchObject({ code: 'EINVALIDMODULE', message: expect.stringContaining('x.wasm') });
});

test('a preopen of a missing box path is an error before the guest runs', async () => {
  const box = await createNodeBox();
  await expect(box.run(await readFile(program('exit_with')), { preopens: [{ name: '/x', path: '/nope' }] }))
    .rejects.toMatchObject({ name: 'WasmboxError' });
});

describe('files in and out of a box', () => {
  test('writeFile makes a file readFile gives back, strings as UTF-8', async () => {
    const box = await createNodeBox();
    box.writeFile('/tmp/a.txt', 'héllo\n');
    expect(new TextDecoder().decode(box.readFile('/tmp/a.txt'))).toBe('héllo\n');
    // Written again: replaced whole, not overwritten in place.
    box.writeFile('/tmp/a.txt', Uint8Array.of(1, 2));
    expect(box.readFile('/tmp/a.txt')).toEqual(Uint8Array.of(1, 2));
  });

  test('the mode of a new file is what a guest sees', async () => {
    const box = await createNodeBox();
    box.loadImage(await readFile(new URL('../../web/dist/base.tar', import.meta.url)));
    box.writeFile('/tmp/tool', '#!/bin/sh\n', { mode: 0o755 });
    box.writeFile('/tmp/data', 'x');
    const sh = box.readFile('/bin/sh');
    const test = (line) => box.run(sh, { args: ['sh', '-c', line] }).then((r) => r.exitCode);
    expect(await test('[ -x /tmp/tool ]')).toBe(0);
    expect(await test('[ -x /tmp/data ]')).toBe(1);
  });

  test('errors name the errno and the path', async () => {
    const box = await createNodeBox();
    expect(() => box.readFile('/nope')).toThrow(expect.objectContaining({ code: 'EREADFILE', message: 'cannot read /nope: ENOENT' }));
    expect(() => box.readFile('/tmp')).toThrow('cannot read /tmp: EISDIR');
    expect(() => box.writeFile('/no/dir/f', 'x')).toThrow(expect.objectContaining({ code: 'EWRITEFILE', message: 'cannot write /no/dir/f: ENOENT' }));
    expect(() => box.writeFile('relative', 'x')).toThrow('cannot write relative: EINVAL');
  });
});
