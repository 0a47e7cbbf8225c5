// `wasmbox run` as a user runs it: arguments, exit status, errors, stdio
// streaming and pipelines, host directories.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CLI, ROOT, example, moduleImporting, program, startWasmbox, tempDir, wasmbox } from './helpers.js';

describe('usage', () => {
  test('--help describes the command and exits 0', () => {
    const r = wasmbox(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: wasmbox run \[OPTIONS\] \[--\] MODULE\|IMAGE \[ARGS...\]/);
    expect(r.stdout).toMatch(/--dir HOST\[::GUEST\]/);
    expect(r.stderr).toBe('');
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url)));
    expect(wasmbox(['--version']).stdout.trim()).toBe(`wasmbox ${pkg.version}`);
  });

  test('an unknown option is a usage error (status 2), no stack trace', () => {
    const r = wasmbox(['run', '--bogus', program('exit_with')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^wasmbox: Unknown option '--bogus'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('no module is a usage error', () => {
    expect(wasmbox(['run']).status).toBe(2);
  });

  test('`wasmbox MODULE` works without `run`', () => {
    expect(wasmbox([program('exit_with'), '5']).status).toBe(5);
  });
});

describe('exit status', () => {
  test.each([0, 1, 7, 42, 125])('exit(%i) becomes the status', (code) => {
    expect(wasmbox(['run', program('exit_with'), String(code)]).status).toBe(code);
  });

  test.each([256, 512, -1])('exit(%i), a status no shell can see, fails with a message', (code) => {
    const r = wasmbox(['run', program('exit_with'), String(code)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^wasmbox: process 1 exited with status ${code >>> 0}, outside 0\\.\\.255: it fails with 1\n$`));
  });

  test('a terminating signal raised by the guest exits 128 + the signal', () => {
    expect(wasmbox(['run', program('exit_with'), 'raise', '15']).status).toBe(143);
    expect(wasmbox(['run', program('exit_with'), 'raise', '6']).status).toBe(134);
  });

  // WASI numbers signals as Linux does without SIGSTKFLT (16).
  test('a raised signal past 16 reports its Linux number', () => {
    expect(wasmbox(['run', program('exit_with'), 'raise', '23']).status).toBe(128 + 24);  // SIGXCPU
    expect(wasmbox(['run', program('exit_with'), 'raise', '30']).status).toBe(128 + 31);  // SIGSYS
  });

  test('an ignored or the null signal lets the guest go on', () => {
    expect(wasmbox(['run', program('exit_with'), 'raise', '0']).status).toBe(0);
    expect(wasmbox(['run', program('exit_with'), 'raise', '27']).status).toBe(0);
    expect(wasmbox(['run', program('exit_with'), 'raise', '99']).status).toBe(128);
  });

  test('options after the module go to the guest', () => {
    const r = wasmbox(['run', program('env_args'), '--dir', 'x', '--', '-h']);
    expect(r.stdout).toBe('arg --dir\narg x\narg --\narg -h\n');
  });

  test('a trap exits 134 with a one-line message naming the trap', () => {
    const r = wasmbox(['run', program('trap')]);
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/^wasmbox: error: \S*trap\.wasm trapped in wasm-function\[\d+\]:0x[0-9a-f]+: unreachable\n$/);
  });

  test('a stack overflow is a trap too', () => {
    const r = wasmbox(['run', program('trap'), 'deep']);
    expect(r.status).toBe(134);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('refused modules', () => {
  const dir = tempDir();

  test('a missing file', () => {
    const r = wasmbox(['run', join(dir, 'nope.wasm')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wasmbox: error: cannot read \S+nope\.wasm: no such file\n$/);
  });

  test('a file that is not WebAssembly', () => {
    const f = join(dir, 'text.wasm');
    writeFileSync(f, 'hello, not wasm');
    const r = wasmbox(['run', f]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wasmbox: error: \S+text\.wasm is not a valid WebAssembly module \(.+\)\n$/);
  });

  test('a module importing something other than WASI', () => {
    const f = join(dir, 'env.wasm');
    writeFileSync(f, moduleImporting('env', 'foo'));
    const r = wasmbox(['run', f]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/imports function env\.foo, which wasmbox does not provide\n$/);
  });

  test('a module importing an unknown WASI function', () => {
    const f = join(dir, 'unknown.wasm');
    writeFileSync(f, moduleImporting('wasi_snapshot_preview1', 'fd_frobnicate'));
    expect(wasmbox(['run', f]).stderr).toMatch(/wasi_snapshot_preview1\.fd_frobnicate/);
  });

  test('a module importing a WASI function with the wrong type', () => {
    const f = join(dir, 'mistyped.wasm');
    writeFileSync(f, moduleImporting('wasi_snapshot_preview1', 'fd_write'));
    const r = wasmbox(['run', f]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wasmbox: error: the module cannot be linked \(.*fd_write.*does not match the expected type\)\n$/);
  });

  test('a module without _start', () => {
    const f = join(dir, 'reactor.wasm');
    writeFileSync(f, moduleImporting('wasi_snapshot_preview1', 'sched_yield', { start: false }));
    expect(wasmbox(['run', f]).stderr).toMatch(/has no _start function/);
  });
});

describe('stdio', () => {
  test('stdout and stderr stay separate; no Node warnings', () => {
    const r = wasmbox(['run', '--root', example('hello'), 'tester']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Hello, tester, from inside the box!\n/);
    expect(r.stderr).toBe('');
  });

  test('the guest sees each line as soon as it is written', async () => {
    const child = startWasmbox(['run', program('echo_lines')]);
    const chunks = [];
    const waitFor = (text) => new Promise((resolve) => {
      const check = () => (chunks.join('').includes(text) ? resolve() : setTimeout(check, 10));
      check();
    });
    child.stdout.on('data', (d) => chunks.push(d.toString()));
    child.stdin.write('first\n');
    await waitFor('got: first\n');  // answered while stdin is still open
    child.stdin.write('second\n');
    await waitFor('got: second\n');
    child.stdin.end();
    const status = await new Promise((resolve) => child.on('exit', resolve));
    expect(status).toBe(0);
    expect(chunks.join('')).toBe('got: first\ngot: second\neof\n');
  });

  test('works inside a shell pipeline', () => {
    const out = execFileSync('sh', ['-c',
      `printf 'pear\\napple\\nfig\\n' | node ${CLI} run ${example('sort')} | wc -l`], { encoding: 'utf8' });
    expect(out.trim()).toBe('3');
  });

  test('sorts what it reads', () => {
    expect(wasmbox(['run', example('sort')], { input: 'b\nc\na\n' }).stdout).toBe('a\nb\nc\n');
  });

  test('a large input arrives whole', () => {
    const lines = Array.from({ length: 20000 }, (_, i) => `line ${String(i).padStart(6, '0')}`);
    const input = [...lines].reverse().join('\n') + '\n';
    const r = wasmbox(['run', example('sort')], { input });
    expect(r.stdout).toBe(lines.join('\n') + '\n');
  });

  test('an empty stdin is EOF', () => {
    expect(wasmbox(['run', program('echo_lines')], { input: '' }).stdout).toBe('eof\n');
  });

  test('a sleep is a real wait', () => {
    const start = Date.now();
    const r = wasmbox(['run', program('sleep_poll'), '300']);
    expect(r.stdout).toBe('slept 300 ms\n');
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
  });
});

describe('environment and directories', () => {
  test('--env sets variables; nothing is inherited', () => {
    const r = wasmbox(['run', '--env', 'A=1', '--env', 'B=x=y', program('env_args')]);
    expect(r.stdout).toBe('env A=1\nenv B=x=y\n');
  });

  test('--env without = is a usage error', () => {
    expect(wasmbox(['run', '--env', 'A', program('env_args')]).status).toBe(2);
  });

  test('--dir HOST::/tmp mounts a host directory read-write', () => {
    const dir = tempDir();
    const r = wasmbox(['run', '--dir', `${dir}::/tmp`, example('hello'), 'disk']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'greeting.txt'), 'utf8')).toBe('greetings to disk\n');
  });

  test('--dir of a missing directory is a clear error', () => {
    const r = wasmbox(['run', '--dir', '/nonexistent/dir', example('hello')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('wasmbox: error: cannot use /nonexistent/dir: no such directory\n');
  });

  test('without --root or --dir the guest has no filesystem', () => {
    const r = wasmbox(['run', example('hello')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot write \/tmp\/greeting\.txt/);
  });
});

describe('filesystem images', () => {
  const FIRST = 'Programs must be written for people to read, and only incidentally for\n' +
    'machines to execute.\n\t-- Harold Abelson\n';

  test.each(['emscripten', 'wasi'])('--image gives a %s program the files packed with it', (toolchain) => {
    const r = wasmbox(['run', '--image', example('fortune', toolchain, 'img'), example('fortune', toolchain), '0']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(FIRST);
  });

  test('--image FILE::DIR gives the files below DIR, not at /', () => {
    const fortune = (name) => example('fortune', 'emscripten', name);
    const r = wasmbox(['run', '--image', `${fortune('img')}::/opt`, fortune('wasm'), '0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fortune: \/share\/fortunes: No such file or directory/);
  });

  test('an image that is not one is a clear error', () => {
    const r = wasmbox(['run', '--image', example('hello'), example('fortune')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`wasmbox: error: ${example('hello')} is neither a wasmbox image nor a valid tar archive\n`);
  });

  test('--image unpacks a tar archive too', () => {
    const r = wasmbox(['run', '--image', join(ROOT, 'web', 'dist', 'base.tar'), '--root', example('hello'), 'tar']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
  });

  test('--image needs an absolute directory', () => {
    const r = wasmbox(['run', '--image', 'x.tar::opt', example('fortune')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--image needs FILE\[::\/DIR\]/);
  });
});
