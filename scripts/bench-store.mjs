// Benchmarks persistent stores (Box.mountStore) against the box's memory
// filesystem, side by side in one run: the same guest
// (tests/bench/wasi_bench.c) times saving a 1 MiB file (open, write,
// close: one commit each) and a 16-byte append with fsync (one commit
// each), in a store and in memory; in Node (nodeStoreFiles, on this
// machine's disk) and in Chromium (OPFS, processes in workers and taking
// turns with JSPI).
//   npm run bench:store
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Box } from '../web/src/core/box.js';
import { kernelWasm, nodeHost, nodeStoreFiles } from '../web/src/node/index.js';
import { ROOT } from './setup.mjs';

const OPS = { save1m: 40, fsync16: 400 };
const ROUNDS = 3;
const GUEST = join(ROOT, 'build', 'guest', 'bench', 'wasi_bench.wasm');
const parse = (text) => Number(/ns ([\d.]+)/.exec(text)?.[1] ?? NaN);

async function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) min = Math.min(min, await fn());
  return min;
}

// One op in a fresh Node box: in its memory filesystem, or in a store.
async function inNode(op, store) {
  const dir = mkdtempSync(join(tmpdir(), 'wasmbox-bench-store-'));
  try {
    let out = '';
    const host = {
      ...nodeHost(),
      streamWrite: (stream, bytes) => {
        if (stream === 1) out += Buffer.from(bytes).toString();
        else process.stderr.write(bytes);
        return bytes.length;
      },
    };
    const box = await Box.create({ kernelWasm: await kernelWasm(), host });
    if (store) box.mountStore('/data', nodeStoreFiles(dir));
    else box.writeFile('/data/.keep', '', { parents: true });
    const r = await box.run(readFileSync(GUEST), {
      args: ['wasi_bench', op, '/bench', String(OPS[op])], preopens: [{ name: '/bench', path: '/data' }], stdin: null,
    });
    if (r.exitCode !== 0) throw new Error(`${op}: exit ${r.exitCode}`);
    return parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The same in Chromium: a page of the test site runs the guest in a box
// whose /data is the OPFS store `name`, or memory.
async function chromiumFigures() {
  const { launchChromium, withoutIsolation } = await import('./chromium.mjs');
  const { serveStatic } = await import('../web/src/node/static-server.js');
  const { server, url } = await serveStatic({
    '/': join(ROOT, 'tests', 'browser', 'page'), '/runtime/': join(ROOT, 'web'), '/build/': join(ROOT, 'build'),
  }, { port: 0 });
  const browser = await launchChromium();
  try {
    const figures = {};
    for (const blocking of ['workers', 'jspi']) {
      const page = await browser.newPage();
      if (blocking === 'jspi') await withoutIsolation(page);
      await page.goto(url);
      for (const op of Object.keys(OPS)) {
        for (const store of [false, true]) {
          figures[`${blocking} ${op} ${store ? 'store' : 'memory'}`] = await best(() => page.evaluate(async (job) => {
            const { createBox } = await import('/runtime/src/browser/index.js');
            const box = await createBox({ blocking: job.blocking });
            if (job.store) await box.mountStore('/data', `bench-${crypto.randomUUID()}`);
            else await box.writeFile('/data/.keep', '', { parents: true });
            let text = '';
            const r = await box.run('/build/guest/bench/wasi_bench.wasm', {
              args: ['wasi_bench', job.op, '/bench', String(job.n)], preopens: [{ name: '/bench', path: '/data' }],
              stdout: (bytes) => { text += new TextDecoder().decode(bytes); },
            });
            box.terminate();
            if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}`);
            return Number(/ns ([\d.]+)/.exec(text)[1]);
          }, { op, n: OPS[op], blocking, store }));
        }
      }
      await page.close();
    }
    return figures;
  } finally {
    await browser.close();
    server.close();
  }
}

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const rate = (op, ns) => (op === 'save1m' ? `${(1e9 / ns).toFixed(0)} MiB/s` : `${(1e9 / ns).toFixed(0)} fsyncs/s`);

console.log(`${'op'.padEnd(9)} ${'where'.padEnd(22)} ${'memory'.padEnd(26)} ${'store'.padEnd(26)} ratio`);
for (const op of Object.keys(OPS)) {
  const memory = await best(() => inNode(op, false));
  const store = await best(() => inNode(op, true));
  console.log(`${op.padEnd(9)} ${'Node (disk)'.padEnd(22)} ${`${fmt(memory)} ${rate(op, memory)}`.padEnd(26)} ` +
    `${`${fmt(store)} ${rate(op, store)}`.padEnd(26)} ${(store / memory).toFixed(1)}x`);
}
const page = await chromiumFigures();
for (const blocking of ['workers', 'jspi']) {
  for (const op of Object.keys(OPS)) {
    const memory = page[`${blocking} ${op} memory`];
    const store = page[`${blocking} ${op} store`];
    console.log(`${op.padEnd(9)} ${`Chromium OPFS, ${blocking}`.padEnd(22)} ${`${fmt(memory)} ${rate(op, memory)}`.padEnd(26)} ` +
      `${`${fmt(store)} ${rate(op, store)}`.padEnd(26)} ${(store / memory).toFixed(1)}x`);
  }
}
