// The demo page `npm start` serves, as a newcomer uses it: pick a program,
// type into it, see errors in the page. Saves a screenshot of it in
// build/test-output/.
import { jest } from '@jest/globals';

import { ROOT } from '../runtime/helpers.js';
import { openPage, screenshot, serveDemo, useBrowser, waitForScreen } from './browser.js';

jest.setTimeout(60000);

const session = useBrowser(() => serveDemo(ROOT, { port: 0 }));

async function demoPage(options) {
  const page = await openPage(session.browser, session.url, options);
  await page.waitForFunction(() => window.wasmboxDemo);
  await page.evaluate(() => { window.term = window.wasmboxDemo.terminal; });
  return page;
}

test.each([['JSPI', true], ['Atomics', false]])('the demo runs the examples in its terminal (%s)', async (mode, jspi) => {
  const page = await demoPage({ jspi });
  expect(await page.textContent('#mode')).toBe(`waits with ${mode}`);
  await page.click('button[data-program=hello]');
  await waitForScreen(page, /^Hello, you, from inside the box!$/m);
  await waitForScreen(page, /^\[hello exited with status 0\]$/m);

  await page.click('button[data-program=sort]');
  await waitForScreen(page, /^\$ sort$/m);
  await page.keyboard.type('pear\napple\nfig\n');
  await page.keyboard.press('Control+D');
  await waitForScreen(page, /^apple\nfig\npear\n\[sort exited with status 0\]$/m);

  await page.selectOption('#toolchain', 'emscripten');
  await page.click('button[data-program=fortune]');
  await waitForScreen(page, /^\[fortune exited with status 0\]$/m);
  await page.click('button[data-program=hello]');
  await waitForScreen(page, /^\[hello exited with status 0\][^]*\[hello exited with status 0\]$/m);
  if (jspi) await screenshot(page, 'demo.png');
  expect(page.errors).toEqual([]);
  await page.close();
});

test('the demo\'s calculator takes lines edited in the terminal', async () => {
  const page = await demoPage();
  await page.click('button[data-program=calc]');
  await waitForScreen(page, /^calc>$/m);  // the screen's text ends where its characters do
  await page.keyboard.type('2^10/5');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^calc> 2\^10\/4\n256\ncalc>$/m);
  await page.keyboard.type('ans*2 + (1');
  await page.keyboard.press('Control+U');
  await page.keyboard.type('ans+1');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^calc> ans\+1\n257\ncalc>$/m);
  await page.keyboard.press('Control+D');
  await waitForScreen(page, /^\[calc exited with status 0\]$/m);
  await page.close();
});

test('the demo stops a full-screen program with its Stop button', async () => {
  const page = await demoPage();
  await page.click('button[data-program=rover]');
  await waitForScreen(page, /moves 0/);
  await page.keyboard.press('ArrowLeft');
  await waitForScreen(page, /moves 1 {2}key left/);
  await screenshot(page, 'demo-rover.png');
  await page.click('#stop');
  await waitForScreen(page, /^\[rover ended by signal 2\]$/m);
  expect(await page.isDisabled('#stop')).toBe(true);
  await page.close();
});

test('the demo shows what failed in the page', async () => {
  const page = await openPage(session.browser, session.url, { jspi: true });
  await page.route('**/examples/wasi/hello.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.waitForFunction(() => window.wasmboxDemo);
  await page.click('button[data-program=hello]');
  await page.waitForSelector('#error:not([hidden])');
  expect(await page.textContent('#error')).toMatch(/^hello: cannot download .*hello\.wasm: HTTP 404$/);
  await page.close();
});
