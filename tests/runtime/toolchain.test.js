// wasmbox-cc and wasmbox-c++ as a user runs them: both toolchains, flags
// passing through, output names as cc's, debug information only with -g,
// clear usage errors.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, tempDir, wasmbox } from './helpers.js';

const CC = join(ROOT, 'web', 'src', 'toolchain', 'cc.js');
const CXX = join(ROOT, 'web', 'src', 'toolchain', 'cxx.js');
const CXX_PROGRAMS = join(ROOT, 'tests', 'cxx');

function compile(driver, args) {
  const r = spawnSync(process.execPath, [driver, ...args], { encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stderr: r.stderr };
}

const debugSections = (file) =>
  WebAssembly.Module.customSections(new WebAssembly.Module(readFileSync(file)), '.debug_info').length;

let dir;
beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'hi.c'), '#include <stdio.h>\nint main(void) {\n  puts(HELLO);\n' +
    '#ifdef __wasmbox__\n  puts("built for the box");\n#endif\n  return 0;\n}\n');
  writeFileSync(join(dir, 'err.c'), '#include <errno.h>\n#include <stdio.h>\n#include <string.h>\n' +
    'int main(void) { puts(strerror(ENOTTY)); errno = ENOENT; perror("open"); puts(strerror(-5)); }\n');
  // A port that brings its own realpath (wasi-libc has none): its own is
  // used, the guest library's is not linked beside it.
  writeFileSync(join(dir, 'own.c'), '#include <stdlib.h>\n#include <stdio.h>\n' +
    'char *realpath(const char *p, char *r) { (void)r; return (char *)p; }\n' +
    'int main(void) { puts(realpath("mine", NULL)); return 0; }\n');
  writeFileSync(join(dir, 'assert.c'), '#include <assert.h>\nint main(int argc, char **argv) {\n' +
    '  (void)argv;\n  assert(argc > 5);\n  return 0;\n}\n');
  // Caught exceptions of several kinds, then one nothing catches.
  writeFileSync(join(dir, 'throw.cc'), '#include <cstdio>\n#include <stdexcept>\n#include <string>\n' +
    'struct Oops : std::runtime_error { using std::runtime_error::runtime_error; };\n' +
    'static int check(int x) { if (x > 2) throw Oops("too big: " + std::to_string(x)); return x; }\n' +
    'int main(int argc, char **) {\n' +
    '  try { check(argc + 5); } catch (const std::exception &e) { std::printf("caught %s\\n", e.what()); }\n' +
    '  try { throw 42; } catch (int v) { std::printf("int %d\\n", v); }\n' +
    '  try { std::string("ab").at(5); } catch (const std::out_of_range &) { std::puts("out of range"); }\n' +
    '  std::fflush(stdout);  // abort() flushes nothing\n' +
    '  check(argc + 10);\n  std::puts("not reached");\n}\n');
  writeFileSync(join(dir, 'hi.cc'), '#include <iostream>\nint main() { std::cout << "c++ " << 42 << "\\n"; }\n');
});

describe.each(['emscripten', 'wasi'])('with %s', (toolchain) => {
  test('C: -D and -O2 pass through, __wasmbox__ is defined; the module runs in the box', () => {
    const out = join(dir, `hi-${toolchain}.wasm`);
    const r = compile(CC, [`--toolchain=${toolchain}`, '-O2', '-DHELLO="made here"', join(dir, 'hi.c'), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(wasmbox(['run', out]).stdout).toBe('made here\nbuilt for the box\n');
  });

  test('a program\'s own definition of what the guest library adds is used, not a duplicate', () => {
    const out = join(dir, `own-${toolchain}.wasm`);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-O2', join(dir, 'own.c'), '-o', out])).toEqual({ status: 0, stderr: '' });
    expect(wasmbox(['run', out]).stdout).toBe('mine\n');
  });

  test('C++: iostream works', () => {
    const out = join(dir, `hi-${toolchain}-cxx.wasm`);
    expect(compile(CXX, [`--toolchain=${toolchain}`, '-O2', join(dir, 'hi.cc'), '-o', out]).status).toBe(0);
    expect(wasmbox(['run', out]).stdout).toBe('c++ 42\n');
  });

  test('a failed assert prints musl\'s message and ends by SIGABRT (134), as natively', () => {
    const out = join(dir, `assert-${toolchain}.wasm`);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-O2', join(dir, 'assert.c'), '-o', out]).status).toBe(0);
    expect(wasmbox(['run', out])).toEqual({ status: 134, stdout: '', stderr: 'Assertion failed: argc > 5 (' +
      `${join(dir, 'assert.c')}: main: 4)\n` });
  });

  test('error messages are Linux\'s, as the native build prints them', () => {
    const out = join(dir, `err-${toolchain}.wasm`);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-O2', join(dir, 'err.c'), '-o', out]).status).toBe(0);
    const r = wasmbox(['run', out]);
    expect(r.stdout).toBe('Inappropriate ioctl for device\nUnknown error -5\n');
    expect(r.stderr).toBe('open: No such file or directory\n');
  });

  // As configure scripts use a compiler.
  test('-o NAME writes the module to NAME, a.out without -o; -o /dev/null stays a device', () => {
    const out = join(dir, `prog-${toolchain}`);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-DHELLO="plain name"', join(dir, 'hi.c'), '-o', out]).status).toBe(0);
    expect(wasmbox(['run', out]).stdout).toBe('plain name\nbuilt for the box\n');
    const r = spawnSync(process.execPath, [CC, `--toolchain=${toolchain}`, '-DHELLO=""', 'hi.c'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(WebAssembly.validate(readFileSync(join(dir, 'a.out')))).toBe(true);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-DHELLO=""', join(dir, 'hi.c'), '-o', '/dev/null']).status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a call with no input only asks the compiler (--version)', () => {
    const r = spawnSync(process.execPath, [CC, `--toolchain=${toolchain}`, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(toolchain === 'emscripten' ? /^emcc/ : /clang version 14/);
  });

  test('a module carries debug information only when built with -g', () => {
    const plain = join(dir, `plain-${toolchain}.wasm`);
    const debug = join(dir, `debug-${toolchain}.wasm`);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-O1', '-DHELLO=""', join(dir, 'hi.c'), '-o', plain]).status).toBe(0);
    expect(compile(CC, [`--toolchain=${toolchain}`, '-O1', '-g', '-DHELLO=""', join(dir, 'hi.c'), '-o', debug]).status).toBe(0);
    expect(debugSections(plain)).toBe(0);
    expect(debugSections(debug)).toBe(1);
  });
});

// A C++ program of tests/cxx built with g++ and run natively: its output.
function nativeOutput(name, args = []) {
  const exe = join(dir, `${name}-native`);
  const built = spawnSync('g++', ['-std=c++17', '-O2', join(CXX_PROGRAMS, `${name}.cc`), '-o', exe], { encoding: 'utf8' });
  expect(built.status).toBe(0);
  return spawnSync(exe, args, { encoding: 'utf8' }).stdout;
}

test.each(['emscripten', 'wasi'])('%s: C++ behaves as with g++: RTTI, streams, chrono, random, containers, exceptions', (toolchain) => {
  const out = join(dir, `features-${toolchain}.wasm`);
  expect(compile(CXX, [`--toolchain=${toolchain}`, '-std=c++17', '-O2', join(CXX_PROGRAMS, 'features.cc'), '-o', out]))
    .toEqual({ status: 0, stderr: '' });
  expect(wasmbox(['run', out])).toEqual({ status: 0, stdout: nativeOutput('features'), stderr: '' });
});

test('emscripten: <filesystem> works on the box\'s files as natively', () => {
  const out = join(dir, 'filesystem.wasm');
  expect(compile(CXX, ['-std=c++17', '-O2', join(CXX_PROGRAMS, 'filesystem.cc'), '-o', out])).toEqual({ status: 0, stderr: '' });
  const work = tempDir();
  expect(wasmbox(['run', '--dir', work, out, work])).toEqual({ status: 0, stdout: nativeOutput('filesystem', [tempDir()]), stderr: '' });
});

test('wasi: <filesystem>, which Debian\'s libc++ for WASI leaves out, fails to compile and says so', () => {
  const r = compile(CXX, ['--toolchain=wasi', '-std=c++17', join(CXX_PROGRAMS, 'filesystem.cc'), '-o', join(dir, 'fs-wasi.wasm')]);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/The Filesystem library is not supported/);
});

// A process in a box has one thread: a program that makes one fails to
// build, saying so (wasi: libc++'s <thread> itself; Emscripten: at link);
// one that only sleeps or locks builds and runs.
test.each([
  ['emscripten', /^wasmbox-c\+\+: error: the program uses std::thread, which a box cannot run: a process in a box has one thread$/m],
  ['wasi', /<thread> is not supported on this single threaded system/],
])('%s: std::thread fails to build and says why; this_thread and mutexes do not', (toolchain, message) => {
  writeFileSync(join(dir, 'thread.cc'), '#include <thread>\nint main() { std::thread t([] {}); t.join(); }\n');
  const out = join(dir, `thread-${toolchain}.wasm`);
  const r = compile(CXX, [`--toolchain=${toolchain}`, '-O2', join(dir, 'thread.cc'), '-o', out]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(() => statSync(out)).toThrow();
  if (toolchain === 'wasi') return;  // its libc++ has no <thread> at all
  writeFileSync(join(dir, 'sleep.cc'), '#include <chrono>\n#include <cstdio>\n#include <mutex>\n#include <thread>\n' +
    'int main() { std::mutex m; std::lock_guard<std::mutex> g(m);\n' +
    '  std::this_thread::sleep_for(std::chrono::milliseconds(5)); std::puts("slept"); }\n');
  const sleeper = join(dir, `sleep-${toolchain}.wasm`);
  expect(compile(CXX, [`--toolchain=${toolchain}`, '-O2', join(dir, 'sleep.cc'), '-o', sleeper])).toEqual({ status: 0, stderr: '' });
  expect(wasmbox(['run', sleeper])).toEqual({ status: 0, stdout: 'slept\n', stderr: '' });
});

test.each(['emscripten', 'wasi'])('%s: C++ exceptions by default; one nothing catches ends as with GCC\'s runtime (134)', (toolchain) => {
  const out = join(dir, `throw-${toolchain}.wasm`);
  expect(compile(CXX, [`--toolchain=${toolchain}`, '-O2', join(dir, 'throw.cc'), '-o', out])).toEqual({ status: 0, stderr: '' });
  for (const mode of [[], ['--nested']]) {
    expect(wasmbox(['run', ...mode, out])).toEqual({
      status: 134,
      stdout: 'caught too big: 6\nint 42\nout of range\n',
      stderr: 'terminate called after throwing an instance of \'Oops\'\n  what():  too big: 11\n',
    });
  }
  // Off when asked: a program that throws nothing builds without them.
  const plain = join(dir, `noexc-${toolchain}.wasm`);
  expect(compile(CXX, [`--toolchain=${toolchain}`, '-O2', '-fno-exceptions', join(dir, 'hi.cc'), '-o', plain]))
    .toEqual({ status: 0, stderr: '' });
  expect(wasmbox(['run', plain]).stdout).toBe('c++ 42\n');
});

test('wasi: a program that forks and longjmps is refused with a message that says why', () => {
  const src = join(dir, 'forkjmp.c');
  writeFileSync(src, '#include <setjmp.h>\n#include <unistd.h>\nstatic jmp_buf b;\n' +
    'int main(void) { if (setjmp(b)) return fork() > 0; longjmp(b, 1); }\n');
  const r = compile(CC, ['--toolchain=wasi', src, '-o', join(dir, 'forkjmp.wasm')]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/forkjmp\.wasm calls fork and uses .*setjmp\/longjmp.* --toolchain=emscripten\n$/);
});

// The package's commands as npm installs them: on PATH by their names.
function binDir() {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  for (const [name, file] of [['wasmbox-cc', 'cc.js'], ['wasmbox-ar', 'ar.js'], ['wasmbox-ranlib', 'ranlib.js']]) {
    symlinkSync(join(ROOT, 'web', 'src', 'toolchain', file), join(bin, name));
  }
  return bin;
}

test.each([['wasi', 'wasm32-unknown-wasi'], ['emscripten', 'wasm32-unknown-emscripten']])(
  '%s: an autotools project configures (--host=%s), builds its library with wasmbox-ar and runs', (toolchain, host) => {
    const project = join(tempDir(), 'project');
    cpSync(join(ROOT, 'tests', 'autotools'), project, { recursive: true });
    const env = { ...process.env, PATH: `${binDir()}:${process.env.PATH}`, WASMBOX_TOOLCHAIN: toolchain };
    const sh = (line) => spawnSync('sh', ['-c', line], { cwd: project, env, encoding: 'utf8', timeout: 300000 });
    expect(sh('autoreconf -fi').status).toBe(0);
    const configured = sh(`./configure --host=${host} CC=wasmbox-cc AR=wasmbox-ar RANLIB=wasmbox-ranlib`);
    expect(configured.stderr).toBe('');
    expect(configured.status).toBe(0);
    const made = sh('make');
    expect(made.status).toBe(0);
    expect(wasmbox(['run', join(project, 'hello')]).stdout).toBe('square 49, found 8 of 8\n');
  });

test('a host\'s GNU ar makes an archive the linker refuses; wasmbox-ar one it takes', () => {
  const lib = join(dir, 'square.c');
  writeFileSync(lib, 'int square(int x) { return x * x; }\n');
  writeFileSync(join(dir, 'use.c'), '#include <stdio.h>\nint square(int);\nint main(void) { printf("%d\\n", square(6)); }\n');
  const obj = join(dir, 'square.o');
  expect(compile(CC, ['--toolchain=wasi', '-c', lib, '-o', obj]).status).toBe(0);
  const gnu = join(dir, 'libgnu.a');
  expect(spawnSync('ar', ['rcs', gnu, obj]).status).toBe(0);
  expect(compile(CC, ['--toolchain=wasi', join(dir, 'use.c'), gnu, '-o', join(dir, 'gnu.wasm')]).stderr)
    .toMatch(/archive has no index/);
  const ours = join(dir, 'libours.a');
  expect(spawnSync(process.execPath, [join(ROOT, 'web', 'src', 'toolchain', 'ar.js'), '--toolchain=wasi', 'rcs', ours, obj]).status).toBe(0);
  expect(compile(CC, ['--toolchain=wasi', join(dir, 'use.c'), ours, '-o', join(dir, 'ours.wasm')])).toEqual({ status: 0, stderr: '' });
  expect(wasmbox(['run', join(dir, 'ours.wasm')]).stdout).toBe('36\n');
});

test('an unknown toolchain is a one-line usage error', () => {
  const r = compile(CC, ['--toolchain=gcc', 'x.c']);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('wasmbox-cc: unknown toolchain "gcc" (choose emscripten or wasi)\n');
});

test('no input is a usage error', () => {
  const r = compile(CC, []);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('wasmbox-cc: no input files\n');
});
