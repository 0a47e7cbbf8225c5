// The contract a Node box shares with a page's (core.d.ts): modules as
// bytes, compiled or by path and URL; a run's stdout and stderr taken as
// callbacks or streams, the processes it spawns included, whether they
// run nested or each in a worker; images and archives by path; and exit
// events that detach.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

import { createBox } from '../../web/src/node/index.js';
import { program } from './helpers.js';

const BASE = new URL('../../web/dist/base.tar', import.meta.url);
const text = (chunks) => Buffer.concat(chunks).toString();

describe.each([['nested', false], ['in workers', true]])('a box whose processes run %s', (_, threads) => {
  let box;
  beforeAll(async () => {
    box = await createBox({ threads });
    box.loadImage(BASE);
  });
  afterAll(() => box.dispose());

  test('a run takes its stdout and stderr as callbacks, its children\'s too', async () => {
    const out = [];
    const err = [];
    const r = await box.run(box.readFile('/bin/sh'), {
      args: ['sh', '-c', 'echo out; echo err >&2; sh -c "echo child"; cat /nope'],
      stdin: '',
      stdout: (bytes) => out.push(bytes),
      stderr: (bytes) => err.push(bytes),
    });
    expect(r).toEqual({ exitCode: 1 });
    expect(text(out)).toBe('out\nchild\n');
    expect(text(err)).toBe('err\ncat: can\'t open \'/nope\': No such file or directory\n');
  });

  test('the output of many short-lived children all reaches the run\'s callback', async () => {
    const out = [];
    const line = 'for i in $(seq 25); do sh -c "echo $i"; done';
    expect(await box.run(box.readFile('/bin/sh'), { args: ['sh', '-c', line], stdin: '', stdout: (b) => out.push(b) }))
      .toEqual({ exitCode: 0 });
    expect(text(out)).toBe(`${Array.from({ length: 25 }, (_, i) => i + 1).join('\n')}\n`);
  });

  test('a run writes to streams, and the next run without one goes to the host again', async () => {
    const chunks = [];
    const stream = new Writable({ write(chunk, _enc, done) { chunks.push(chunk); done(); } });
    await box.run(box.readFile('/bin/sh'), { args: ['sh', '-c', 'seq 3'], stdin: '', stdout: stream });
    expect(text(chunks)).toBe('1\n2\n3\n');
    expect(box._host.sinks).toEqual([null, null, null]);
  });

  test('an output option that is neither is refused before anything runs', async () => {
    await expect(box.run(box.readFile('/bin/sh'), { stdout: 'out.txt' }))
      .rejects.toMatchObject({ code: 'EINVAL', message: 'the stdout option must be a function or have a write() method' });
  });
});

test('a module by path, by file: URL, or from an http URL', async () => {
  const box = await createBox();
  const path = program('exit_with');
  expect(await box.run(path, { args: ['x', '3'] })).toEqual({ exitCode: 3 });
  expect(await box.run(pathToFileURL(path), { args: ['x', '4'] })).toEqual({ exitCode: 4 });
  const bytes = await readFile(path);
  const server = createServer((_, res) => res.end(bytes));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/exit_with.wasm`;
    const seen = [];
    const r = await box.run(url, { args: ['x', '5'], onProgress: (loaded) => seen.push(loaded) });
    expect(r).toEqual({ exitCode: 5 });
    expect(seen.at(-1)).toBe(bytes.length);
    expect(() => box.mountTar(url, '/t')).toThrow(`cannot mount ${url} in Node: download it first (fetchBytes)`);
  } finally {
    server.close();
  }
  await expect(box.run('/no/such.wasm')).rejects.toMatchObject({ code: 'ENOENT', message: 'cannot read /no/such.wasm: no such file' });
});

test('archives and images by path, named in errors', async () => {
  const box = await createBox();
  box.mountTar(BASE, '/base');
  expect(box.readFile('/base/etc/passwd').length).toBeGreaterThan(0);
  expect(() => box.mountTar('/no/such.tar', '/x')).toThrow('cannot read /no/such.tar: no such file');
  expect(() => box.mountImage(program('trap'), '/y')).toThrow(`${program('trap')} is not a wasmbox image, or is damaged`);
});

test('onExit hears each run until disposed', async () => {
  const box = await createBox();
  const heard = [];
  const listener = box.onExit((result) => heard.push(result.exitCode));
  await box.run(program('exit_with'), { args: ['x', '7'] });
  listener.dispose();
  await box.run(program('exit_with'), { args: ['x', '8'] });
  expect(heard).toEqual([7]);
});
