// The compiler in the box against the same clang module under Node's
// node:wasi and, in Chromium, @bjorn3/browser_wasi_shim, side by side in
// one run: compile+link of hello.c at -O0 and of a 200-line C file at -O2
// (tests/bench/cc/). wasmbox runs `wasmbox cc`'s driver (compile.js) in one
// box; the peer runs the very jobs it ran (clang -###, clang -cc1,
// wasm-ld), each a new instance of the one compiled module, over a tree
// holding the same sysroot and guest library. In Node both with V8's
// default tiers and with --liftoff-only (the flag `wasmbox cc` sets), each
// in a process of its own; the first compile of a process and the best of
// the next ROUNDS. In Chromium, in the playground page
// (tests/bench/cc/page-bench.js): both sides share the page's compiled
// module, so they are warmed up first and then take turns; then the
// playground's own Run of hello.c when the browser has clang cached
// (cold) and again (warm).
//   npm run bench:cc
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

import { serveStatic } from '../web/src/node/static-server.js';
import { compile } from '../web/src/compiler/compile.js';
import { GUEST_PREFIX, TMPDIR } from '../web/src/compiler/target.js';
import { nodeCompilerBox } from '../web/src/node/cc-command.js';
import { compilerModule } from '../web/src/node/compiler-files.js';
import { ROOT } from './build-env.mjs';

const ROUNDS = 3;
const WORK = join(ROOT, 'tests', 'bench', 'cc');
const CASES = [
  { name: 'hello.c -O0', args: ['-O0', 'hello.c', '-o', join(tmpdir(), 'bench-cc-hello.wasm')] },
  { name: 'program.c (200 lines) -O2', args: ['-O2', 'program.c', '-o', join(tmpdir(), 'bench-cc-program.wasm')] },
];

// Times `fn` once, then ROUNDS times more: [first, best of the rest] in ms.
async function firstAndBest(fn) {
  const time = async () => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const first = await time();
  let best = Infinity;
  for (let i = 0; i < ROUNDS; i++) best = Math.min(best, await time());
  return [first, best];
}

// The jobs `wasmbox cc ARGS` runs, as the box ran them.
async function jobsOf(box, args) {
  const jobs = [];
  const recording = { ...box, run: (argv, options) => (jobs.push({ argv, cwd: options.cwd }), box.run(argv, options)) };
  if ((await compile(args, { box: recording, cwd: WORK })) !== 0) throw new Error(`wasmbox cc ${args.join(' ')} failed`);
  return jobs;
}

// A host folder laid out as the compiler's box: the sysroot at /usr, the
// guest library, the work folder at its own path, the temporary folder.
function hostRoot() {
  const root = mkdtempSync(join(tmpdir(), 'bench-cc-'));
  mkdirSync(join(root, 'usr'));
  mkdirSync(join(root, GUEST_PREFIX), { recursive: true });
  const yowasp = fileURLToPath(new URL('.', import.meta.resolve('@yowasp/clang')));
  execFileSync('tar', ['-xf', join(yowasp, 'llvm-resources.tar'), '-C', join(root, 'usr')]);
  execFileSync('tar', ['-xf', join(ROOT, 'web', 'dist', 'guest-wasip1.tar'), '-C', join(root, GUEST_PREFIX)]);
  cpSync(WORK, join(root, WORK), { recursive: true });
  mkdirSync(join(root, TMPDIR));
  mkdirSync(join(root, tmpdir()), { recursive: true });
  return root;
}

// Where the jobs' output goes under node:wasi.
let sink = null;

// Runs `jobs` under node:wasi over `root`, as the box ran them; their
// output goes to /dev/null.
function runUnderNodeWasi(module, jobs, root) {
  sink ??= openSync('/dev/null', 'w');
  for (const { argv } of jobs) {
    const wasi = new WASI({ version: 'preview1', args: argv, env: { TMPDIR }, preopens: { '/': root },
      stdout: sink, stderr: sink, returnOnExit: true });
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
    const status = wasi.start(instance);
    if (status !== 0 && !argv.includes('-###')) throw new Error(`node:wasi: ${argv.slice(0, 2).join(' ')}: status ${status}`);
  }
}

const compilerBox = () => nodeCompilerBox({ mount: [`/${WORK.split('/')[1]}`, tmpdir()] });

// One measurement in this process: `runner` (wasmbox, or node:wasi running
// `jobs`) on the case `which`. The module is compiled first on both sides.
async function measure(runner, which, jobs) {
  const module = await compilerModule();
  if (runner === 'wasmbox') {
    const box = await compilerBox();
    return firstAndBest(() => compile(CASES[which].args, { box, cwd: WORK }));
  }
  const root = hostRoot();
  try {
    return await firstAndBest(() => runUnderNodeWasi(module, jobs, root));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// Each measurement in a fresh node, so that one's tiering does not help
// the next; the jobs node:wasi runs come in on stdin.
function measured(runner, which, flags, jobs) {
  const r = spawnSync(process.execPath, ['--no-flush-bytecode', '--no-warnings', ...flags, fileURLToPath(import.meta.url), runner, String(which)],
    { input: JSON.stringify(jobs), encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  // A crash is said, not fatal.
  if (r.status !== 0) return `${runner} failed (${r.signal ?? `status ${r.status}`})`;
  return JSON.parse(r.stdout);
}

const ms = (v) => `${v.toFixed(0)} ms`;

// The playground page's figures: the cases against browser_wasi_shim, then
// a Run of hello.c with the compiler in the browser's cache, and again.
async function chromiumFigures() {
  const { server, url } = await serveStatic({
    '/playground/': join(ROOT, 'build', 'playground'),
    '/node_modules/': join(ROOT, 'node_modules'),
    '/bench/': WORK,
  }, { port: 0 });
  // Imported only here: with playwright-core loaded, node:wasi aborts.
  const { launchChromium } = await import('./chromium.mjs');
  const browser = await launchChromium();
  const ready = (page) => page.waitForFunction(() => document.getElementById('state').textContent === 'ready', null,
    { timeout: 300000 });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}playground/`);
    await ready(page);
    const cases = CASES.map(({ name, args }) => ({
      name, args: [...args.slice(0, -1), args.at(-1).replace(/.*\//, '')], files: { [args[1]]: readFileSync(join(WORK, args[1]), 'utf8') },
    }));
    const compiles = await page.evaluate(async ({ cases: c, rounds }) => (await import('/bench/page-bench.js')).benchmark(c, rounds),
      { cases, rounds: ROUNDS });
    // Time for the browser to keep what it compiled of clang.
    await page.waitForTimeout(5000);
    const started = Date.now();
    await page.reload();
    await ready(page);
    const timedRun = () => page.evaluate(async () => {
      const t0 = performance.now();
      await window.playground.run();
      return [performance.now() - t0, document.getElementById('state').textContent];
    });
    const [coldRun, coldState] = await timedRun();
    const cold = Date.now() - started;
    const [warm, warmState] = await timedRun();
    if (coldState !== 'main exited with status 0' || warmState !== coldState) throw new Error(`hello.c: ${warmState}`);
    return { compiles, cold, coldRun, warm };
  } finally {
    await browser.close();
    server.close();
  }
}

async function main() {
  if (process.argv[2]) {
    const jobs = JSON.parse(readFileSync(0, 'utf8'));
    process.stdout.write(JSON.stringify(await measure(process.argv[2], Number(process.argv[3]), jobs)));
    return;
  }
  const box = await compilerBox();
  const jobs = [];
  for (const { args } of CASES) jobs.push(await jobsOf(box, args));
  console.log('compile + link, wasmbox cc against the same jobs under node:wasi (first in a process / best of the next',
    `${ROUNDS}):`);
  for (const [label, flags] of [['default tiers', []], ['--liftoff-only', ['--liftoff-only']]]) {
    console.log(`\n${label}`);
    for (let i = 0; i < CASES.length; i++) {
      const inBox = measured('wasmbox', i, flags, []);
      const wasi = measured('node:wasi', i, flags, jobs[i]);
      const figures = (r) => (typeof r === 'string' ? r : `${ms(r[0])} / ${ms(r[1])}`);
      const ratio = typeof inBox === 'string' || typeof wasi === 'string' ? ''
        : `   ratio ${(inBox[0] / wasi[0]).toFixed(2)}x / ${(inBox[1] / wasi[1]).toFixed(2)}x`;
      console.log(`  ${CASES[i].name.padEnd(28)} wasmbox ${figures(inBox)}   node:wasi ${figures(wasi)}${ratio}`);
    }
  }
  const chromium = await chromiumFigures();
  console.log('\nChromium, the playground page against browser_wasi_shim (wasmbox\'s first compile; then, both',
    `warmed up, the best of ${ROUNDS} each, taken in turn):`);
  for (const { name, first, inBox, peer } of chromium.compiles) {
    console.log(`  ${name.padEnd(28)} wasmbox ${ms(first)} / ${ms(inBox)}   browser_wasi_shim ${ms(peer)}   ` +
      `ratio ${(inBox / peer).toFixed(2)}x`);
  }
  console.log(`  hello.c, Run (compile, link, run): cold ${ms(chromium.cold)} from reload with clang in the browser's ` +
    `cache (${ms(chromium.coldRun)} of it the Run), warm ${ms(chromium.warm)}`);
}

await main();
