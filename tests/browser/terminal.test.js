// The browser runtime as a person uses it: a program in xterm.js, keys
// typed into the page, with each way a guest can run and wait (each
// process in a worker of its own on a cross-origin isolated page; nested
// with JSPI elsewhere, and with Atomics as in a browser without JSPI), in
// Chromium and in Firefox.
import { jest } from '@jest/globals';

import { BROWSERS, openPage, serveTestPage, useBrowser, waitForScreen } from './browser.js';

jest.setTimeout(60000);

describe.each(BROWSERS)('in %s', (browserName) => {
  const session = useBrowser(serveTestPage, browserName);

  const PROGRAMS = '/build/guest/programs';
  const EXAMPLES = '/build/examples';

  // A page with a terminal box (window.box, window.term), with or without
  // JSPI and cross-origin isolation (see openPage).
  async function terminalPage(options) {
    const page = await openPage(session.browser, session.url, options);
    await page.waitForFunction(() => window.ready);
    if (options.serviceWorker) await page.evaluate(() => window.wasmbox.registerServiceWorker('/wasmbox-service-worker.js'));
    await page.evaluate(async (blocking) => {
      window.box = await window.wasmbox.createBox({ terminal: true, blocking });
      window.term = window.openTerminal(document.getElementById('terminal'), window.box).terminal;
    }, options.blocking ?? 'auto');
    return page;
  }

  // Starts a program; `finish(page)` waits for its result.
  function start(page, module, options = {}) {
    return page.evaluate(([module, options]) => {
      window.result = window.box.run(module, options);
    }, [module, options]);
  }
  const finish = (page) => page.evaluate(() => window.result);

  describe.each([
    ['processes in workers', { jspi: true }, 'workers'],
    ['JSPI on a page not cross-origin isolated', { jspi: true, isolated: false }, 'jspi'],
    ['Atomics (no JSPI)', { jspi: false, blocking: 'atomics' }, 'atomics'],
    ['a Service Worker (no JSPI, not isolated)', { jspi: false, isolated: false, serviceWorker: true }, 'serviceworker'],
  ])('with %s', (_, options, mode) => {
    const { isolated = true } = options;
    let page;

    beforeEach(async () => {
      page = await terminalPage(options);
    });

    afterEach(async () => {
      expect(page.errors).toEqual([]);
      await page.close();
    });

    test('the box waits the way this browser allows', async () => {
      expect(await page.evaluate(() => window.box.blocking)).toBe(mode);
    });

    test('typed lines are edited, echoed and reach the program; ^D ends its input', async () => {
      await start(page, `${PROGRAMS}/echo_lines.wasm`);
      await page.keyboard.type('hellp');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('o wörld ✓');
      await page.keyboard.press('Enter');
      await waitForScreen(page, /^got: hello wörld ✓$/m);
      await page.keyboard.type('gone words');
      await page.keyboard.press('Control+W');
      await page.keyboard.press('Control+W');
      await page.keyboard.type('kept');
      await page.keyboard.press('Enter');
      // Keys typed while the program answers echo at once (typeahead, as on
      // Linux): wait for its answer, so that the screen reads as expected.
      await waitForScreen(page, /^got: kept$/m);
      await page.keyboard.type('all of this');
      await page.keyboard.press('Control+U');
      await page.keyboard.type('last');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+D');
      expect(await finish(page)).toEqual({ exitCode: 0 });
      await waitForScreen(page, /^hello wörld ✓\ngot: hello wörld ✓\nkept\ngot: kept\nlast\ngot: last\neof$/m);
    });

    test('^C ends a program waiting for input with status 130', async () => {
      await start(page, `${PROGRAMS}/echo_lines.wasm`);
      await page.keyboard.type('partial');
      await page.keyboard.press('Control+C');
      expect(await finish(page)).toEqual({ exitCode: 130, signal: 2 });
      await waitForScreen(page, /^partial\^C$/m);
    });

    test('^C stops a busy loop, and the box runs the next program', async () => {
      await start(page, `${PROGRAMS}/spin.wasm`, { args: ['spin', '100'] });
      // Written just before it got busy: without shared memory, the output
      // still held back goes to the page when the processes take turns.
      await waitForScreen(page, /^line 100$/m);
      await page.keyboard.press('Control+C');
      expect(await finish(page)).toEqual({ exitCode: 130, signal: 2 });
      await waitForScreen(page, /\^C/);
      await start(page, `${PROGRAMS}/exit_with.wasm`, { args: ['exit_with', '7'] });
      expect(await finish(page)).toEqual({ exitCode: 7 });
    });

    test('a raw-mode program gets arrow keys, and sees the window size change', async () => {
      await start(page, `${EXAMPLES}/wasi/rover.wasm`);
      const { cols, rows } = await page.evaluate(() => ({ cols: window.term.cols, rows: window.term.rows }));
      await waitForScreen(page, new RegExp(`${cols}x${rows} {2}at \\d+,\\d+ {2}moves 0`));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      await waitForScreen(page, /moves 3 {2}key up/);
      await page.setViewportSize({ width: 700, height: 400 });
      const smaller = await page.waitForFunction((before) => window.term.cols < before && window.term.cols, cols);
      const now = await page.evaluate(() => `${window.term.cols}x${window.term.rows}`);
      expect(Number(await smaller.jsonValue())).toBeLessThan(cols);
      await waitForScreen(page, new RegExp(`${now} {2}at`));
      await page.keyboard.press('q');
      expect(await finish(page)).toEqual({ exitCode: 0 });
    });

    test('a 100 KB paste arrives whole', async () => {
      const lines = Array.from({ length: 2000 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(40)}`);
      const text = `${lines.join('\n')}\n`;
      await start(page, `${EXAMPLES}/wasi/sort.wasm`, { args: ['sort'] });
      await page.evaluate((text) => window.term.paste(text), text);
      await page.keyboard.press('Control+D');
      expect(await finish(page)).toEqual({ exitCode: 0 });
      // The echo and sort's output: every line twice, the last one last.
      await waitForScreen(page, new RegExp(`${lines[1998]}\n${lines[1999]}\n*$`));
      const count = await page.evaluate(() => {
        const buffer = window.term.buffer.active;
        let n = 0;
        for (let i = 0; i < buffer.length; i++) if (buffer.getLine(i).translateToString(true).startsWith('line ')) ++n;
        return n;
      });
      expect(count).toBeGreaterThanOrEqual(4000);  // scrollback 5000 holds both copies
    });
  });

  test('a page without JSPI, cross-origin isolation or a Service Worker says what is missing', async () => {
    const page = await openPage(session.browser, session.url, { jspi: false, isolated: false });
    await page.waitForFunction(() => window.ready);
    // Without the Service Worker the tests before registered for the site.
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });
    await page.reload();
    await page.waitForFunction(() => window.ready);
    const error = await page.evaluate(() => window.wasmbox.createBox({ terminal: true }).then(
      () => null, (e) => ({ name: e.name, code: e.code, message: e.message })));
    expect(error).toEqual({ name: 'WasmboxError', code: 'ENOBLOCKING', message: expect.stringMatching(/JSPI.*cross-origin isolated/s) });
    await page.close();
  });

  // A page that has its own xterm.js Terminal attaches a box with one
  // loadAddon; disposing the addon detaches them, and each goes on.
  test('BoxAddon attaches a box to a Terminal the page made, and detaches it', async () => {
    const page = await openPage(session.browser, session.url);
    await page.waitForFunction(() => window.ready);
    const seen = await page.evaluate(async (programs) => {
      const { Terminal } = await import('@xterm/xterm');
      const { BoxAddon } = await import('wasmbox/terminal');
      const term = new Terminal({ cols: 60, rows: 10 });
      term.open(document.getElementById('terminal'));
      const box = await window.wasmbox.createBox({ terminal: true });
      const events = { exits: [], sizes: [], downloads: new Set() };
      box.onExit((r) => events.exits.push(r.exitCode));
      box.onResize((size) => events.sizes.push(size));
      box.onProgress((url) => events.downloads.add(new URL(url, location.href).pathname));
      const addon = new BoxAddon(box);
      term.loadAddon(addon);
      const screen = () => new Promise((resolve) => term.write('', () => {
        const lines = [];
        for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i).translateToString(true));
        resolve(lines.join('\n').trim());
      }));
      const args = ['env_args', 'attached'];
      await box.run(`${programs}/env_args.wasm`, { args });
      const attached = await screen();
      addon.dispose();
      const elsewhere = [];
      const listening = box.onOutput((_stream, bytes) => elsewhere.push(new TextDecoder().decode(bytes)));
      await box.run(`${programs}/env_args.wasm`, { args: ['env_args', 'detached'] });
      listening.dispose();
      term.resize(70, 12);  // the terminal's, no longer the box's
      return { attached, after: await screen(), elsewhere: elsewhere.join(''), events: { ...events, downloads: [...events.downloads] } };
    }, PROGRAMS);
    expect(seen.attached).toMatch(/arg attached/);
    expect(seen.after).toBe(seen.attached);  // nothing more reached the terminal
    expect(seen.elsewhere).toMatch(/arg detached/);
    expect(seen.events).toEqual({
      exits: [0, 0], sizes: [{ cols: 60, rows: 10 }], downloads: ['/build/guest/programs/env_args.wasm'],
    });
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
