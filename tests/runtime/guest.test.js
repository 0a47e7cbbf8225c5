// Runs every C program of tests/guest inside the box through the CLI,
// built by CMake and (the POSIX-level ones) by wasmbox-cc with both
// toolchains, each twice: on the box's in-memory /tmp and on a host directory mounted at
// /work. Each process runs in a worker of its own, as wasmbox run runs
// them; the programs about processes run again nested on one thread
// (--nested). A program exits 0 when all its checks hold; some also compare
// their output with a .out file. A program that is not built fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { NEEDS_WASMBOX_CC, ROOT, guestTest, tempDir, wasmbox } from './helpers.js';

const SOURCES = join(ROOT, 'tests', 'guest');
const PROGRAMS = readdirSync(SOURCES).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2));

// Programs that take more than their directory (see each file's header),
// by their module's path.
const EXTRA = {
  args_env: () => ({ args: ['extra1', 'two words', ''], env: ['WB_TEST=hello'] }),
  // Spawn, exec and fork run their own module: the box sees the build
  // directory at /self.
  spawn: (wasm) => ({ options: ['--dir', `${dirname(wasm)}::/self`], env: [`WB_SELF=/self/${basename(wasm)}`] }),
};
EXTRA.exec = EXTRA.spawn;
EXTRA.fork = EXTRA.spawn;

const FILESYSTEMS = {
  memory: () => ({ options: ['--root'], dir: '/tmp' }),
  host: () => ({ options: ['--root', '--dir', `${tempDir()}::/work`], dir: '/work' }),
};

test('there are guest programs', () => {
  expect(PROGRAMS.length).toBeGreaterThan(10);
});

// The POSIX-level programs expect what Linux does: built with gcc, they pass
// natively too (so a wrong expectation cannot hide a kernel bug).
test('the POSIX programs pass natively on Linux', () => {
  const r = spawnSync('sh', [join(SOURCES, 'run-native.sh')], { encoding: 'utf8', timeout: 120000 });
  expect({ status: r.status, failures: r.stdout.split('\n').filter((l) => !l.startsWith('ok')) })
    .toEqual({ status: 0, failures: [expect.stringMatching(/ passed, 0 failed$/), ''] });
});

// Each program as CMake builds it (clang + wasi-libc), and the POSIX ones
// again through wasmbox-cc with each toolchain and through the compiler in
// the box (wasmbox cc), but for those that fork: fork takes binaryen's
// asyncify, which the box's compiler does not have (cc.test.js checks it
// says so).
const POSIX = PROGRAMS.filter((name) => !name.startsWith('wasi_'));
const FORKING = new Set(['coprocess', 'fork', 'locks', 'process_groups', 'sigaction']);
const built = (dir) => (n) => join(ROOT, 'build', 'guest-cc', dir, `${n}.wasm`);
const BUILDS = {
  cmake: { programs: PROGRAMS.filter((name) => !NEEDS_WASMBOX_CC.has(name)), wasm: guestTest },
  'wasmbox-cc emscripten': { programs: POSIX, wasm: built('emscripten') },
  'wasmbox-cc wasi': { programs: POSIX, wasm: built('wasi') },
  'wasmbox cc': { programs: POSIX.filter((name) => !FORKING.has(name)), wasm: built('box') },
};
const CASES = Object.entries(BUILDS).flatMap(([build, { programs, wasm }]) =>
  programs.map((name) => [build, name, wasm(name)]));

describe.each(Object.keys(FILESYSTEMS))('on the %s filesystem', (fs) => {
  test.each(CASES)('%s: %s', (build, name, wasm) => {
    expect(existsSync(wasm)).toBe(true);
    const { options, dir } = FILESYSTEMS[fs]();
    const extra = EXTRA[name]?.(wasm) ?? {};
    const env = (extra.env ?? []).flatMap((e) => ['--env', e]);
    const r = wasmbox(['run', ...options, ...(extra.options ?? []), ...env, wasm, dir, ...(extra.args ?? [])]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const golden = join(SOURCES, `${name}.out`);
    if (existsSync(golden)) expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
  });
});

// The programs about processes, with processes nested on one thread (the
// way of pages that are not cross-origin isolated).
const PROCESS_PROGRAMS = new Set(['spawn', 'exec', 'fork', 'process_groups', 'signals', 'poll']);
describe('nested on one thread', () => {
  test.each(CASES.filter(([build, name]) => build !== 'cmake' && PROCESS_PROGRAMS.has(name)))('%s: %s', (build, name, wasm) => {
    const extra = EXTRA[name]?.(wasm) ?? {};
    const env = (extra.env ?? []).flatMap((e) => ['--env', e]);
    const r = wasmbox(['run', '--nested', '--root', ...(extra.options ?? []), ...env, wasm, '/tmp', ...(extra.args ?? [])]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
