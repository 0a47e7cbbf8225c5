// `npm start`'s main job after set-up: it serves the demo page and prints
// its URL, with the headers that make the page cross-origin isolated.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, expect, test } from '@jest/globals';

import { ROOT } from './helpers.js';

let child;

afterAll(() => child?.kill());

function start() {
  child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const url = /open (http:\/\/localhost:\d+\/) /.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });
}

test('it serves the demo page, its runtime and the examples, isolated', async () => {
  const url = await start();
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  expect(await page.text()).toMatch(/<title>wasmbox/);
  for (const [path, type] of [
    ['runtime/dist/kernel.wasm', 'application/wasm'],
    ['runtime/src/browser/index.js', 'text/javascript; charset=utf-8'],
    ['examples/wasi/hello.wasm', 'application/wasm'],
    ['node_modules/@xterm/xterm/lib/xterm.mjs', 'text/javascript; charset=utf-8'],
  ]) {
    const r = await fetch(url + path);
    expect({ path, status: r.status, type: r.headers.get('content-type') }).toEqual({ path, status: 200, type });
  }
  // No way out of a served directory (the URL parser leaves %2f alone).
  expect((await fetch(`${url}runtime/..%2f..%2fpackage.json`)).status).toBe(404);
  expect((await fetch(`${url}runtime/..%2fpackage.json`)).status).toBe(404);
});
