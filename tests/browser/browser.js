// Headless Chromium (Debian's, driven by playwright-core) and Firefox
// (Debian's ESR, driven by puppeteer-core; scripts/firefox.mjs) on pages
// served as a user's static server would, for the end-to-end tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll } from '@jest/globals';

import { launchChromium, withoutIsolation } from '../../scripts/chromium.mjs';
import { launchFirefox } from '../../scripts/firefox.mjs';
import { serveDemo } from '../../scripts/demo-server.mjs';
import { serveTestPage as serveTestPageOf } from '../../scripts/test-page-server.mjs';
import { ROOT } from '../runtime/helpers.js';

export const OUTPUT = join(ROOT, 'build', 'test-output');

/** The browsers the tests run in: each test file says which of them it takes. */
export const BROWSERS = ['chromium', 'firefox'];

/**
 * For a test file (or a describe block): a browser, "chromium" or
 * "firefox", and a server (`serve(options)` resolves to {server, url}),
 * started before its tests and stopped after them. The returned object
 * gets `browser` and `url` once they run. Firefox's pages answer as
 * Playwright's do; it also gets the site without cross-origin isolation
 * from a second server (`serve({isolated: false})`), where Chromium's
 * pages take the headers away themselves (openPage).
 */
export function useBrowser(serve = async () => ({}), name = 'chromium') {
  const session = {};
  let plain = null;
  beforeAll(async () => {
    session.browser = name === 'firefox' ? await launchFirefox() : await launchChromium();
    Object.assign(session, await serve());
    if (name === 'firefox') {
      plain = await serve({ isolated: false });
      session.browser.plainUrl = plain.url;
    }
  });
  afterAll(async () => {
    await session.browser?.close();
    session.server?.close();
    plain?.server?.close();
  });
  return session;
}

/** The test page (tests/browser/page) with the runtime and the built programs. */
export const serveTestPage = (options) => serveTestPageOf(ROOT, options);

export { serveDemo };

/**
 * Opens `url` in a new page. `jspi: false` takes JSPI away from the page,
 * as in a browser without it, so that the box falls back to Atomics;
 * `isolated: false` serves it without the cross-origin isolation headers,
 * as a plain static host would (no SharedArrayBuffer); `query` is added
 * to the URL. Errors the page throws are collected in `page.errors`.
 * `browser` may be a browser context, whose pages share their storage.
 */
export async function openPage(browser, url, { jspi = true, isolated = true, query = '', viewport = { width: 1000, height: 600 } } = {}) {
  const page = await (browser.newContext ? browser.newPage({ viewport }) : browser.newPage());
  if (browser.name === 'firefox') await page.setViewportSize(viewport);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  if (!jspi) {
    await page.addInitScript(() => {
      delete WebAssembly.Suspending;
      delete WebAssembly.promising;
    });
  }
  if (!isolated && browser.plainUrl) url = browser.plainUrl;
  else if (!isolated) await withoutIsolation(page);
  await page.goto(url + query);
  return page;
}

/**
 * The text of the terminal's screen (window.term: an xterm Terminal),
 * without trailing blanks. xterm.js draws what it was given a moment later.
 */
export function screenText(page) {
  return page.evaluate(() => {
    const { term } = window;
    const buffer = term.buffer.active;
    const lines = [];
    for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true).trimEnd() ?? '');
    return lines.join('\n');
  });
}

/**
 * Waits until the screen matches `pattern`; returns the screen. `read`
 * reads it (default: screenText).
 */
export async function waitForScreen(page, pattern, { timeout = 15000, read = screenText } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const text = await read(page);
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`the screen never matched ${pattern}; it shows:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function screenshot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  return page.screenshot({ path: join(OUTPUT, name) });
}
