// Startup (module bytes in memory → the program's first output) and the
// size of the shipped runtime, side by side with peers in one run:
// node:wasi in Node, @bjorn3/browser_wasi_shim in Chromium.
//   npm run bench:startup
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

import { Box } from '../web/src/core/box.js';
import { kernelWasm, nodeHost } from '../web/src/node/index.js';
import { serveStatic } from '../web/src/node/static-server.js';
import { launchChromium } from './chromium.mjs';
import { ROOT } from './setup.mjs';

const ROUNDS = 7;  // the best of several rounds, to see past noise
// A plain clang + wasi-libc program (no wasmbox extensions), so that the
// peers can run it too: it prints its arguments.
const hello = readFileSync(join(ROOT, 'build', 'guest', 'programs', 'env_args.wasm'));
const devNull = openSync('/dev/null', 'w');

async function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) min = Math.min(min, await fn());
  return min;
}

// Resolves with the time of the first write to stdout.
function firstOutput() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, seen: () => resolve(performance.now()) };
}

// A box whose stdout calls `box.onStdout`, which each run sets.
async function quietBox(kernel) {
  const host = { ...nodeHost({ terminal: false }), streamWrite: (stream, bytes) => (stream === 1 && box.onStdout(), bytes.length) };
  const box = await Box.create({ kernelWasm: kernel, host });
  box.onStdout = () => {};
  return box;
}

async function wasmboxNode(kernel, existing = null) {
  const out = firstOutput();
  const t0 = performance.now();
  const box = existing ?? await quietBox(kernel);
  box.onStdout = out.seen;
  box.run(hello, { args: ['hello', 'world'] });
  return (await out.promise) - t0;
}

async function nodeWasi() {
  const out = firstOutput();
  const t0 = performance.now();
  const wasi = new WASI({ version: 'preview1', args: ['hello', 'world'], returnOnExit: true, stdout: devNull });
  const imports = wasi.getImportObject();
  const write = imports.wasi_snapshot_preview1.fd_write;
  imports.wasi_snapshot_preview1.fd_write = (fd, ...rest) => (fd === 1 && out.seen(), write(fd, ...rest));
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(hello), imports);
  wasi.start(instance);
  return (await out.promise) - t0;
}

async function nodeStartup() {
  const kernel = await WebAssembly.compile(await kernelWasm());  // as createNodeBox, once per process
  const warmBox = await quietBox(kernel);
  return {
    peer: await best(nodeWasi),
    cold: await best(() => wasmboxNode(kernel)),
    warm: await best(() => wasmboxNode(kernel, warmBox)),
  };
}

// In the page: a new box (worker, kernel) then hello; hello again in the
// same box; and the peer on the page's thread.
async function chromiumStartup() {
  const { server, url } = await serveStatic({
    '/': join(ROOT, 'tests', 'browser', 'page'),
    '/runtime/': join(ROOT, 'web'),
    '/node_modules/': join(ROOT, 'node_modules'),
    '/build/': join(ROOT, 'build'),
  }, { port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.ready);
    return await page.evaluate(async (rounds) => {
      const bytes = new Uint8Array(await (await fetch('/build/guest/programs/env_args.wasm')).arrayBuffer());
      const shim = await import('/node_modules/@bjorn3/browser_wasi_shim/dist/index.js');
      const bestOf = async (fn) => {
        let min = Infinity;
        for (let i = 0; i < rounds; i++) min = Math.min(min, await fn());
        return min;
      };
      const untilOutput = (box, t0) => new Promise((resolve) => {
        box.run(bytes, { args: ['hello', 'world'], stdout: () => resolve(performance.now() - t0) });
      });
      const boxes = [];
      const cold = await bestOf(async () => {
        const t0 = performance.now();
        const box = await window.wasmbox.createBox();
        boxes.push(box);
        return untilOutput(box, t0);
      });
      await new Promise((r) => setTimeout(r, 200));
      const warm = await bestOf(async () => {
        await new Promise((r) => setTimeout(r, 50));  // the last run has ended
        return untilOutput(boxes[0], performance.now());
      });
      const peer = await bestOf(async () => {
        const t0 = performance.now();
        let first = null;
        const out = new shim.ConsoleStdout(() => { first ??= performance.now(); });
        const wasi = new shim.WASI(['hello', 'world'], [], [new shim.OpenFile(new shim.File([])), out, out]);
        const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes),
          { wasi_snapshot_preview1: wasi.wasiImport });
        wasi.start(instance);
        return first - t0;
      });
      for (const box of boxes) box.terminate();
      return { peer, cold, warm };
    }, ROUNDS);
  } finally {
    await browser.close();
    server.close();
  }
}

// What a bundler ships: the runtime's JS minified (the worker is its own
// bundle), Emscripten's kernel glue, kernel.wasm; xterm.js not counted.
async function sizes() {
  const bundle = async (entry, external = []) => {
    const r = await build({ entryPoints: [join(ROOT, entry)], bundle: true, minify: true, format: 'esm',
      write: false, external, logLevel: 'silent' });
    return r.outputFiles[0].contents;
  };
  const parts = {
    'kernel.wasm': readFileSync(join(ROOT, 'web', 'dist', 'kernel.wasm')),
    'page JS (index.js)': await bundle('web/src/browser/index.js'),
    'worker JS (with kernel glue)': readFileSync(join(ROOT, 'web', 'dist', 'worker.js')),
    'terminal.js (xterm.js apart)': await bundle('web/src/browser/terminal.js', ['@xterm/*']),
  };
  const peer = await bundle('node_modules/@bjorn3/browser_wasi_shim/dist/index.js');
  return { parts, peer };
}

const ms = (t) => `${t.toFixed(1)} ms`.padStart(9);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

const node = await nodeStartup();
const page = await chromiumStartup();
console.log('startup: a small program\'s bytes in memory → its first output (best of %d)', ROUNDS);
console.log('            peer       wasmbox new box   ratio   wasmbox same box  ratio');
for (const [where, t, peerName] of [['Node', node, 'node:wasi'], ['Chromium', page, 'browser_wasi_shim']]) {
  console.log(`${where.padEnd(9)} ${ms(t.peer)}  ${ms(t.cold)}        ${(t.cold / t.peer).toFixed(1).padStart(5)}x  ${ms(t.warm)}` +
    `         ${(t.warm / t.peer).toFixed(1).padStart(5)}x   (peer: ${peerName})`);
}

const { parts, peer } = await sizes();
console.log('\nshipped runtime        bytes      gzip -9');
let total = 0;
for (const [name, bytes] of Object.entries(parts)) {
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`${name.padEnd(28)} ${kb(bytes.length)} ${kb(gz)}`);
}
console.log(`${'total'.padEnd(28)} ${' '.repeat(9)} ${kb(total)}   (aim: ≤ 80 KB)`);
console.log(`${'peer: browser_wasi_shim'.padEnd(28)} ${kb(peer.length)} ${kb(gzipSync(peer, { level: 9 }).length)}   (no kernel, terminal or blocking)`);
