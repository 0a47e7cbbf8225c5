// The ported apps in the demo page, as a person uses them: opened by their
// URL (?app=NAME) or their button, downloaded on first start, typed into.
// Prints the time from opening the page to each app's first screen, and
// saves a screenshot (build/test-output/apps.png).
import { jest } from '@jest/globals';

import { ROOT } from '../runtime/helpers.js';
import { openPage, screenshot, serveDemo, useBrowser, waitForScreen } from './browser.js';

jest.setTimeout(90000);

const session = useBrowser(() => serveDemo(ROOT, { port: 0 }));
const PROMPT = /user@wasmbox:\/home\/user\$$/m;

async function type(page, line) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function appPage(query, options = {}) {
  const opened = Date.now();
  const page = await openPage(session.browser, session.url, { query, ...options });
  await page.waitForFunction(() => window.wasmboxDemo);
  await page.evaluate(() => { window.term = window.wasmboxDemo.terminal; });
  return { page, opened };
}

test.each([
  ['processes in workers', {}],
  ['taking turns with JSPI', { isolated: false }],
])('Lua from its URL: the REPL evaluates what is typed and recalls it (%s)', async (mode, options) => {
  const { page, opened } = await appPage('?app=lua', options);
  await waitForScreen(page, /^Lua 5\.4\.4 {2}Copyright \(C\) 1994-2022 Lua\.org, PUC-Rio\n>$/m);
  console.log(`lua (${mode}): first screen ${Date.now() - opened} ms after the page opened`);
  // Each line once Lua has answered the last (keys typed ahead echo at once).
  await type(page, 'function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end');
  await waitForScreen(page, /fact\(n - 1\) end\n>$/m);
  await type(page, 'print(fact(20) .. " " .. ("box"):rep(3, "-"))');
  await waitForScreen(page, /^2432902008176640000 box-box-box\n>$/m);
  await type(page, 'error("typed")');
  await waitForScreen(page, /^stdin:1: typed\n[^]*>$/m);
  // History (readline): the line before last, again.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await waitForScreen(page, /^> print\(fact\(20\) \.\. " " \.\. \("box"\):rep\(3, "-"\)\)$/m);
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^2432902008176640000 box-box-box\n[^]*^2432902008176640000 box-box-box\n>$/m);
  await page.keyboard.press('Control+D');
  await waitForScreen(page, PROMPT);
  expect(new URL(page.url()).searchParams.get('app')).toBe('lua');
  expect(page.errors).toEqual([]);
  await page.close();
});

test('sqlite3 and jq from their buttons: a table in a file, a JSON filter', async () => {
  const { page } = await appPage('');
  await waitForScreen(page, PROMPT);
  const started = Date.now();
  await page.click('button[data-app=sqlite3]');
  await waitForScreen(page, /^SQLite version 3\.40\.1 [^]*\nsqlite>$/m);
  console.log(`sqlite3: first screen ${Date.now() - started} ms after its button`);
  expect(new URL(page.url()).searchParams.get('app')).toBe('sqlite3');
  await type(page, 'CREATE TABLE t(word TEXT); INSERT INTO t VALUES (\'box\'), (\'page\');');
  await waitForScreen(page, /\('page'\);\nsqlite>$/m);
  await type(page, 'SELECT upper(word), length(word) FROM t ORDER BY word;');
  await waitForScreen(page, /^BOX\|3\nPAGE\|4\nsqlite>$/m);
  await type(page, 'PRAGMA integrity_check;');
  await waitForScreen(page, /^ok\nsqlite>$/m);
  await type(page, '.quit');
  await waitForScreen(page, PROMPT);
  await type(page, 'ls demo.db && echo "SELECT count(*) FROM t;" | sqlite3 demo.db');
  await waitForScreen(page, /^demo\.db\n2\n/m);

  await page.click('button[data-app=jq]');
  await waitForScreen(page, /^\[\n {2}"LUA",\n {2}"SQLITE3",\n {2}"JQ"\n\]\n/m);
  await screenshot(page, 'apps.png');
  expect(page.errors).toEqual([]);
  await page.close();
});

test('knight from its URL: a full-screen ncurses program in colour, moved with the arrow keys', async () => {
  const { page, opened } = await appPage('?app=knight');
  await waitForScreen(page, /KNIGHT'S MOVE -- a logical solitaire[^]*Press `\?' to go to game explanation/);
  console.log(`knight: first screen ${Date.now() - opened} ms after the page opened`);
  // Each key once the screen has answered the last.
  await page.keyboard.press('Space');
  await waitForScreen(page, /^Move 1 /m);
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
  await page.waitForTimeout(300);
  await page.keyboard.press('Space');
  await waitForScreen(page, /^Move 2 /m);
  // The board is drawn with line-drawing characters, the knight in colour.
  const screen = await waitForScreen(page, /┌───┬───┬/);
  expect(screen).toMatch(/└───┴───┴/);
  await screenshot(page, 'knight.png');
  await page.keyboard.press('q');
  await waitForScreen(page, /Try again\?/);
  await page.keyboard.press('n');
  await waitForScreen(page, PROMPT);
  expect(page.errors).toEqual([]);
  await page.close();
});

test('an unknown app in the URL says which apps there are', async () => {
  const { page } = await appPage('?app=nosuch');
  await page.waitForSelector('#error:not([hidden])');
  expect(await page.textContent('#error')).toMatch(/^no app named nosuch: the apps are .*\blua\b/);
  await page.close();
});
