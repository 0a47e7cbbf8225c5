// Benchmarks wasmbox against Node's built-in node:wasi, side by side in one
// run (the machine is noisy: compare within a run, never across runs).
// The same guest (tests/bench/wasi_bench.c) times each operation itself:
// under node:wasi; in a box's memory filesystem, its process on the box's
// thread and in a worker of its own; on a host directory.
//   npm run bench            all operations (node --no-flush-bytecode: Node 20
//                            can crash otherwise, see TOOLCHAIN-NOTES)
//   npm run bench -- stat    some of them
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

import { Box } from '../web/src/core/box.js';
import { NodeHostFs } from '../web/src/node/host-fs.js';
import { kernelWasm, nodeHost } from '../web/src/node/index.js';
import { ROOT } from './setup.mjs';

const OPS = { write16: 20000, stat: 20000, openclose: 20000, readdir: 50, write1m: 200, read1m: 200 };
const ROUNDS = 5;  // the best of several rounds, to see past noise

const module = await WebAssembly.compile(readFileSync(join(ROOT, 'build', 'guest', 'bench', 'wasi_bench.wasm')));
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

async function nodeWasi(args, dir) {
  const outDir = mkdtempSync(join(tmpdir(), 'wasmbox-bench-out-'));
  const { openSync, closeSync } = await import('node:fs');
  const fd = openSync(join(outDir, 'out'), 'w');
  const wasi = new WASI({ version: 'preview1', args: ['wasi_bench', ...args], preopens: { '/bench': dir }, stdout: fd });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
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

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(OPS);
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
console.log('op          node:wasi  this thread  ratio    in a worker  ratio   wasmbox host-dir  ratio');
for (const op of chosen) {
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

// Appends must be linear: the time per append stays flat as the file grows.
const perAppend = [];
for (const n of [50000, 200000]) perAppend.push(await best(() => wasmbox(['append', '/bench', String(n)])));
console.log(`append      ${fmt(perAppend[0])} per append at 50k, ${fmt(perAppend[1])} at 200k ` +
  `(ratio ${(perAppend[1] / perAppend[0]).toFixed(2)}: 1.00 is linear)`);
