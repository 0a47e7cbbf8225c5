// wasmbox images: `wasmbox pack` a directory, read it back byte for byte
// (mounted in a box, and through `wasmbox run app.img`), and damage met
// with a clear error.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createNodeBox, nodeImageFile, nodeStoreFiles } from '../../web/src/node/index.js';
import { CLI, tempDir, wasmbox } from './helpers.js';

const base = () => readFile(new URL('../../web/dist/base.tar', import.meta.url));

// A folder to pack: busybox as the program, a 300 KB random file (several
// blocks), an empty one, a nested one, a symlink, an executable script.
async function appFolder() {
  const dir = tempDir();
  const box = await createNodeBox();
  box.loadImage(await base());
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'data', 'deep'), { recursive: true });
  writeFileSync(join(dir, 'bin', 'busybox'), box.readFile('/bin/busybox'));
  const blob = randomBytes(300000);
  writeFileSync(join(dir, 'data', 'blob'), blob);
  writeFileSync(join(dir, 'data', 'empty'), '');
  writeFileSync(join(dir, 'data', 'deep', 'note.txt'), 'deep\n');
  writeFileSync(join(dir, 'data', 'run.sh'), '#!/bin/sh\necho ran\n');
  chmodSync(join(dir, 'data', 'run.sh'), 0o750);
  symlinkSync('deep/note.txt', join(dir, 'data', 'link'));
  return { dir, blob };
}

// `wasmbox run` with its stdout as bytes.
const runBytes = (args) => spawnSync(process.execPath, [CLI, ...args], { timeout: 60000 });

test('a packed folder reads back byte for byte, in a box and through wasmbox run', async () => {
  const { dir, blob } = await appFolder();
  const image = join(tempDir(), 'app.img');
  const packed = wasmbox(['pack', dir, '-o', image, '--program', '/bin/busybox', '--env', 'WHO=box', '--cwd', '/data',
    '--', 'cat', 'blob']);
  expect(packed).toMatchObject({ status: 0, stderr: '' });

  const box = await createNodeBox();
  const manifest = box.mountImage(nodeImageFile(image), '/app', { name: image });
  expect(manifest).toEqual({ program: '/bin/busybox', args: ['cat', 'blob'], env: { WHO: 'box' }, cwd: '/data' });
  expect(Buffer.from(box.readFile('/app/data/blob')).equals(blob)).toBe(true);
  expect(box.readFile('/app/data/empty')).toHaveLength(0);
  expect(new TextDecoder().decode(box.readFile('/app/data/link'))).toBe('deep\n');
  expect(Buffer.from(box.readFile('/app/bin/busybox')).equals(readFileSync(join(dir, 'bin', 'busybox')))).toBe(true);

  // Its default command: cat blob in /data.
  const r = runBytes(['run', image]);
  expect(r.status).toBe(0);
  expect(r.stdout.equals(blob)).toBe(true);
  // Arguments given replace the default ones; the environment is the image's.
  // Its files take changes, in memory, as a container's: the image stays.
  const more = wasmbox(['run', image, 'ash', '-c', 'echo $WHO; busybox stat -c "%a %N" run.sh link; echo x > /data/x; busybox ls /data']);
  expect(more.stdout).toBe("box\n750 run.sh\n777 'link' -> 'deep/note.txt'\nblob\ndeep\nempty\nlink\nrun.sh\nx\n");
  expect(more).toMatchObject({ status: 0, stderr: '' });
  expect(wasmbox(['run', image, 'ash', '-c', 'busybox ls /data']).stdout).toBe('blob\ndeep\nempty\nlink\nrun.sh\n');

  // box.runImage does the same in the API.
  const api = await createNodeBox();
  let out = '';
  api._host.streamWrite = (stream, bytes) => { out += Buffer.from(bytes).toString(); return bytes.length; };
  expect(await api.runImage(nodeImageFile(image), { args: ['ash', '-c', 'echo $WHO in $PWD'], stdin: null }))
    .toEqual({ exitCode: 0 });
  expect(out).toBe('box in /data\n');
});

test('a damaged image is refused, and a cut one reads as an I/O error', async () => {
  const { dir } = await appFolder();
  const image = join(tempDir(), 'app.img');
  expect(wasmbox(['pack', dir, '-o', image, '--program', '/bin/busybox', '--', 'md5sum', '/data/blob']).status).toBe(0);
  const cut = join(tempDir(), 'cut.img');
  const bytes = readFileSync(image);
  writeFileSync(cut, bytes);
  truncateSync(cut, bytes.length - 1000);  // the blob's last block
  const r = wasmbox(['run', cut]);
  expect(r.stderr).toBe("md5sum: can't read '/data/blob': Input/output error\n");
  expect(r.status).toBe(1);

  const damaged = join(tempDir(), 'bad.img');
  writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 100), Buffer.from('x'), bytes.subarray(101)]));
  const bad = wasmbox(['run', damaged]);
  expect(bad).toMatchObject({ status: 1, stdout: '' });
  expect(bad.stderr).toBe(`wasmbox: error: ${damaged} is not a wasmbox image, or is damaged\n`);
});

test('pack says what is wrong', async () => {
  const { dir } = await appFolder();
  const out = join(tempDir(), 'x.img');
  expect(wasmbox(['pack', dir])).toMatchObject({ status: 2, stderr: expect.stringMatching(/no image given/) });
  expect(wasmbox(['pack', dir, '-o', out, '--program', '/bin/missing']))
    .toMatchObject({ status: 1, stderr: expect.stringMatching(/bin\/missing is not a file/) });
  expect(wasmbox(['pack', join(dir, 'nope'), '-o', out]))
    .toMatchObject({ status: 1, stderr: expect.stringMatching(/cannot use .*nope: no such directory/) });
  expect(wasmbox(['pack', '--help']).stdout).toMatch(/^Usage: wasmbox pack/);
});

test('box.packImage of a box folder mounts back in another box', async () => {
  const box = await createNodeBox();
  box.writeFile('/work/a.txt', 'alpha', { parents: true });
  box.writeFile('/work/sub/b.bin', new Uint8Array([0, 255, 1]), { parents: true });
  const image = box.packImage('/work', { note: 'made in a box' });
  const other = await createNodeBox();
  expect(other.mountImage(image, '/w')).toEqual({ note: 'made in a box' });
  expect(new TextDecoder().decode(other.readFile('/w/a.txt'))).toBe('alpha');
  expect([...other.readFile('/w/sub/b.bin')]).toEqual([0, 255, 1]);
  expect(() => other.mountImage(image.subarray(0, 50), '/x', { name: 'half.img' }))
    .toThrow(expect.objectContaining({ code: 'EIMAGE', message: 'half.img is not a wasmbox image, or is damaged' }));
});

test('an image changed through an overlay keeps its changes in a store, on their own', async () => {
  const { dir } = await appFolder();
  const image = join(tempDir(), 'app.img');
  expect(wasmbox(['pack', dir, '-o', image]).status).toBe(0);
  const changes = tempDir();
  const session = async () => {
    const box = await createNodeBox();
    box.mountImage(nodeImageFile(image), '/layers/app');
    box.mountStore('/layers/changes', nodeStoreFiles(changes));
    box.mountOverlay('/app', { upper: '/layers/changes', lowers: ['/layers/app'] });
    const busybox = box.readFile('/app/bin/busybox');
    const run = async (line) => {
      const r = await box.run(busybox, { args: ['busybox', 'ash', '-c', `(${line}) > /tmp/out 2>&1`], stdin: null });
      return { status: r.exitCode, out: new TextDecoder().decode(box.readFile('/tmp/out')) };
    };
    return { box, run };
  };
  const first = await session();
  expect(await first.run('b=/app/bin/busybox; cd /app/data && echo edited > deep/note.txt && $b rm empty && $b mv run.sh renamed.sh && $b mkdir new'))
    .toEqual({ status: 0, out: '' });

  const second = await session();
  expect(await second.run('b=/app/bin/busybox; cd /app/data && $b cat deep/note.txt && $b ls'))
    .toEqual({ status: 0, out: 'edited\nblob\ndeep\nlink\nnew\nrenamed.sh\n' });
  // The image is as packed; the changes are the store's alone.
  expect(new TextDecoder().decode(second.box.readFile('/layers/app/data/deep/note.txt'))).toBe('deep\n');
  expect(new TextDecoder().decode(second.box.readFile('/layers/changes/data/deep/note.txt'))).toBe('edited\n');
  expect(second.box.readFile('/layers/changes/data/.wh.empty')).toHaveLength(0);
});

test('pack --oci writes an OCI image layout that skopeo and umoci read, with the files and the entrypoint', async () => {
  const { dir, blob } = await appFolder();
  const layout = join(tempDir(), 'oci');
  expect(wasmbox(['pack', dir, '--oci', layout, '--program', '/bin/busybox', '--env', 'WHO=box', '--', 'cat', '/data/blob']))
    .toMatchObject({ status: 0, stderr: '' });
  const inspect = JSON.parse(execFileSync('skopeo', ['inspect', `oci:${layout}:latest`], { encoding: 'utf8' }));
  expect(inspect).toMatchObject({ Architecture: 'wasm', Os: 'wasi', Env: ['WHO=box'] });
  expect(inspect.Layers).toHaveLength(1);
  const config = JSON.parse(execFileSync('skopeo', ['inspect', '--config', `oci:${layout}:latest`], { encoding: 'utf8' }));
  expect(config.config).toMatchObject({ Entrypoint: ['/bin/busybox'], Cmd: ['cat', '/data/blob'], WorkingDir: '/' });
  // Every digest checks out as skopeo copies it, and umoci unpacks the files.
  execFileSync('skopeo', ['copy', '--quiet', `oci:${layout}:latest`, `dir:${join(tempDir(), 'copy')}`]);
  const rootfs = join(tempDir(), 'rootfs');
  execFileSync('umoci', ['raw', 'unpack', '--image', `${layout}:latest`, rootfs], { stdio: 'ignore' });
  expect(readFileSync(join(rootfs, 'data', 'blob')).equals(blob)).toBe(true);
  expect(readFileSync(join(rootfs, 'bin', 'busybox')).equals(readFileSync(join(dir, 'bin', 'busybox')))).toBe(true);
  expect(readlinkSync(join(rootfs, 'data', 'link'))).toBe('deep/note.txt');
  expect(statSync(join(rootfs, 'data', 'run.sh')).mode & 0o777).toBe(0o750);
  // The same files pack to the same layout.
  const again = join(tempDir(), 'oci');
  wasmbox(['pack', dir, '--oci', again, '--program', '/bin/busybox', '--env', 'WHO=box', '--', 'cat', '/data/blob']);
  expect(readFileSync(join(again, 'index.json'))).toEqual(readFileSync(join(layout, 'index.json')));
  expect(wasmbox(['pack', dir, '--oci', again])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--oci needs --program/) });
});
