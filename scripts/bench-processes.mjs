// Process operations side by side in one run: the same program
// (tests/bench/proc_bench.c, which times itself) natively with gcc and in
// the box built by wasmbox-cc with each toolchain; and a spawn against
// Node's own way to start a WASI program, child_process.spawnSync of node
// running it under node:wasi.
//   npm run bench:processes
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './setup.mjs';

const ROUNDS = 5;  // the best of several rounds, to see past noise
const COUNTS = { spawn: 200, fork: 200, pipe: 8 };
const OUT = join(ROOT, 'build', 'bench-processes');
const SOURCE = join(ROOT, 'tests', 'bench', 'proc_bench.c');
const CLI = join(ROOT, 'web', 'src', 'node', 'cli.js');
const CC = join(ROOT, 'web', 'src', 'toolchain', 'cc.js');

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}

function build() {
  mkdirSync(OUT, { recursive: true });
  run('gcc', ['-O2', '-o', join(OUT, 'proc_bench'), SOURCE]);
  for (const toolchain of ['wasi', 'emscripten']) {
    run(process.execPath, [CC, `--toolchain=${toolchain}`, '-O2', SOURCE, '-o', join(OUT, `proc_bench-${toolchain}.wasm`)]);
  }
}

const parse = (text) => Number(/ns ([\d.]+)/.exec(text)?.[1] ?? NaN);

function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) min = Math.min(min, fn());
  return min;
}

const native = (op) => parse(run(join(OUT, 'proc_bench'), [op, String(COUNTS[op])]));
// In the box: each process in a worker of its own (wasmbox run's way), or
// nested on one thread (--nested, the way of pages that are not
// cross-origin isolated).
const inBox = (toolchain, how = []) => (op) => {
  const name = `proc_bench-${toolchain}.wasm`;
  return parse(run(process.execPath, [CLI, 'run', ...how, '--dir', `${OUT}::/self`, '--env', `WB_SELF=/self/${name}`,
    join(OUT, name), op, String(COUNTS[op])]));
};

// Node's peer for a spawn: a new node running a trivial plain-WASI program
// (exit_with, which exits at once as proc_bench's child does) under
// node:wasi, per spawn.
function nodeSpawn() {
  const runner = join(OUT, 'node-wasi-runner.mjs');
  writeFileSync(runner, [
    "import { readFileSync } from 'node:fs';",
    "import { WASI } from 'node:wasi';",
    "const wasi = new WASI({ version: 'preview1', args: ['exit_with', '0'] });",
    'const module = await WebAssembly.compile(readFileSync(process.argv[2]));',
    'wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));',
  ].join('\n'));
  const wasm = join(ROOT, 'build', 'guest', 'programs', 'exit_with.wasm');
  const n = 10;
  const start = performance.now();
  for (let i = 0; i < n; ++i) run(process.execPath, [runner, wasm]);
  return ((performance.now() - start) / n) * 1e6;
}

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const rate = (nsPerMiB) => `${(1e9 / nsPerMiB).toFixed(0)} MiB/s`;

build();
const columns = {
  native,
  'workers wasi': inBox('wasi'),
  'workers emcc': inBox('emscripten'),
  'nested wasi': inBox('wasi', ['--nested']),
  'nested emcc': inBox('emscripten', ['--nested']),
};
console.log(`op      ${Object.keys(columns).map((c) => c.padStart(15)).join('')}   time against native`);
for (const op of Object.keys(COUNTS)) {
  const times = Object.values(columns).map((f) => best(() => f(op)));
  const show = op === 'pipe' ? rate : fmt;
  // Time per operation (per MiB for pipe) against native's: 2.0x is twice
  // as slow.
  const ratios = times.slice(1).map((t) => `${(t / times[0]).toFixed(1)}x`);
  console.log(`${op.padEnd(8)}${times.map((t) => show(t).padStart(15)).join('')}   ${ratios.join('  ')}`);
}
const peer = best(nodeSpawn);
const boxSpawn = best(() => inBox('wasi')('spawn'));
console.log(`spawn+wait: node:wasi in a new node (child_process.spawnSync) ${fmt(peer)}, ` +
  `wasmbox ${fmt(boxSpawn)}: ${(peer / boxSpawn).toFixed(0)}x faster`);
