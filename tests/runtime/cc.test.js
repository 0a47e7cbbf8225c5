// `wasmbox cc` and `wasmbox c++`: the compiler in the box (clang 22 of
// @yowasp/clang, run by the box's kernel) builds C and C++ programs from a
// host folder with nothing but Node, as clang would: several files,
// headers, libm, -c then a link, diagnostics and exit status as clang's.
// The results run in the box. (The guest tests, built by it at set-up, run
// in guest.test.js.)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { tempDir, wasmbox } from './helpers.js';

const FILES = {
  'util.h': '#pragma once\ndouble hypotenuse(double a, double b);\nextern const char *greeting;\n',
  'util.c': '#include <math.h>\n#include "util.h"\nconst char *greeting = "hello";\n' +
    'double hypotenuse(double a, double b) { return sqrt(a * a + b * b); }\n',
  'main.c': '#include <stdio.h>\n#include "util.h"\n' +
    'int main(int argc, char **argv) {\n  (void)argv;\n  char line[64];\n  if (!fgets(line, sizeof line, stdin)) return 3;\n' +
    '  printf("%s %s: %.1f, %d args, read %s", greeting, WHO, hypotenuse(3, 4), argc, line);\n  return 0;\n}\n',
  'bad.c': 'int main(void) {\n  int x = 1;\n  return y;\n}\n',
  'warns.c': 'int main(void) {\n  int x = 1;\n  return 0;\n}\n',
  'stl.cc': '#include <algorithm>\n#include <iostream>\n#include <map>\n#include <memory>\n#include <sstream>\n' +
    '#include <string>\n#include <vector>\nint main() {\n  std::vector<int> v{5, 3, 9, 1};\n' +
    '  std::sort(v.begin(), v.end());\n  std::map<std::string, int> m{{"a", 1}, {"b", 2}};\n' +
    '  std::ostringstream os;\n  for (int x : v) os << x << \' \';\n' +
    '  auto p = std::make_unique<std::string>("unique");\n' +
    '  std::cout << os.str() << m["b"] << \' \' << *p << std::endl;\n}\n',
  'throws.cc': '#include <stdexcept>\nint main() { throw std::runtime_error("no"); }\n',
  'forks.c': '#include <unistd.h>\nint main(void) { return fork() < 0 ? 0 : 1; }\n',
};

let dir;
beforeAll(() => {
  dir = tempDir();
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
});

const cc = (args) => wasmbox(['cc', ...args], { cwd: dir });
const run = (args, input) => wasmbox(['run', ...args], { cwd: dir, input });

describe('wasmbox cc', () => {
  test('answers --version as clang', () => {
    const r = cc(['--version']);
    expect(r).toMatchObject({ status: 0, stdout: expect.stringMatching(/^clang version 22\.\S+ .*\nTarget: wasm32-unknown-wasip1/) });
  });

  test('compiles and links several files with a header, -D and libm; the program runs', () => {
    const r = cc(['-O2', '-std=c11', '-Wall', '-Wextra', '-DWHO="world"', 'main.c', 'util.c', '-lm', '-o', 'app.wasm']);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(run(['app.wasm', 'x', 'y'], 'typed\n')).toEqual({
      status: 0, stdout: 'hello world: 5.0, 3 args, read typed\n', stderr: '',
    });
  });

  test('compiles with -c, then links the objects (default output a.out)', () => {
    expect(cc(['-c', '-DWHO="again"', 'main.c', 'util.c'])).toMatchObject({ status: 0, stderr: '' });
    expect(existsSync(join(dir, 'main.o')) && existsSync(join(dir, 'util.o'))).toBe(true);
    expect(cc(['main.o', 'util.o'])).toMatchObject({ status: 0, stderr: '' });
    expect(run(['a.out'], 'x\n').stdout).toBe('hello again: 5.0, 1 args, read x\n');
  });

  test('writes -o into a folder named by a path, and reads sources by absolute path', () => {
    mkdirSync(join(dir, 'out'), { recursive: true });
    expect(cc([join(dir, 'main.c'), join(dir, 'util.c'), '-DWHO="abs"', '-o', 'out/abs.wasm']).status).toBe(0);
    expect(run([join(dir, 'out', 'abs.wasm')], 'y\n').stdout).toBe('hello abs: 5.0, 1 args, read y\n');
  });

  test('a compile error: clang\'s diagnostic with its line and column, status 1, no output', () => {
    const r = cc(['-Wall', 'bad.c', '-o', 'bad.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^bad\.c:3:10: error: use of undeclared identifier 'y'/m);
    expect(existsSync(join(dir, 'bad.wasm'))).toBe(false);
  });

  test('a warning: clang\'s diagnostic, status 0', () => {
    expect(cc(['-Wall', 'warns.c', '-o', 'warns.wasm'])).toMatchObject({
      status: 0, stderr: expect.stringMatching(/^warns\.c:2:7: warning: unused variable 'x' \[-Wunused-variable\]/),
    });
  });

  test('a link error names the symbol, status 1', () => {
    const r = cc(['main.c', '-DWHO="x"', '-o', 'nolib.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/undefined symbol: hypotenuse/);
  });

  test('a missing input is clang\'s error', () => {
    expect(cc(['nothere.c'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/no such file or directory: 'nothere\.c'/) });
  });
});

describe('wasmbox c++', () => {
  test('builds a program with the STL, which runs', () => {
    const r = wasmbox(['c++', '-O2', '-std=c++20', 'stl.cc', '-o', 'stl.wasm'], { cwd: dir });
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(run(['stl.wasm'])).toEqual({ status: 0, stdout: '1 3 5 9 2 unique\n', stderr: '' });
  });

  test('says that exceptions are off', () => {
    const r = wasmbox(['c++', 'throws.cc'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/throws\.cc:2:14: error: cannot use 'throw' with exceptions disabled/);
    const asked = wasmbox(['c++', '-fexceptions', 'throws.cc'], { cwd: dir });
    expect(asked).toMatchObject({ status: 1, stderr: expect.stringMatching(/C\+\+ exceptions are not available/) });
  });
});

test('a program that forks links, with a warning that fork fails in it', () => {
  const r = cc(['forks.c', '-o', 'forks.wasm']);
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/warning: .*forks\.wasm calls fork\(\), which fails with ENOSYS/);
  expect(run(['forks.wasm']).status).toBe(0);
});
