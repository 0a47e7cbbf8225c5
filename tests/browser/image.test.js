// A wasmbox image mounted in a page from its URL: the page fetches the
// index and then only the blocks programs read (counted by the server),
// and a program runs from it, with processes in workers and taking turns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { jest } from '@jest/globals';

import { serveStatic } from '../../web/src/node/static-server.js';
import { createNodeBox } from '../../web/src/node/index.js';
import { ROOT, tempDir } from '../runtime/helpers.js';
import { launchChromium } from '../../scripts/chromium.mjs';
import { openPage } from './browser.js';

jest.setTimeout(120000);

const sent = new Map();
let server;
let url;
let browser;

// An image of busybox, a 20 MB file and a note.
beforeAll(async () => {
  const box = await createNodeBox();
  box.loadImage(await readFile(join(ROOT, 'web', 'dist', 'base.tar')));
  box.writeFile('/app/bin/busybox', box.readFile('/bin/busybox'), { parents: true, mode: 0o755 });
  box.writeFile('/app/data/big', randomBytes(20 << 20), { parents: true });
  box.writeFile('/app/data/note.txt', 'a note of a few bytes\n');
  const dir = tempDir();
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'app.img'), box.packImage('/app', { program: '/bin/busybox' }));
  ({ server, url } = await serveStatic({
    '/': join(ROOT, 'tests', 'browser', 'page'),
    '/runtime/': join(ROOT, 'web'),
    '/node_modules/': join(ROOT, 'node_modules'),
    '/images/': join(dir, 'images'),
  }, { port: 0, onSend: (path, bytes) => sent.set(path, (sent.get(path) ?? 0) + bytes) }));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

const fetched = () => sent.get('/images/app.img') ?? 0;
const MODES = [['workers', {}], ['jspi', { isolated: false }]];

// The test page, its API loaded, in the browser or in a context of it.
async function testPage(where = browser, options = {}) {
  const page = await openPage(where, url, options);
  await page.waitForFunction(() => window.ready);
  return page;
}

test.each(MODES)('a lazily mounted image fetches only what is read (%s)', async (blocking, options) => {
  const page = await testPage(browser, options);
  sent.clear();
  const manifest = await page.evaluate(async (mode) => {
    window.box = await window.wasmbox.createBox({ blocking: mode });
    return window.box.mountImage('/images/app.img', '/app');
  }, blocking);
  expect(manifest).toEqual({ program: '/bin/busybox' });
  const index = fetched();
  expect(index).toBeLessThan(4096);

  const note = await page.evaluate(async () => new TextDecoder().decode(await window.box.readFile('/app/data/note.txt')));
  expect(note).toBe('a note of a few bytes\n');
  expect(fetched() - index).toBe(22);

  // A program from the image reads the image: busybox is fetched, and of
  // the big file only the blocks asked for (dd: 2 blocks of 64 KiB).
  const before = fetched();
  const out = await page.evaluate(async () => {
    let text = '';
    const busybox = await window.box.readFile('/app/bin/busybox');
    const r = await window.box.run(busybox, {
      args: ['busybox', 'ash', '-c', 'b=/app/bin/busybox; $b cat /app/data/note.txt; $b dd if=/app/data/big bs=65536 count=2 skip=100 2>/dev/null | $b wc -c'],
      stdout: (b) => { text += new TextDecoder().decode(b); },
    });
    return { text, exitCode: r.exitCode, size: busybox.length };
  });
  expect(out).toMatchObject({ text: 'a note of a few bytes\n131072\n', exitCode: 0 });
  expect(fetched() - before).toBeLessThan(out.size + 3 * 65536);
  expect(page.errors).toEqual([]);
  await page.close();
});

// The "done when": an app image mounted lazily with its changes in
// a store, and a home folder in a store; a program edits both; after a
// reload both changes are there.
test.each(MODES)('a page edits a lazily mounted app and its home, and sees both after a reload (%s)', async (blocking, options) => {
  const context = await browser.newContext();
  const session = async () => {
    const page = await testPage(context, options);
    await page.evaluate(async (mode) => {
      const box = await window.wasmbox.createBox({ blocking: mode });
      await box.mountImage('/images/app.img', '/layers/app');
      await box.mountStore('/layers/changes', 'app-changes');
      await box.mountOverlay('/app', { upper: '/layers/changes', lowers: ['/layers/app'] });
      await box.mountStore('/home/user', 'home');
      window.box = box;
      window.sh = async (line) => {
        let text = '';
        const r = await box.run(await box.readFile('/app/bin/busybox'), {
          args: ['busybox', 'ash', '-c', `b=/app/bin/busybox; ${line}`],
          stdout: (bytes) => { text += new TextDecoder().decode(bytes); },
          stderr: (bytes) => { text += new TextDecoder().decode(bytes); },
        });
        return { status: r.exitCode, text };
      };
    }, blocking);
    return page;
  };
  const first = await session();
  expect(await first.evaluate(() => window.sh('echo edited > /app/data/note.txt && echo mine > /home/user/mine.txt && $b rm /app/data/big')))
    .toEqual({ status: 0, text: '' });
  await first.reload();
  await first.close();

  const second = await session();
  expect(await second.evaluate(() => window.sh('$b cat /app/data/note.txt /home/user/mine.txt; $b ls /app/data')))
    .toEqual({ status: 0, text: 'edited\nmine\nnote.txt\n' });
  expect([...first.errors, ...second.errors]).toEqual([]);
  await context.close();
});

test('runImage runs an app image from its URL, its files the root and writable', async () => {
  const page = await testPage();
  const out = await page.evaluate(async () => {
    const box = await window.wasmbox.createBox();
    let text = '';
    const r = await box.runImage('/images/app.img', {
      args: ['ash', '-c', 'echo changed > /data/note.txt; /bin/busybox cat /data/note.txt; /bin/busybox ls /'],
      stdout: (b) => { text += new TextDecoder().decode(b); },
    });
    return { text, exitCode: r.exitCode };
  });
  expect(out).toEqual({ text: 'changed\nbin\ndata\ndev\ntmp\n', exitCode: 0 });
  expect(page.errors).toEqual([]);
  await page.close();
});

test.each(MODES)('a store in IndexedDB keeps files across a reload and refuses a second tab (%s)', async (blocking, options) => {
  const context = await browser.newContext();
  const open = () => testPage(context, options);
  const mount = (page) => page.evaluate(async (mode) => {
    window.box = await window.wasmbox.createBox({ blocking: mode });
    return window.box.mountStore('/home/user', 'idb-home', { storage: 'indexeddb' })
      .then(() => 'mounted', (e) => e.code);
  }, blocking);
  const first = await open();
  expect(await mount(first)).toBe('mounted');
  expect(await mount(await open())).toBe('ESTOREBUSY');
  // Mounted twice in one box, its commits would overwrite each other.
  expect(await first.evaluate(() => window.box.mountStore('/again', 'idb-home', { storage: 'indexeddb' })
    .then(() => 'mounted', (e) => e.code))).toBe('ESTOREBUSY');
  await first.evaluate(async () => {
    await window.box.writeFile('/home/user/kept.txt', 'kept in IndexedDB');
    // The commit is queued (taking turns with JSPI) a moment after the close.
    await new Promise((resolve) => { setTimeout(resolve, 500); });
  });
  await first.reload();
  await first.waitForFunction(() => window.ready);
  expect(await mount(first)).toBe('mounted');
  expect(await first.evaluate(async () => new TextDecoder().decode(await window.box.readFile('/home/user/kept.txt'))))
    .toBe('kept in IndexedDB');
  await context.close();
});

test('a tar archive mounted lazily from its URL fetches its headers and the files read', async () => {
  const page = await testPage();
  sent.clear();
  const passwd = await page.evaluate(async () => {
    const box = await window.wasmbox.createBox();
    await box.mountTar('/runtime/dist/base.tar', '/base', { lazy: true });
    return new TextDecoder().decode(await box.readFile('/base/etc/passwd'));
  });
  expect(passwd).toMatch(/^root:x:0:0:/);
  const whole = (await readFile(join(ROOT, 'web', 'dist', 'base.tar'))).length;
  expect(sent.get('/runtime/dist/base.tar')).toBeLessThan(whole / 2);
  await page.close();
});

test('a damaged image is refused with the reason', async () => {
  const page = await testPage();
  const error = await page.evaluate(async () => {
    const box = await window.wasmbox.createBox();
    return box.mountImage('/runtime/dist/base.tar', '/x').catch((e) => ({ code: e.code, message: e.message }));
  });
  expect(error.code).toBe('EIMAGE');
  expect(error.message).toMatch(/base\.tar is not a wasmbox image, or is damaged/);
  await page.close();
});
