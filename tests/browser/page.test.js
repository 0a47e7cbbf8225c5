// The pages wasmbox_add_executable(... PAGE) emits (examples/CMakeLists.txt),
// served by `wasmbox serve` as a user would, opened in Chromium.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, jest } from '@jest/globals';

import { CLI, ROOT } from '../runtime/helpers.js';
import { openPage, screenshot, useBrowser, waitForScreen } from './browser.js';

jest.setTimeout(60000);

const session = useBrowser();
const servers = [];

afterAll(() => {
  for (const s of servers) s.kill();
});

// `wasmbox serve --port 0 DIR`: resolves with the URL it prints.
function serve(dir) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const url = /at (http:\/\/\S+) /.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`wasmbox serve exited with ${code}: ${out}`)));
  });
}

// The terminal's text as xterm.js draws it in the page (its DOM renderer
// draws spaces as no-break spaces).
const drawn = (page) => page.evaluate(() => [...document.querySelectorAll('.xterm-rows > div')]
  .map((row) => row.textContent.replaceAll('\u00a0', ' ').trimEnd()).join('\n'));
const waitForDrawn = (page, pattern) => waitForScreen(page, pattern, { read: drawn });

describe.each(['wasi', 'emscripten'])('pages built with %s', (toolchain) => {
  let url;
  beforeAll(async () => {
    url = await serve(join(ROOT, 'build', 'examples', toolchain));
  });

  test('fortune.html unpacks its files and runs the program', async () => {
    const page = await openPage(session.browser, `${url}fortune.html`);
    await waitForDrawn(page, /^\[fortune exited with status 0\]$/m);
    expect(await drawn(page)).toMatch(/^ {8}-- /m);  // a saying's author line
    expect(await page.title()).toBe('fortune');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  test('fortune.html runs where the page has neither JSPI nor cross-origin isolation, through its Service Worker', async () => {
    const page = await openPage(session.browser, `${url}fortune.html`, { jspi: false, isolated: false });
    await waitForDrawn(page, /^\[fortune exited with status 0\]$/m);
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  test('rover.html takes keys in a full-window terminal', async () => {
    const page = await openPage(session.browser, `${url}rover.html`);
    await waitForDrawn(page, /moves 0/);
    await page.keyboard.press('ArrowDown');
    await waitForDrawn(page, /moves 1 {2}key down/);
    await screenshot(page, `page-rover-${toolchain}.png`);
    await page.keyboard.press('q');
    await waitForDrawn(page, /^\[rover exited with status 0\]$/m);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});

test('a page whose module is missing says so in the page', async () => {
  const url = await serve(join(ROOT, 'build', 'examples', 'wasi'));
  const page = await openPage(session.browser, `${url}rover.html`);
  await page.route('**/rover.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  await page.reload();
  const alert = await page.waitForSelector('[role=alert]');
  expect(await alert.textContent()).toMatch(/^cannot download .*rover\.wasm: HTTP 404$/);
  await page.close();
});
