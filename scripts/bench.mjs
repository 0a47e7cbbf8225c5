// Benchmarks wasmbox against Node's built-in node:wasi, side by side in one
// run (the machine is noisy: compare within a run, never across runs).
// The same guest (tests/bench/wasi_bench.c) times each operation itself:
// under node:wasi; in a box's memory filesystem, its process on the box's
// thread and in a worker of its own; on a host directory. Then what
// preemption points (web/src/core/wasm/preempt.js) cost a program that
// computes, against the same program without them, both under node:wasi.
//   npm run bench            all operations (node --no-flush-bytecode: Node 20
//                            can crash otherwise, see TOOLCHAIN-NOTES)
//   npm run bench -- stat    some of them
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

import { Box } from '../web/src/core/box.js';
import { PREEMPT_IMPORT, addPreemption } from '../web/src/core/wasm/preempt.js';
import { NodeHostFs } from '../web/src/node/host-fs.js';
import { kernelWasm, nodeHost } from '../web/src/node/index.js';
import { ROOT } from './setup.mjs';

const OPS = { write16: 20000, stat: 20000, openclose: 20000, readdir: 50, write1m: 200, read1m: 200 };
// Not compared across runtimes: see "Preemption points" below.
const COMPUTE = 'compute';
const ROUNDS = 5;  // the best of several rounds, to see past noise

const moduleBytes = readFileSync(join(ROOT, 'build', 'guest', 'bench', 'wasi_bench.wasm'));
const module = await WebAssembly.compile(moduleBytes);
const parse = (text) => Number(/ns ([\d.]+)/.exec(text)?.[1] ?? NaN);

async function wasmbox(args, { host: hostDir } = {}) {
  let out = '';
  const host = {
    ...nodeHost(),
    fs: new NodeHostFs(),
    streamWrite: (stream, bytes) => {
      if (stream === 1) out += Buffer.from(bytes).toString();
      else process.stderr.write(bytes);
      return bytes.length;
    },
  };
  const box = await Box.create({ kernelWasm: await kernelWasm(), host });
  const preopen = hostDir ? box.attachHostDir(host.fs.addMount(hostDir), '/bench')
    : { name: '/bench', path: '/tmp' };
  const r = await box.run(module, { args: ['wasi_bench', ...args], preopens: [preopen] });
  if (r.exitCode !== 0) throw new Error(`wasmbox: exit ${r.exitCode} ${r.trap?.message ?? ''}`);
  return parse(out);
}

// The box's memory filesystem through `wasmbox run`, its process in a
// worker of its own on the kernel's shared memory (the default), or on
// this thread (`how`: --nested). The guest times itself: the CLI's
// start-up does not count.
function wasmboxRun(args, how = []) {
  const r = spawnSync(process.execPath, [join(ROOT, 'web', 'src', 'node', 'cli.js'), 'run', ...how, '--root',
    join(ROOT, 'build', 'guest', 'bench', 'wasi_bench.wasm'), args[0], '/tmp', args[2]], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasmbox run: exit ${r.status} ${r.stderr}`);
  return parse(r.stdout);
}

// What the runtime's tick does outside the turns of a page: look at the
// clock, and every 10 ms (not here) for signals.
function tickImport() {
  let checked = performance.now();
  return {
    [PREEMPT_IMPORT.name]: () => {
      const now = performance.now();
      if (now - checked >= 10) checked = now;
    },
  };
}

async function nodeWasi(args, dir, guest = module) {
  const outDir = mkdtempSync(join(tmpdir(), 'wasmbox-bench-out-'));
  const { openSync, closeSync } = await import('node:fs');
  const fd = openSync(join(outDir, 'out'), 'w');
  const wasi = new WASI({ version: 'preview1', args: ['wasi_bench', ...args], preopens: { '/bench': dir }, stdout: fd });
  const instance = await WebAssembly.instantiate(guest, { ...wasi.getImportObject(), [PREEMPT_IMPORT.module]: tickImport() });
  wasi.start(instance);
  closeSync(fd);
  const out = readFileSync(join(outDir, 'out'), 'utf8');
  rmSync(outDir, { recursive: true });
  return parse(out);
}

async function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) min = Math.min(min, await fn());
  return min;
}

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(OPS), COMPUTE];
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const ops = chosen.filter((o) => o !== COMPUTE);
if (ops.length > 0) console.log('op          node:wasi  this thread  ratio    in a worker  ratio   wasmbox host-dir  ratio');
for (const op of ops) {
  const args = [op, '/bench', String(OPS[op])];
  const scratch = () => mkdtempSync(join(tmpdir(), 'wasmbox-bench-'));
  const peer = await best(() => nodeWasi(args, scratch()));
  const mem = await best(() => wasmboxRun(args, ['--nested']));
  const worker = await best(() => wasmboxRun(args));
  const disk = await best(() => wasmbox(args, { host: scratch() }));
  const ratio = (t) => `${(t / peer).toFixed(2).padStart(5)}x`;
  console.log(`${op.padEnd(11)} ${fmt(peer).padStart(10)} ${fmt(mem).padStart(12)}  ${ratio(mem)}` +
    ` ${fmt(worker).padStart(14)}  ${ratio(worker)} ${fmt(disk).padStart(16)}  ${ratio(disk)}`);
}

// Preemption points: the same computing guest, as built and rewritten.
if (chosen.includes(COMPUTE)) {
  const args = ['compute', '/bench', '3'];
  const dir = mkdtempSync(join(tmpdir(), 'wasmbox-bench-'));
  const preemptible = await WebAssembly.compile(addPreemption(new Uint8Array(moduleBytes)));
  const plain = await best(() => nodeWasi(args, dir));
  const points = await best(() => nodeWasi(args, dir, preemptible));
  console.log(`compute     ${fmt(plain)} per round as built, ${fmt(points)} with preemption points ` +
    `(ratio ${(points / plain).toFixed(2)})`);
}

// Appends must be linear: the time per append stays flat as the file grows.
const perAppend = [];
for (const n of [50000, 200000]) perAppend.push(await best(() => wasmbox(['append', '/bench', String(n)])));
console.log(`append      ${fmt(perAppend[0])} per append at 50k, ${fmt(perAppend[1])} at 200k ` +
  `(ratio ${(perAppend[1] / perAppend[0]).toFixed(2)}: 1.00 is linear)`);
