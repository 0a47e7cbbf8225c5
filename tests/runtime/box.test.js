// The JS API in Node: create a box, run modules with arguments, env and
// preopens, and read outcomes as values.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { Box } from '../../web/src/core/box.js';
import { InvalidModuleError, compileModule, createNodeBox, kernelWasm, nodeHost, nodeImageFile } from '../../web/src/node/index.js';
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

test('a preopen that is not a box folder is an error, with its errno, before the guest runs', async () => {
  const box = await createNodeBox();
  const bytes = await readFile(program('exit_with'));
  await expect(box.run(bytes, { preopens: [{ name: '/x', path: '/nope' }] }))
    .rejects.toMatchObject({ name: 'WasmboxError', code: 'ENOENT', message: 'cannot preopen /nope: ENOENT' });
  box.writeFile('/file', 'f');
  await expect(box.run(bytes, { preopens: [{ name: '/x', path: '/file' }] }))
    .rejects.toMatchObject({ code: 'ENOTDIR', message: 'cannot preopen /file: ENOTDIR' });
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
describe('a tar archive mounted in place', () => {
  const base = () => readFile(new URL('../../web/dist/base.tar', import.meta.url));

  test('reads as the archive, is read-only, and programs run from it', async () => {
    const box = await createNodeBox();
    box.loadImage(await base());
    box.mountTar(await base(), '/image');
    expect(box.readFile('/image/etc/passwd')).toEqual(box.readFile('/etc/passwd'));
    expect(() => box.writeFile('/image/etc/passwd', 'x')).toThrow('cannot write /image/etc/passwd: EROFS');
    const sh = box.readFile('/image/bin/sh');
    const run = (line) => box.run(sh, { args: ['sh', '-c', line], stdin: null }).then((r) => r.exitCode);
    expect(await run('/image/bin/busybox grep -q root /image/etc/passwd')).toBe(0);
    expect(await run('touch /image/new 2>/dev/null')).toBe(1);
    expect(await run('rm /image/etc/passwd 2>/dev/null')).toBe(1);
  });

  test('read where it is, it reads the same', async () => {
    const box = await createNodeBox();
    box.loadImage(await base());
    box.mountTar(nodeImageFile(fileURLToPath(new URL('../../web/dist/base.tar', import.meta.url))), '/lazy', { name: 'base.tar' });
    expect(box.readFile('/lazy/etc/passwd')).toEqual(box.readFile('/etc/passwd'));
    expect(box.readFile('/lazy/bin/busybox')).toEqual(box.readFile('/bin/busybox'));
    expect(() => box.mountTar(nodeImageFile(program('trap')), '/bad', { name: 'trap.wasm' }))
      .toThrow('trap.wasm is not a valid tar archive');
  });

  test('a damaged archive is refused and mounts nothing', async () => {
    const box = await createNodeBox();
    const tar = await base();
    expect(() => box.mountTar(tar.subarray(0, 1000), '/img', { name: 'base.tar' }))
      .toThrow(expect.objectContaining({ code: 'EIMAGE', message: 'base.tar is not a valid tar archive' }));
    expect(() => box.readFile('/img')).toThrow('ENOENT');
    box.writeFile('/full/x', 'x', { parents: true });
    expect(() => box.mountTar(tar, '/full', { name: 'base.tar' })).toThrow('cannot mount base.tar at /full: ENOTEMPTY');
  });
});


// A module whose _start calls random_get(0, 16).
function randomCaller() {
  const str = (s) => [s.length, ...Buffer.from(s)];
  const section = (id, body) => [id, body.length, ...body];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x60, 0, 0]),
    ...section(2, [1, ...str('wasi_snapshot_preview1'), ...str('random_get'), 0, 0]),
    ...section(3, [1, 1]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...str('memory'), 2, 0, ...str('_start'), 0, 1]),
    ...section(10, [1, 9, 0, 0x41, 0, 0x41, 16, 0x10, 0, 0x1a, 0x0b]),
  ]);
}

test('a host function that throws inside the kernel fails that run, and the box goes on', async () => {
  let failing = true;
  let stderr = '';
  const host = {
    ...nodeHost(),
    random: (out) => {
      if (failing) throw new Error('no entropy');
      out.fill(7);
    },
    streamWrite: (stream, bytes) => {
      if (stream === 2) stderr += Buffer.from(bytes).toString();
      return bytes.length;
    },
  };
  const box = await Box.create({ kernelWasm: await kernelWasm(), host });
  await expect(box.run(randomCaller())).rejects.toThrow('no entropy');
  expect(stderr).toMatch(/^wasmbox: the kernel failed in a call of process \d+; the box goes on$/m);
  failing = false;
  expect(await box.run(randomCaller())).toEqual({ exitCode: 0 });
});
