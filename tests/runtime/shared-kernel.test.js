// The kernel on shared memory (kernel-shared.wasm): the same box as on its
// own memory, and further instances attached to a running kernel see and
// change the same box (each process worker will run one).
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
