// The demo page `npm start` serves, as a newcomer uses it: the box's shell
// with the examples on its PATH, pipelines typed into it, a program's
// button, ^C, and errors shown in the page. Saves screenshots of it in
// build/test-output/.
import { jest } from '@jest/globals';

import { ROOT } from '../runtime/helpers.js';
import { BROWSERS, openPage, screenshot, serveDemo, useBrowser, waitForScreen } from './browser.js';

jest.setTimeout(60000);

const serve = (options) => serveDemo(ROOT, { port: 0, ...options });
const session = useBrowser(serve);
// The demo in each browser; the tests after the first use Chromium's.
const sessions = { chromium: session, firefox: useBrowser(serve, 'firefox') };
const PROMPT = /user@wasmbox:\/home\/user\$$/m;

async function demoPage(options, { browser, url } = session) {
  const page = await openPage(browser, url, options);
  await page.waitForFunction(() => window.wasmboxDemo);
  await page.evaluate(() => { window.term = window.wasmboxDemo.terminal; });
  await waitForScreen(page, PROMPT);
  return page;
}

// Types a command line into the shell, as a person at the keyboard.
async function type(page, line) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

const MODES = [
  ['processes in workers', { jspi: true }],
  ['taking turns with JSPI', { jspi: true, isolated: false }],
  ['nested, waits with Atomics', { jspi: false, query: '?blocking=atomics' }],
  // A static host (not isolated) in a browser without JSPI.
  ['nested, waits through a Service Worker', { jspi: false, isolated: false }],
];
test.each(BROWSERS.flatMap((browser) => MODES.map((mode) => [browser, ...mode])))('the demo opens in the shell, with the examples on its PATH (%s, %s)', async (browser, mode, options) => {
  const page = await demoPage(options, sessions[browser]);
  expect(await page.textContent('#mode')).toBe(mode);
  await type(page, 'printf "pear\\napple\\nfig\\napple\\n" > words.txt; cat words.txt | grep -v x | sort | uniq -c | sort -rn | head -2');
  await waitForScreen(page, /^ {6}2 apple\n {6}1 pear\n/m);
  await page.click('button[data-program=hello]');
  await waitForScreen(page, /^Hello, you, from inside the box!$/m);
  await type(page, 'ls /opt/examples/bin | tr "\\n" " "');
  await waitForScreen(page, /^calc fortune hello rover sort user@wasmbox:/m);

  await page.selectOption('#toolchain', 'emscripten');
  await page.click('button[data-program=fortune]');
  // Keys typed while a program runs echo at once (typeahead, as on Linux):
  // wait for the next prompt, so that the screenshot reads well.
  await waitForScreen(page, /^ +-- .*\n+user@wasmbox:\/home\/user\$$/m);
  await page.click('button[data-program=sort]');
  await page.keyboard.type('pear\napple\nfig\n');
  await page.keyboard.press('Control+D');
  await waitForScreen(page, /^apple\nfig\npear\n.*user@wasmbox:\/home\/user\$$/m);
  const suffix = browser === 'chromium' ? '' : `-${browser}`;
  if (mode === 'processes in workers') await screenshot(page, `demo${suffix}.png`);
  if (mode === 'taking turns with JSPI') await screenshot(page, `demo-jspi${suffix}.png`);
  if (mode === 'nested, waits through a Service Worker') await screenshot(page, `demo-serviceworker${suffix}.png`);
  expect(page.errors).toEqual([]);
  await page.close();
});

test.each([
  ['processes in workers', { jspi: true }],
  ['taking turns with JSPI', { jspi: true, isolated: false }],
])('the home folder is kept in the browser: there again after a reload (%s)', async (_, options) => {
  const context = await session.browser.newContext({ viewport: { width: 1000, height: 600 } });
  const page = await demoPage(options, { browser: context, url: session.url });
  expect(await page.textContent('#home-note')).toMatch(/is kept in this browser/);
  await type(page, 'echo hi > ~/note.txt; mkdir -p ~/src && echo "int x;" > ~/src/x.c && echo gone > ~/gone && rm ~/gone && echo ok');
  await waitForScreen(page, /^ok\n/m);
  await page.reload();
  await page.waitForFunction(() => window.wasmboxDemo);
  await page.evaluate(() => { window.term = window.wasmboxDemo.terminal; });
  await waitForScreen(page, PROMPT);
  await type(page, 'cat ~/note.txt ~/src/x.c; ls ~');
  await waitForScreen(page, /^hi\nint x;\nnote\.txt\s+src\n/m);

  // A second tab of the same site gets the shell with a home in memory.
  const other = await demoPage(options, { browser: context, url: session.url });
  expect(await other.textContent('#home-note')).toMatch(/is not kept: the store 'home' is open in another tab/);
  expect([...page.errors, ...other.errors]).toEqual([]);
  await context.close();
});

test('files go into the box from the page and come out as downloads', async () => {
  const page = await demoPage();
  await page.setInputFiles('#picker', [
    { name: 'picked.txt', mimeType: 'text/plain', buffer: Buffer.from('picked by the user\n') },
    { name: 'data.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 255]) },
  ]);
  await waitForScreen(page, /\[copied into ~: picked\.txt, data\.bin\]/);
  await type(page, 'cat picked.txt; od -An -tu1 data.bin; echo made here > out.txt');
  await waitForScreen(page, /^picked by the user\n +0 +1 +2 +255\n/m);
  await page.fill('#download input[name=path]', 'out.txt');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download button')]);
  expect(download.suggestedFilename()).toBe('out.txt');
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  expect(Buffer.concat(chunks).toString()).toBe('made here\n');
  await page.fill('#download input[name=path]', 'missing.txt');
  await page.click('#download button');
  await waitForScreen(page, /\[cannot read \/home\/user\/missing\.txt: ENOENT\]/);
  await screenshot(page, 'demo-files.png');
  expect(page.errors).toEqual([]);
  await page.close();
});

// Nested with Atomics, a busy program cannot take ^C: the box restarts.
test.each([
  ['processes in workers', { jspi: true }],
  ['taking turns with JSPI', { jspi: true, isolated: false }],
])('^C ends a busy program and a busy shell loop, and no file is lost (%s)', async (_, options) => {
  const page = await demoPage(options);
  await type(page, 'echo kept > kept.txt');
  await type(page, "awk 'BEGIN { while (1) {} }'; echo after awk");
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+C');
  await waitForScreen(page, /^\^C\nuser@wasmbox:\/home\/user\$$/m);
  await type(page, 'while :; do :; done');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+C');
  await waitForScreen(page, /while :; do :; done\n\^C\nuser@wasmbox:\/home\/user\$$/m);
  await type(page, 'ls *.txt; cat kept.txt');
  await waitForScreen(page, /^kept\.txt\nkept\n/m);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^kept\n[^]*^kept\nuser@wasmbox:\/home\/user\$$/m);
  expect(page.errors).toEqual([]);
  await page.close();
});

test('the shell recalls its history with the arrow keys', async () => {
  const page = await demoPage();
  await type(page, 'echo $((6 * 7))');
  await waitForScreen(page, /^42$/m);
  await type(page, 'echo other');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^42\n[^]*^42\nuser@wasmbox:\/home\/user\$$/m);
  await page.close();
});

test('the terminal edits the lines a program reads', async () => {
  const page = await demoPage();
  await page.click('button[data-program=calc]');
  await waitForScreen(page, /^calc>$/m);  // the screen's text ends where its characters do
  await page.keyboard.type('2^10/5');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^calc> 2\^10\/4\n256\ncalc>$/m);
  await page.keyboard.press('Control+D');
  await waitForScreen(page, /^calc>\nuser@wasmbox:\/home\/user\$$/m);
  await page.close();
});

test('the Stop button sends ^C to the program in the foreground, and the shell goes on', async () => {
  const page = await demoPage();
  await page.click('button[data-program=rover]');
  await waitForScreen(page, /moves 0/);
  await page.keyboard.press('ArrowLeft');
  await waitForScreen(page, /moves 1 {2}key left/);
  await screenshot(page, 'demo-rover.png');
  await page.click('#stop');
  await waitForScreen(page, PROMPT);
  // A program that sleeps is interrupted (dash, as on Linux, then drops
  // the rest of the line), and the shell tells how it ended.
  await type(page, 'sleep 30; echo never');
  await page.waitForTimeout(300);
  await page.click('#stop');
  await waitForScreen(page, /^\^C\nuser@wasmbox:\/home\/user\$$/m);
  await type(page, 'echo "status $?"');
  await waitForScreen(page, /^status 130$/m);
  await page.close();
});

test('the demo shows what failed in the page', async () => {
  const page = await openPage(session.browser, session.url, { jspi: true });
  await page.route('**/examples/wasi/hello.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.waitForSelector('#error:not([hidden])');
  expect(await page.textContent('#error')).toMatch(/^hello: cannot download .*hello\.wasm: HTTP 404$/);
  await page.close();
});
