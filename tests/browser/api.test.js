// The browser API without a terminal: guests' stdio to callbacks, the
// kernel issue's guest test programs, typed errors, and a flood of
// output, in Chromium and in Firefox.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, expect, jest } from '@jest/globals';

import { NEEDS_WASMBOX_CC, ROOT } from '../runtime/helpers.js';
import { BROWSERS, OUTPUT, openPage, serveTestPage, useBrowser } from './browser.js';

jest.setTimeout(120000);

// The test page of the browser whose tests run now.
let page;

// An Emscripten-built program whose reads go through invoke_ wrappers,
// built here into build/test-output/, which the test page serves.
beforeAll(() => {
  mkdirSync(OUTPUT, { recursive: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'web', 'src', 'toolchain', 'cc.js'), '-O2',
    join(ROOT, 'tests', 'browser', 'programs', 'setjmp_lines.c'), '-o', join(OUTPUT, 'setjmp_lines.wasm')],
  { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const cxx = spawnSync(process.execPath, [join(ROOT, 'web', 'src', 'toolchain', 'cxx.js'), '-O2',
    join(ROOT, 'tests', 'browser', 'programs', 'uncaught.cc'), '-o', join(OUTPUT, 'uncaught.wasm')],
  { encoding: 'utf8' });
  expect(cxx.stderr).toBe('');
  // The guest tests that spawn, exec or fork their own module find it in
  // an image at /self.
  for (const toolchain of TOOLCHAINS) {
    const tar = spawnSync('tar', ['-C', join(ROOT, 'build', 'guest-cc', toolchain), '-cf',
      join(OUTPUT, `self-image-${toolchain}.tar`), ...RUN_SELF.map((n) => `${n}.wasm`)], { encoding: 'utf8' });
    expect(tar.stderr).toBe('');
  }
});

// Runs `module` in a new box without a terminal: the result and the text
// of stdout and stderr.
function runCaptured(module, options = {}, boxOptions = {}) {
  return page.evaluate(async ([module, options, boxOptions]) => {
    const { images = [], ...createOptions } = boxOptions;
    const box = await window.wasmbox.createBox(createOptions);
    for (const { url, at } of images) await box.loadImage(url, at);
    const decoder = { 1: new TextDecoder(), 2: new TextDecoder() };
    const text = { 1: '', 2: '' };
    const sink = (stream) => (bytes) => { text[stream] += decoder[stream].decode(bytes, { stream: true }); };
    try {
      const result = await box.run(module, { ...options, stdout: sink(1), stderr: sink(2) });
      return { result, stdout: text[1], stderr: text[2] };
    } catch (e) {
      return { error: { name: e.name, code: e.code, message: e.message } };
    } finally {
      box.terminate();
    }
  }, [module, options, boxOptions]);
}

const SOURCES = join(ROOT, 'tests', 'guest');
const GUESTS = readdirSync(SOURCES).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2));
const EXTRA = {
  args_env: { args: ['extra1', 'two words', ''], env: { WB_TEST: 'hello' } },
};
// Built by wasmbox-cc (they need the guest library); they spawn, exec or
// fork their own module. Fork is also run as Emscripten builds it, where
// it unwinds through setjmp's invoke_* glue.
const RUN_SELF = ['spawn', 'exec', 'fork'];
const TOOLCHAINS = ['wasi', 'emscripten'];
const selfTest = (name, toolchain) => ({
  module: `/build/guest-cc/${toolchain}/${name}.wasm`,
  env: { WB_SELF: `/self/${name}.wasm` },
  images: [{ url: `/build/test-output/self-image-${toolchain}.tar`, at: '/self' }],
});
// The others that only wasmbox-cc builds, as it builds them for wasi.
for (const name of NEEDS_WASMBOX_CC) EXTRA[name] = { module: `/build/guest-cc/wasi/${name}.wasm` };
for (const name of RUN_SELF) EXTRA[name] = selfTest(name, 'wasi');
// Processes that feed each other both ways, or a child that waits for its
// parent's lock, need to run side by side: in workers, or taking turns
// with JSPI; not nested.
const NOT_NESTED = new Set(['coprocess', 'locks']);
// Each way guests run and wait; the last two nest them in the box's worker.
const MODES = [['workers', 'workers'], ['JSPI', 'jspi'], ['Atomics', 'atomics'], ['a Service Worker', 'serviceworker']];
const NESTED = new Set(['atomics', 'serviceworker']);
EXTRA['fork (emscripten)'] = selfTest('fork', 'emscripten');

describe.each(BROWSERS)('in %s', (browserName) => {
  const session = useBrowser(serveTestPage, browserName);

  beforeAll(async () => {
    page = await openPage(session.browser, session.url);
    await page.waitForFunction(() => window.ready);
    // For blocking "serviceworker" (which a page need not lack JSPI or isolation for).
    await page.evaluate(() => window.wasmbox.registerServiceWorker('/wasmbox-service-worker.js'));
  });

  afterEach(() => {
    expect(page.errors).toEqual([]);
  });

  describe.each(MODES)('the base image\'s shell, waiting with %s', (_, blocking) => {
    test.each([
      ['a pipeline through sort', 'printf "pear\\napple\\nfig\\napple\\n" > /tmp/w; sort /tmp/w | tr "\\n" ,', 'apple,apple,fig,pear,'],
      ['the issue\'s pipeline', 'printf "pear\\napple\\nfig\\napple\\n" > /tmp/w; cat /tmp/w | grep -v x | sort | uniq -c | sort -rn | head -2',
        '      2 apple\n      1 pear\n'],
    ])('%s', async (_, line, stdout) => {
      const r = await runCaptured('/build/base-root/bin/dash', { args: ['sh', '-c', line], env: { PATH: '/usr/bin:/bin' } },
        { blocking, images: [{ url: '/runtime/dist/base.tar', at: '/' }] });
      expect(r).toEqual({ result: { exitCode: 0 }, stdout, stderr: '' });
    });
  });

  describe.each(MODES)('C++ with %s', (_, blocking) => {
    test('an exception nothing catches ends the program as GCC\'s runtime does', async () => {
      expect(await runCaptured('/build/test-output/uncaught.wasm', {}, { blocking })).toEqual({
        result: { exitCode: 134, signal: 6 },
        stdout: 'caught first\n',
        stderr: 'terminate called after throwing an instance of \'std::runtime_error\'\n  what():  second\n',
      });
    });
  });

  // Side by side (not nested): a writer that never stops, and two sleeps at
  // once.
  describe.each([['workers', 'workers'], ['JSPI', 'jspi']])('processes side by side, %s', (_, blocking) => {
    const shell = (line) => runCaptured('/build/base-root/bin/dash', { args: ['sh', '-c', line], env: { PATH: '/usr/bin:/bin' } },
      { blocking, images: [{ url: '/runtime/dist/base.tar', at: '/' }] });

    test('yes | head -1', async () => {
      expect(await shell('yes | head -1')).toEqual({ result: { exitCode: 0 }, stdout: 'y\n', stderr: '' });
    });

    test('sleep 1 & sleep 1 & wait takes about one second', async () => {
      const timed = async (line) => {
        const start = performance.now();
        expect(await shell(line)).toEqual({ result: { exitCode: 0 }, stdout: '', stderr: '' });
        return performance.now() - start;
      };
      // Less the time a box takes to start and load its image.
      const ms = await timed('sleep 1 & sleep 1 & wait') - await timed('true');
      expect(ms).toBeGreaterThanOrEqual(950);
      expect(ms).toBeLessThan(1700);
    });
  });

  describe.each(MODES)('waiting with %s', (_, blocking) => {
    const guests = [...GUESTS, 'fork (emscripten)'].filter((name) => !NESTED.has(blocking) || !NOT_NESTED.has(name));
    test.each(guests)('the guest test %s passes', async (name) => {
      const extra = EXTRA[name] ?? {};
      const { result, stdout, stderr, error } = await runCaptured(extra.module ?? `/build/guest/tests/${name}.wasm`,
        { args: [name, '/tmp', ...(extra.args ?? [])], env: extra.env ?? {} },
        { blocking, images: extra.images ?? [] });
      expect({ error, result, stderr }).toEqual({ error: undefined, result: { exitCode: 0 }, stderr: '' });
      let golden = null;
      try {
        golden = readFileSync(join(SOURCES, `${name}.out`), 'utf8');
      } catch {
        // no expected output for this one
      }
      if (golden !== null) expect(stdout).toBe(golden);
    });

    test('stdin given to run() is read to its end', async () => {
      const { result, stdout } = await runCaptured('/build/examples/wasi/sort.wasm',
        { args: ['sort'], stdin: 'pear\napple\nfig\n' }, { blocking });
      expect({ result, stdout }).toEqual({ result: { exitCode: 0 }, stdout: 'apple\nfig\npear\n' });
    });

    // Runs `module`, feeding `chunks` to its stdin 100 ms apart (so that it
    // waits for them), then its end.
    const feedSlowly = (module, chunks) => page.evaluate(async ([module, chunks, blocking]) => {
      const box = await window.wasmbox.createBox({ blocking });
      let stdout = '';
      const done = box.run(module, { stdout: (b) => { stdout += new TextDecoder().decode(b); } });
      for (const chunk of chunks) {
        await new Promise((r) => setTimeout(r, 100));
        box.input(chunk);
      }
      box.endInput();
      const result = await done;
      box.terminate();
      return { result, stdout };
    }, [module, chunks, blocking]);

    test('bytes queued beyond the input ring all arrive before the end of input', async () => {
      const count = 20000;  // 200 KB: more than the 64 KiB ring holds
      const name = (i) => `line${String(i).padStart(5, '0')}`;
      const text = Array.from({ length: count }, (_, i) => `${name(count - 1 - i)}\n`).join('');
      const { result, stdout } = await page.evaluate(async ([text, blocking]) => {
        const box = await window.wasmbox.createBox({ blocking });
        let stdout = '';
        const done = box.run('/build/examples/wasi/sort.wasm',
          { args: ['sort'], stdout: (b) => { stdout += new TextDecoder().decode(b); } });
        box.input(text);
        box.endInput();
        const result = await done;
        box.terminate();
        return { result, stdout };
      }, [text, blocking]);
      expect(result).toEqual({ exitCode: 0 });
      const lines = stdout.split('\n');
      expect({ n: lines.length, first: lines[0], last: lines[count - 1] })
        .toEqual({ n: count + 1, first: name(0), last: name(count - 1) });
    });

    test('a page feeds stdin bit by bit and ends it', async () => {
      expect(await feedSlowly('/build/guest/programs/echo_lines.wasm', ['one\ntw', 'o\n']))
        .toEqual({ result: { exitCode: 0 }, stdout: 'got: one\ngot: two\neof\n' });
    });

    test('a program waits inside setjmp\'s invoke wrappers, and longjmps out', async () => {
      expect(await feedSlowly('/build/test-output/setjmp_lines.wasm', ['one\n', 'jump\n', 'two\n']))
        .toEqual({ result: { exitCode: 0 }, stdout: 'got one\ngot jump\njumped\ngot two\neof\n' });
    });

    test('trace: true writes a line per call to stderr; a call that waits shows once', async () => {
      const { result, stdout, stderr } = await runCaptured('/build/guest/programs/sleep_poll.wasm',
        { args: ['sleep_poll', '30'], trace: true }, { blocking });
      expect({ result, stdout }).toEqual({ result: { exitCode: 0 }, stdout: 'slept 30 ms\n' });
      const lines = stderr.split('\n').filter(Boolean);
      expect(lines.filter((l) => l.includes('poll_oneoff')))
        .toEqual([expect.stringMatching(/^\[pid 1\] poll_oneoff\(0x[0-9a-f]+, 0x[0-9a-f]+, 1, 0x[0-9a-f]+\) = 0$/)]);
      expect(lines.at(-1)).toBe('[pid 1] +++ exited with 0 +++');
    });
  });

  test('a trace function cannot reach the worker: a WasmboxError says so', async () => {
    const error = await page.evaluate(async () => {
      const box = await window.wasmbox.createBox();
      try {
        await box.run('/build/guest/programs/exit_with.wasm', { trace: () => {} });
        return null;
      } catch (e) {
        return { name: e.name, code: e.code };
      } finally {
        box.terminate();
      }
    });
    expect(error).toEqual({ name: 'WasmboxError', code: 'EINVAL' });
  });

  test.each(['workers', 'jspi'])('kernelUrl and workerUrl may be relative to the page (%s)', async (blocking) => {
    const r = await runCaptured('/build/guest/programs/exit_with.wasm', { args: ['exit_with', '5'] },
      { blocking, kernelUrl: '../runtime/dist/kernel.wasm', workerUrl: '../runtime/dist/worker.js' });
    expect(r).toEqual({ result: { exitCode: 5 }, stdout: '', stderr: '' });
  });

  test('an invalid module is an InvalidModuleError with a clear message', async () => {
    const { error } = await runCaptured('/build/guest/CMakeCache.txt');
    expect(error).toEqual({ name: 'InvalidModuleError', code: 'EINVALIDMODULE', message: expect.stringMatching(/^the module is not a valid WebAssembly module/) });
  });

  test('a missing module is a WasmboxError naming it', async () => {
    const { error } = await runCaptured('/build/nothing-here.wasm');
    expect(error).toEqual({ name: 'WasmboxError', code: 'EFETCH', message: expect.stringMatching(/cannot download .*nothing-here\.wasm: HTTP 404/) });
  });

  test('a trap is a result, with status 134', async () => {
    const { result } = await runCaptured('/build/guest/programs/trap.wasm');
    expect(result).toEqual({ exitCode: 134, trap: { message: expect.any(String), function: expect.any(String) } });
  });

  // Output takes a shared ring where the page is cross-origin isolated, and
  // batched messages where it is not.
  test.each([['isolated', true], ['not isolated', false]])('10 MB of output reaches the terminal while the page stays responsive (%s)', async (_, isolated) => {
    const flooded = isolated ? page : await openPage(session.browser, session.url, { isolated });
    await flooded.waitForFunction(() => window.ready);
    const measured = await flooded.evaluate(async () => {
      document.body.innerHTML = '<div id="flood" style="position:absolute;inset:0"></div>';
      const box = await window.wasmbox.createBox({ terminal: true });
      const { terminal } = window.openTerminal(document.getElementById('flood'), box);
      // The longest the page's own timer had to wait while the output ran.
      let last = performance.now();
      let longest = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 10);
      const started = performance.now();
      const result = await box.run('/build/guest/programs/flood.wasm', { args: ['flood', '10'] });
      await new Promise((resolve) => terminal.write('', resolve));  // xterm.js has drawn it all
      clearInterval(timer);
      const lines = [];
      const buffer = terminal.buffer.active;
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
      box.terminate();
      return { result, longest, seconds: (performance.now() - started) / 1000, tail: lines.filter(Boolean).slice(-1) };
    });
    if (!isolated) await flooded.close();
    expect(measured.result).toEqual({ exitCode: 0 });
    expect(measured.tail).toEqual(['flood: 10485760 bytes written']);
    // Responsive: no task of the page took a large part of a second.
    expect(measured.longest).toBeLessThan(500);
  });
});
