// `wasmbox run --trace` and run(..., { trace }): one line per guest call,
// with its arguments and named errno, and nothing at all without it.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { createNodeBox } from '../../web/src/node/index.js';
import { ROOT, example, guestTest, program, tempDir, wasmbox } from './helpers.js';

// A call's line, or the line that ends a process's trace.
const LINE = /^\[pid \d+\] (\w+\((-?\d+|0x[0-9a-f]+|NULL)?(, (-?\d+|0x[0-9a-f]+|NULL))*\)( = (-?\d+( E[A-Z0-9]+)?|\?))?|\+\+\+ .* \+\+\+)$/;
const lines = (text) => text.split('\n').filter(Boolean);
const emscripten = (name) => join(ROOT, 'build', 'guest-cc', 'emscripten', `${name}.wasm`);

describe('wasmbox run --trace', () => {
  test('writes a line per call to stderr, and leaves stdout alone', () => {
    const args = ['run', program('env_args'), 'a', 'b c'];
    const plain = wasmbox(args);
    const r = wasmbox(['run', '--trace', ...args.slice(1)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stdout).toBe('arg a\narg b c\n');
    const trace = lines(r.stderr);
    for (const line of trace) expect(line).toMatch(LINE);
    expect(trace).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[pid 1\] args_sizes_get\(0x[0-9a-f]+, 0x[0-9a-f]+\) = 0$/),
      expect.stringMatching(/^\[pid 1\] args_get\(0x[0-9a-f]+, 0x[0-9a-f]+\) = 0$/),
      expect.stringMatching(/^\[pid 1\] fd_write\(1, 0x[0-9a-f]+, \d+, 0x[0-9a-f]+\) = 0$/),
    ]));
    expect(trace.at(-1)).toBe('[pid 1] +++ exited with 0 +++');
  });

  test('without --trace nothing is written', () => {
    const r = wasmbox(['run', program('exit_with'), '0']);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('proc_exit shows before the process ends, without a result', () => {
    const r = wasmbox(['run', '--trace', program('exit_with'), '3']);
    expect(r.status).toBe(3);
    expect(lines(r.stderr).slice(-2)).toEqual(['[pid 1] proc_exit(3)', '[pid 1] +++ exited with 3 +++']);
  });

  test('a call that ends the process answers "= ?"', () => {
    const r = wasmbox(['run', '--trace', program('exit_with'), 'raise', '15']);
    expect(r.status).toBe(143);
    expect(lines(r.stderr).slice(-2)).toEqual(['[pid 1] proc_raise(15) = ?', '[pid 1] +++ killed by signal 15 +++']);
  });

  test('a trap ends the trace', () => {
    const r = wasmbox(['run', '--trace', program('trap')]);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/^\[pid 1\] \+\+\+ trapped in \S+: unreachable \+\+\+\nwasmbox: error: /m);
  });

  test('WASI errors are named', () => {
    const r = wasmbox(['run', '--trace', '--root', guestTest('errors'), '/tmp']);
    expect(r.status).toBe(0);
    const trace = lines(r.stderr);
    for (const line of trace) expect(line).toMatch(LINE);
    expect(trace).toContainEqual(expect.stringMatching(/^\[pid 1\] fd_read\(4, 0x[0-9a-f]+, 1, 0x[0-9a-f]+\) = 8 EBADF$/));
    expect(trace).toContainEqual(expect.stringMatching(
      /^\[pid 1\] path_open\(3, 1, 0x[0-9a-f]+, \d+, \d+, \d+, \d+, \d+, 0x[0-9a-f]+\) = 44 ENOENT$/));
  });

  test('Emscripten syscalls show their value or -errno, named', () => {
    const r = wasmbox(['run', '--trace', '--root', emscripten('errors'), '/tmp']);
    expect(r.status).toBe(0);
    const trace = lines(r.stderr);
    for (const line of trace) expect(line).toMatch(LINE);
    expect(trace).toContainEqual(expect.stringMatching(/^\[pid 1\] __syscall_openat\(-100, 0x[0-9a-f]+, \d+, (NULL|0x[0-9a-f]+)\) = -44 ENOENT$/));
    expect(trace).toContainEqual(expect.stringMatching(/^\[pid 1\] __syscall_rmdir\(0x[0-9a-f]+\) = -44 ENOENT$/));
  });

  test('Emscripten syscalls that succeed show their value', () => {
    const r = wasmbox(['run', '--trace', example('hello', 'emscripten')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(wasmbox(['run', example('hello', 'emscripten')]).stdout);
    expect(lines(r.stderr)).toContainEqual(expect.stringMatching(/^\[pid 1\] __syscall_getdents64\(3, 0x[0-9a-f]+, 2048\) = [1-9]\d*$/));
  });

  test('a call that waits shows once, with its final answer', () => {
    const r = wasmbox(['run', '--trace', program('sleep_poll'), '30']);
    expect(r.stdout).toBe('slept 30 ms\n');
    const polls = lines(r.stderr).filter((l) => l.includes('poll_oneoff'));
    expect(polls).toEqual([expect.stringMatching(/^\[pid 1\] poll_oneoff\(0x[0-9a-f]+, 0x[0-9a-f]+, 1, 0x[0-9a-f]+\) = 0$/)]);
  });

  test('reads of stdin appear as they complete', () => {
    const r = wasmbox(['run', '--trace', program('echo_lines')], { input: 'one\ntwo\n' });
    expect(r.stdout).toBe(wasmbox(['run', program('echo_lines')], { input: 'one\ntwo\n' }).stdout);
    const reads = lines(r.stderr).filter((l) => /\] fd_read\(0,/.test(l));
    expect(reads.length).toBeGreaterThan(0);
    for (const line of reads) expect(line).toMatch(/ = 0$/);
  });

  test('spawned processes are traced too, under their own pid', () => {
    const wasm = join(ROOT, 'build', 'guest-cc', 'wasi', 'spawn.wasm');
    const r = wasmbox(['run', '--trace', '--root', '--dir', `${dirname(wasm)}::/self`,
      '--env', `WB_SELF=/self/${basename(wasm)}`, wasm, '/tmp']);
    expect(r.status).toBe(0);
    const trace = lines(r.stderr);
    for (const line of trace) expect(line).toMatch(LINE);
    const spawn = trace.findIndex((l) => /^\[pid 1\] proc_spawn\(.*\) = 0$/.test(l));
    const exit = trace.findIndex((l) => l.startsWith('[pid 2] +++ exited with'));
    const wait = trace.findIndex((l) => /^\[pid 1\] proc_wait\(2, /.test(l));
    expect(spawn).toBeGreaterThanOrEqual(0);
    // The parent's wait ends once the child has: its line comes after.
    expect(spawn < exit && exit < wait).toBe(true);
  });

  test('--trace-file writes the trace to a file, not to stderr', () => {
    const file = join(tempDir(), 'trace.txt');
    const r = wasmbox(['run', '--trace-file', file, program('exit_with'), '4']);
    expect(r).toEqual({ status: 4, stdout: '', stderr: '' });
    expect(lines(readFileSync(file, 'utf8')).slice(-2)).toEqual(['[pid 1] proc_exit(4)', '[pid 1] +++ exited with 4 +++']);
  });

  test('a trace file that cannot be written is an error before the guest runs', () => {
    const r = wasmbox(['run', '--trace-file', join(tempDir(), 'no', 'such', 'dir'), program('env_args'), 'x']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wasmbox: error: cannot write the trace to /);
  });

  test('--help describes the options', () => {
    expect(wasmbox(['--help']).stdout).toMatch(/--trace .*\n.*\n\s+--trace-file FILE/);
  });

  test('--trace-file needs a file', () => {
    expect(wasmbox(['run', program('exit_with'), '--trace-file']).status).toBe(0);  // the guest's argument
    const r = wasmbox(['run', '--trace-file']);
    expect(r.status).toBe(2);
  });
});

describe('run(..., { trace })', () => {
  test('a function receives each line; the result is unchanged', async () => {
    const box = await createNodeBox();
    const bytes = await readFile(program('exit_with'));
    const got = [];
    await expect(box.run(bytes, { args: ['x', '2'], trace: (line) => got.push(line) })).resolves.toEqual({ exitCode: 2 });
    expect(got.slice(-2)).toEqual(['[pid 1] proc_exit(2)', '[pid 1] +++ exited with 2 +++']);
    for (const line of got) expect(line).toMatch(LINE);
    // The next run is not traced.
    got.length = 0;
    await box.run(bytes, { args: ['x', '0'] });
    expect(got).toEqual([]);
  });

  test('a trace that is neither a boolean nor a function is refused', async () => {
    const box = await createNodeBox();
    await expect(box.run(await readFile(program('exit_with')), { trace: 'yes' }))
      .rejects.toMatchObject({ name: 'WasmboxError', code: 'EINVAL' });
  });
});
