// Persistent stores in Node (Box.mountStore over nodeStoreFiles): what
// programs write under the mount is there when another box mounts the
// same folder, whether the processes ran nested or in workers.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createNodeBox, nodeStoreFiles } from '../../web/src/node/index.js';

const base = () => readFile(new URL('../../web/dist/base.tar', import.meta.url));

let dir;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'wasmbox-store-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function boxWithStore(threads) {
  const box = await createNodeBox({ threads });
  box.loadImage(await base());
  box.mountStore('/home/user', nodeStoreFiles(dir), { name: dir });
  const sh = box.readFile('/bin/sh');
  // Output goes to a file of the box: processes in workers write to the
  // real stdout.
  const run = async (line) => {
    const r = await box.run(sh, { args: ['sh', '-c', `(${line}) > /tmp/out 2>&1`], stdin: null });
    return { status: r.exitCode, out: new TextDecoder().decode(box.readFile('/tmp/out')) };
  };
  return { box, run };
}

describe.each([['nested', false], ['in workers', true]])('processes %s', (_, threads) => {
  test('files, folders, links and renames written by programs are there in the next box', async () => {
    const first = await boxWithStore(threads);
    expect((await first.run([
      'cd /home/user', 'echo hi > note.txt', 'mkdir -p src/deep', 'echo int main > src/deep/main.c',
      'ln -s note.txt link', 'echo gone > gone', 'rm gone', 'echo a > a', 'mv a b', 'chmod 600 b',
    ].join(' && '))).status).toBe(0);

    const second = await boxWithStore(threads);
    expect(await second.run('cd /home/user && cat note.txt link src/deep/main.c b && ls && stat -c %a b'))
      .toEqual({ status: 0, out: 'hi\nhi\nint main\na\nb\nlink\nnote.txt\nsrc\n600\n' });
  });

  test('box.writeFile and readFile go through the store too', async () => {
    const { box } = await boxWithStore(threads);
    box.writeFile('/home/user/doc.txt', 'from the page');
    const again = await boxWithStore(threads);
    expect(new TextDecoder().decode(again.box.readFile('/home/user/doc.txt'))).toBe('from the page');
  });
});

test('a store file cut short by a crash gives back the last whole commit', async () => {
  const { run } = await boxWithStore(false);
  await run('echo one > /home/user/f');
  const file = ['store.0', 'store.1'].map((f) => path.join(dir, f)).find((f) => statSync(f, { throwIfNoEntry: false })?.size);
  const whole = statSync(file).size;
  await run('echo two >> /home/user/f');
  truncateSync(file, whole + 10);  // the second commit, torn
  const again = await boxWithStore(false);
  expect((await again.run('cat /home/user/f')).out).toBe('one\n');
});

test('a store that cannot be written fails the sync with the errno, and the box keeps working', async () => {
  const { box, run } = await boxWithStore(false);
  const files = box._host.stores.get(1);
  const write = files.write;
  files.write = () => -51;  // ENOSPC, as a full disk answers
  const r = await run('echo x > /home/user/f; cat /home/user/f');
  expect(r.out).toBe('x\n');
  files.write = write;
  expect(box.commitStores()).toBe(0);
  const again = await boxWithStore(false);
  expect((await again.run('cat /home/user/f')).out).toBe('x\n');
});

test('mounting a store where something is refuses with the reason', async () => {
  const box = await createNodeBox();
  box.writeFile('/full/x', 'x', { parents: true });
  expect(() => box.mountStore('/full', nodeStoreFiles(dir), { name: 'home' }))
    .toThrow(expect.objectContaining({ code: 'ESTORE', message: 'cannot mount home at /full: ENOTEMPTY' }));
});
