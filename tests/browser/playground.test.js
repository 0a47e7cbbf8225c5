// The playground (/playground/ of the demo site) in headless Chromium:
// clang downloaded and compiled by the page, files compiled and linked in
// the box, the program run in the terminal with stdin working; diagnostics
// as marks on the editor's lines; share links; work kept across a reload;
// Stop. Cross-origin isolated (processes in workers) and not (JSPI).
import { jest } from '@jest/globals';

import { packText } from '../../web/playground/share.js';
import { openPage, screenshot, serveDemo, useBrowser, waitForScreen } from './browser.js';
import { ROOT } from '../runtime/helpers.js';

jest.setTimeout(240000);

const session = useBrowser(() => serveDemo(ROOT, { port: 0 }));

const READS = '#include <stdio.h>\n\nint main(void) {\n  char name[64];\n  printf("name? ");\n' +
  '  fflush(stdout);\n  if (!fgets(name, sizeof name, stdin)) return 1;\n  printf("hello, %s", name);\n  return 0;\n}\n';
// One line, typed: the editor closes brackets as they are typed over.
const SPINS = 'int main(void) { for (volatile unsigned i = 0;; i++) {} }';
const BROKEN = '#include <stdio.h>\n\nint main(void) {\n  int n = 3;\n  printf("%d\\n", m);\n  return 0;\n}\n';

const state = (page) => page.textContent('#state');

async function open(query, fragment, options = {}) {
  const page = await openPage(session.browser, `${session.url}playground/`,
    { query: `${query}${fragment ? `#${fragment}` : ''}`, viewport: { width: 1200, height: 700 }, ...options });
  await page.waitForFunction(() => document.getElementById('state').textContent === 'ready', null, { timeout: 120000 });
  return page;
}

// Presses Run and waits for the outcome (the state after compiling):
// the state's text and how long it took.
async function run(page, { press = () => page.click('#run'), until = /^main |failed/ } = {}) {
  await page.evaluate(() => { document.getElementById('state').textContent = ''; });
  const started = Date.now();
  await press();
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('state').textContent),
    until.source, { timeout: 120000 });
  return { state: await state(page), ms: Date.now() - started };
}

describe.each([
  ['workers', {}],
  ['jspi', { isolated: false }],
])('the playground, %s', (mode, options) => {
  test('opens a share link, runs it, and the program reads what is typed', async () => {
    const page = await open('', `code=${await packText(READS)}`, options);
    expect(await page.textContent('#mode')).toMatch(mode === 'workers' ? /workers/ : /JSPI/);
    expect(await page.textContent('.tab .name')).toBe('main.c');
    await run(page, { until: /running/ });
    await waitForScreen(page, /^name\?$/m);
    await page.keyboard.type('box\n');
    await page.waitForFunction(() => /^main exited/.test(document.getElementById('state').textContent));
    const screen = await waitForScreen(page, /\[main exited with status 0\]/);
    expect(screen).toMatch(/^\$ cc -O2 -std=c17 -Wall main\.c -lm -o main\.wasm\nname\? box\nhello, box\n\[main exited with status 0\]$/m);
    await screenshot(page, `playground-${mode}.png`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  test('a second Run is faster than the first', async () => {
    const page = await open('', `code=${await packText('#include <stdio.h>\nint main(void) { puts("hi"); }\n')}`, options);
    const first = await run(page);
    const second = await run(page);
    expect([first.state, second.state]).toEqual(['main exited with status 0', 'main exited with status 0']);
    expect(second.ms).toBeLessThan(first.ms);
    await page.close();
  });
});

test('a compile error: clang\'s diagnostic in the terminal and a mark on its line', async () => {
  const page = await open('', `code=${await packText(BROKEN)}`);
  expect((await run(page)).state).toBe('compile failed (status 1)');
  await waitForScreen(page, /main\.c:5:18: error: use of undeclared identifier 'm'/);
  // The mark is on line 5, under the identifier.
  const marks = await page.$$eval('.cm-content .cm-line', (lines) => lines.flatMap((line, i) =>
    [...line.querySelectorAll('.cm-lintRange')].map((m) => `${i + 1}:${m.className.match(/cm-lintRange-(\w+)/)[1]}:${m.textContent}`)));
  expect(marks).toEqual(['5:error:m']);
  await screenshot(page, 'playground-error.png');
  await page.close();
});

test('several files, an edit kept across a reload, and Stop', async () => {
  const page = await open('', '');
  await page.selectOption('#examples', { label: 'Files and a header (C)' });
  expect(await page.$$eval('.tab .name', (tabs) => tabs.map((t) => t.textContent))).toEqual(['main.c', 'notes.h', 'notes.c']);
  expect(await run(page)).toMatchObject({ state: 'main exited with status 0' });
  await waitForScreen(page, /read back: written by a program in the box/);
  // An edit: main.c's text replaced, kept in the page's storage.
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(SPINS);
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('state').textContent === 'ready', null, { timeout: 120000 });
  expect(await page.evaluate(() => window.playground.project.file('main.c').text)).toBe(SPINS);
  expect(await page.$$eval('.tab .name', (tabs) => tabs.map((t) => t.textContent))).toEqual(['main.c', 'notes.h', 'notes.c']);
  await run(page, { until: /running/ });
  await page.waitForTimeout(300);
  await page.click('#stop');
  await page.waitForFunction(() => /^main ended by signal 2$/.test(document.getElementById('state').textContent));
  await page.close();
});

test('C++ with the STL (the examples menu), run by Ctrl-Enter', async () => {
  const page = await open('', '');
  await page.selectOption('#examples', { label: 'Word count with the STL (C++)' });
  expect(await page.textContent('#language')).toBe('C++20');
  await run(page, { press: () => page.keyboard.press('Control+Enter') });
  const screen = await waitForScreen(page, /\[main exited with status 0\]/);
  expect(screen).toMatch(/^\$ c\+\+ -O2 -std=c\+\+20 -Wall main\.cpp -lm -o main\.wasm\n3 the\n/m);
  await page.close();
});

test('the demo links to it', async () => {
  const page = await openPage(session.browser, session.url);
  await page.click('#playground-link');
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', null, { timeout: 120000 });
  expect(new URL(page.url()).pathname).toBe('/playground/');
  await page.close();
});
