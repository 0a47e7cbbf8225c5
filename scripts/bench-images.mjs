// Benchmarks mounting files in Chromium, side by side in one run:
// - a one-file read of a 100 MB wasmbox image mounted lazily from its URL
//   (the index, then the blocks read) against downloading it whole and
//   mounting the bytes: bytes fetched and time to the file's bytes;
// - mounting the clang sysroot (a 29 MB tar of 2,466 entries) in place against
//   unpacking it into the box, the bytes already in the page (the time to
//   the first file read from it).
//   npm run bench:images
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchChromium } from './chromium.mjs';
import { createNodeBox } from '../web/src/node/index.js';
import { serveStatic } from '../web/src/node/static-server.js';
import { ROOT } from './setup.mjs';

const ROUNDS = 3;
const SYSROOT = new URL('llvm-resources.tar', import.meta.resolve('@yowasp/clang'));

// 100 MB in 50 files, and a note of 1 KB.
async function bigImage(dir) {
  const box = await createNodeBox();
  for (let i = 0; i < 50; i++) box.writeFile(`/app/data/part${i}`, randomBytes(2 << 20), { parents: true });
  box.writeFile('/app/note.txt', 'n'.repeat(1024));
  writeFileSync(join(dir, 'app.img'), box.packImage('/app'));
}

const dir = mkdtempSync(join(tmpdir(), 'wasmbox-bench-images-'));
await bigImage(dir);
writeFileSync(join(dir, 'sysroot.tar'), readFileSync(SYSROOT));
let sent = 0;
const { server, url } = await serveStatic({
  '/': join(ROOT, 'tests', 'browser', 'page'), '/runtime/': join(ROOT, 'web'),
  '/node_modules/': join(ROOT, 'node_modules'), '/files/': dir,
}, { port: 0, onSend: (path, bytes) => { if (path === '/files/app.img') sent += bytes; } });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.ready);
  const best = async (fn) => {
    let min = null;
    for (let i = 0; i < ROUNDS; i++) {
      sent = 0;
      const ms = await fn();
      if (!min || ms < min.ms) min = { ms, bytes: sent };
    }
    return min;
  };
  const readNote = (lazy) => page.evaluate(async (isLazy) => {
    const box = await window.wasmbox.createBox();
    const t0 = performance.now();
    const source = isLazy ? '/files/app.img' : await window.wasmbox.fetchBytes('/files/app.img');
    await box.mountImage(source, '/app');
    const note = await box.readFile('/app/note.txt');
    const ms = performance.now() - t0;
    box.terminate();
    if (note.length !== 1024) throw new Error('the note is not there');
    return ms;
  }, lazy);
  const lazy = await best(() => readNote(true));
  const whole = await best(() => readNote(false));
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('a 1 KB file of a 100 MB image     bytes fetched      time to its bytes');
  console.log(`  mounted lazily from its URL       ${kb(lazy.bytes).padStart(12)}      ${lazy.ms.toFixed(0).padStart(6)} ms`);
  console.log(`  downloaded whole, then mounted    ${kb(whole.bytes).padStart(12)}      ${whole.ms.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio                             ${(lazy.bytes / whole.bytes).toExponential(1).padStart(12)}      ${(lazy.ms / whole.ms).toFixed(3).padStart(9)}`);

  // From its URL (the box's worker downloads it, from the browser's cache
  // after the first time), or bytes the page holds (copied to the worker).
  const sysroot = (how, fromPage) => page.evaluate(async ([method, inPage]) => {
    const source = inPage ? await window.wasmbox.fetchBytes('/files/sysroot.tar') : '/files/sysroot.tar';
    const times = [];
    for (let i = 0; i < 4; i++) {
      const box = await window.wasmbox.createBox();
      const t0 = performance.now();
      await box[method](source, '/usr');
      await box.readFile('/usr/include/wasm32-wasip1/stdio.h');
      times.push(performance.now() - t0);
      box.terminate();
    }
    return Math.min(...times);
  }, [how, fromPage]);
  console.log('\nthe clang sysroot (29 MB tar, 2,466 entries), to its first file read');
  console.log('                        from its URL (cached)   bytes in the page');
  const mounted = [await sysroot('mountTar', false), await sysroot('mountTar', true)];
  const unpacked = [await sysroot('loadImage', false), await sysroot('loadImage', true)];
  const row = (label, [url, bytes]) => console.log(`  ${label.padEnd(22)}${url.toFixed(1).padStart(8)} ms ${bytes.toFixed(1).padStart(17)} ms`);
  row('mountTar (in place)', mounted);
  row('loadImage (unpacked)', unpacked);
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
