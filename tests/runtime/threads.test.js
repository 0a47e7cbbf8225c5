// The kernel on shared memory (kernel-shared.wasm): the same box as on its
// own memory; further instances attached to a running kernel see and
// change the same box; and a box whose processes each run in a worker of
// their own on it (Box.create threads), through the API. (The CLI runs
// every test of tests/guest and the shell's this way too.)
import { readFile } from 'node:fs/promises';

import { Box } from '../../web/src/core/box.js';
import { compiledKernel, createNodeBox, nodeHost } from '../../web/src/node/index.js';
import { program } from './helpers.js';

const base = () => readFile(new URL('../../web/dist/base.tar', import.meta.url));
const text = (bytes) => new TextDecoder().decode(bytes);

async function runShell(box, line) {
  let out = '';
  const host = box._host;
  const write = host.streamWrite;
  host.streamWrite = (stream, bytes) => {
    if (stream !== 1) return write(stream, bytes);
    out += text(bytes);
    return bytes.length;
  };
  try {
    const r = await box.run(box.readFile('/bin/sh'), { args: ['sh', '-c', line], stdin: '' });
    return { ...r, out };
  } finally {
    host.streamWrite = write;
  }
}

test('a box on shared memory runs programs, pipelines and forks as one on its own', async () => {
  const box = await createNodeBox({ shared: true });
  expect(box.sharedKernel.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  box.loadImage(await base());
  expect(await box.run(await readFile(program('exit_with')), { args: ['x', '7'] })).toEqual({ exitCode: 7 });
  const r = await runShell(box, 'printf "b\\na\\n" | sort | (read x; echo "$x $(echo sub)")');
  expect(r).toEqual({ exitCode: 0, out: 'a sub\n' });
});

test('an instance attached to a running kernel sees and changes the same box', async () => {
  const first = await createNodeBox({ shared: true });
  first.loadImage(await base());
  first.writeFile('/tmp/from-first', 'one');
  const second = await Box.create({
    kernelWasm: await compiledKernel(true), host: nodeHost(), shared: { ...first.sharedKernel, slot: 1, stack: first._kernel.allocStack() },
  });
  expect(text(second.readFile('/tmp/from-first'))).toBe('one');
  expect((await runShell(second, 'echo two > /tmp/from-second; cat /tmp/from-first')).out).toBe('one');
  expect(text(first.readFile('/tmp/from-second'))).toBe('two\n');
  // The gate closed on the second instance, the first goes on.
  first._kernel.gate.close(1);
  expect((await runShell(first, 'cat /tmp/from-second')).out).toBe('two\n');
});

describe('a box whose processes run side by side in workers', () => {
  let box;
  beforeAll(async () => {
    box = await createNodeBox({ threads: true });
    box.loadImage(await base());
    box.writeFile('/bin/spin', await readFile(program('spin')), { mode: 0o755 });
  });
  afterAll(() => box.dispose());

  const sh = (line) => box.run(box.readFile('/bin/sh'), { args: ['sh', '-c', line], stdin: '' });

  test('pipelines, command substitution and forks give what they give nested', async () => {
    box.writeFile('/tmp/words', 'pear\napple\nfig\napple\nbox\npear\napple\nkiwi\n');
    const r = await sh('cat /tmp/words | grep -v x | sort | uniq -c | sort -rn | head -3 > /tmp/out; echo "$(wc -l < /tmp/out) lines" >> /tmp/out');
    expect(r).toEqual({ exitCode: 0 });
    expect(text(box.readFile('/tmp/out')).replace(/ +/g, ' ')).toBe(' 3 apple\n 2 pear\n 1 kiwi\n3 lines\n');
  });

  test('processes wait side by side: two background sleeps of a second take one', async () => {
    const start = Date.now();
    expect(await sh('sleep 1 & sleep 1 & wait')).toEqual({ exitCode: 0 });
    expect(Date.now() - start).toBeLessThan(1800);
  });

  test('a writer nobody reads any more ends by SIGPIPE: yes | head -1', async () => {
    expect(await sh('yes | head -1 > /tmp/y; echo "${?}" >> /tmp/y')).toEqual({ exitCode: 0 });
    expect(text(box.readFile('/tmp/y'))).toBe('y\n0\n');
  });

  test('kill ends a process that computes without calling the kernel; the others go on', async () => {
    const r = await sh('echo kept > /tmp/kept; spin & p=$!; sleep 0.3; kill $p; wait $p; echo "status $?" > /tmp/st');
    expect(r).toEqual({ exitCode: 0 });
    expect(text(box.readFile('/tmp/st'))).toBe('status 143\n');
    expect(text(box.readFile('/tmp/kept'))).toBe('kept\n');
  });

  test('the host ends its process while it computes: the run ends as the signal ends it', async () => {
    const run = box.run(await readFile(program('spin')), { args: ['spin'], stdin: '' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    box.kill(15);
    expect(await run).toEqual({ exitCode: 143, signal: 15 });
    expect(await sh('echo after > /tmp/after')).toEqual({ exitCode: 0 });
    expect(text(box.readFile('/tmp/after'))).toBe('after\n');
  });
});
