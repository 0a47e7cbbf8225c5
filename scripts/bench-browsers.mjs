// Each way a page's box runs and waits, in Chromium and in Firefox, side
// by side in one run: a new box to a program's first output, and a line
// typed to the program's answer (how fast a guest waiting for input
// wakes). Ratios are against processes in workers (Atomics.wait) in the
// same browser.
//   npm run bench:browsers
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { ROOT } from './setup.mjs';
import { serveTestPage } from './test-page-server.mjs';

const MODES = ['workers', 'jspi', 'atomics', 'serviceworker'];
const ROUNDS = 5;
const LINES = 20;

const { server, url } = await serveTestPage(ROOT);

// In the page: the best of `rounds` new boxes to the first output, and the
// median of `lines` lines' round trips through a program that echoes them.
async function measure([blocking, rounds, lines]) {
  const programs = '/build/guest/programs';
  let startup = Infinity;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const box = await window.wasmbox.createBox({ blocking });
    let first = 0;
    await box.run(`${programs}/env_args.wasm`, { args: ['env_args', 'x'], stdout: () => { first ||= performance.now(); } });
    startup = Math.min(startup, first - started);
    box.terminate();
  }
  const box = await window.wasmbox.createBox({ blocking });
  const decoder = new TextDecoder();
  let out = '';
  let waiting = null;  // [the answer awaited, what resolves it]
  const done = box.run(`${programs}/echo_lines.wasm`, {
    stdout: (bytes) => {
      out += decoder.decode(bytes, { stream: true });
      if (waiting && out.includes(waiting[0])) waiting[1]();
    },
  });
  const trips = [];
  for (let i = 0; i < lines; i++) {
    const heard = new Promise((resolve) => { waiting = [`got: line ${i}\n`, resolve]; });
    const sent = performance.now();
    box.input(`line ${i}\n`);
    await heard;
    trips.push(performance.now() - sent);
  }
  box.endInput();
  await done;
  box.terminate();
  trips.sort((a, b) => a - b);
  return { startup, trip: trips[trips.length >> 1] };
}

const rows = [];
for (const [name, launch] of [['Chromium', launchChromium], ['Firefox', launchFirefox]]) {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.ready);
  await page.evaluate(() => window.wasmbox.registerServiceWorker('/wasmbox-service-worker.js'));
  const results = {};
  for (const mode of MODES) results[mode] = await page.evaluate(measure, [mode, ROUNDS, LINES]);
  for (const mode of MODES) rows.push({ name, mode, ...results[mode], base: results.workers });
  await browser.close();
}
server.close();

const ms = (n) => `${n.toFixed(1)} ms`;
console.log('| browser | blocking | new box to first output | ratio | line typed to answer (median) | ratio |');
console.log('|---|---|---|---|---|---|');
for (const { name, mode, startup, trip, base } of rows) {
  console.log(`| ${name} | ${mode} | ${ms(startup)} | ${(startup / base.startup).toFixed(2)}x | ${ms(trip)} | ${(trip / base.trip).toFixed(2)}x |`);
}
