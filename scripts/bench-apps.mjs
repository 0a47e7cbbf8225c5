// The ported apps against Debian's own builds of the same programs, side
// by side in one run: the same work (tests/bench/apps/) timed end to end,
// `wasmbox run` against the native command, the best of a few rounds, with
// the ratio; then the same less a start that does nothing (`wasmbox run`
// starts Node, the kernel and the module first); and each module's size.
//   npm run bench:apps
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './setup.mjs';

const ROUNDS = 3;
const CLI = join(ROOT, 'web', 'src', 'node', 'cli.js');
const WORK = join(ROOT, 'tests', 'bench', 'apps');
const app = (name) => join(ROOT, 'build', 'apps', name, `${name}.wasm`);

// What each app does: the native command and its arguments; the same
// arguments go to the module, with WORK in the box at /work.
const CASES = [
  { name: 'lua: compute (fib, strings, tables)', app: 'lua', native: 'lua5.4', args: (dir) => [`${dir}/compute.lua`],
    idle: ['-e', ''] },
  { name: 'sqlite3: 100k inserts, an index, queries', app: 'sqlite3', native: 'sqlite3', args: () => [':memory:'],
    input: 'sqlite.sql', idle: [':memory:', ''] },
  { name: 'jq: a 20k-record document filtered', app: 'jq', native: 'jq',
    args: (dir) => ['-c', '[.[] | select(.n % 3 == 0) | {id, s: (.tags | join(","))}] | length', `${dir}/records.json`],
    idle: ['-n', '1'] },
];

function timed(cmd, args, input) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: status ${r.status}\n${r.stderr}`);
  return { ms, out: r.stdout };
}

function best(fn) {
  let result = fn();
  for (let i = 1; i < ROUNDS; i++) {
    const next = fn();
    if (next.ms < result.ms) result = next;
  }
  return result;
}

// A JSON document for jq, made here rather than committed.
function records() {
  const list = Array.from({ length: 20000 }, (_, i) => ({ id: i, n: (i * 7919) % 1000, tags: ['a', 'b', String(i % 17)] }));
  return JSON.stringify(list);
}

function main() {
  writeFileSync(join(WORK, 'records.json'), records());
  console.log('| app | work | native | wasmbox run | ratio | less an idle start: native | box | ratio | module |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const c of CASES) {
    const input = c.input ? readFileSync(join(WORK, c.input), 'utf8') : undefined;
    const native = best(() => timed(c.native, c.args(WORK), input));
    const inBox = (args) => [CLI, 'run', '--dir', `${WORK}::/work`, app(c.app), ...args];
    const box = best(() => timed(process.execPath, inBox(c.args('/work')), input));
    if (box.out !== native.out) throw new Error(`${c.name}: the box printed\n${box.out}\nnatively\n${native.out}`);
    const nativeWork = native.ms - best(() => timed(c.native, c.idle)).ms;
    const boxWork = box.ms - best(() => timed(process.execPath, inBox(c.idle))).ms;
    const kb = Math.round(statSync(app(c.app)).size / 1024);
    const ms = (t) => `${t.toFixed(0)} ms`;
    console.log(`| ${c.app} | ${c.name.split(': ')[1]} | ${ms(native.ms)} | ${ms(box.ms)} | ${(box.ms / native.ms).toFixed(2)}x | ` +
      `${ms(nativeWork)} | ${ms(boxWork)} | ${(boxWork / nativeWork).toFixed(2)}x | ${kb} KB |`);
  }
}

try {
  main();
} catch (e) {
  console.error(`bench:apps: ${e.message}`);
  process.exit(1);
}
