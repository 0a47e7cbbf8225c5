import { parseJobs } from './clang-jobs.js';

const HEADER = 'clang version 22.1.0 (https://codeberg.org/YoWASP/llvm-project 9560ae0)\n' +
  'Target: wasm32-unknown-wasip1\nThread model: posix\nInstalledDir: \nBuild config: +assertions\n';

describe('the jobs of clang -###', () => {
  test('are each job\'s argv, the tool first, quotes and escapes undone', () => {
    const out = `${HEADER} "" "clang" "-cc1" "-D" "FOO=\\"a b\\\\\\\\c\\$\\"" "-o" "/tmp/we ird-b8fe71.o" "-x" "c" "we ird.c"\n` +
      ' "wasm-ld" "-m" "wasm32" "/tmp/we ird-b8fe71.o" "-lc" "-o" "a.out"\n';
    expect(parseJobs(out)).toEqual({
      jobs: [
        ['clang', '-cc1', '-D', 'FOO="a b\\\\c$"', '-o', '/tmp/we ird-b8fe71.o', '-x', 'c', 'we ird.c'],
        ['wasm-ld', '-m', 'wasm32', '/tmp/we ird-b8fe71.o', '-lc', '-o', 'a.out'],
      ],
      messages: '',
    });
  });

  test('keep what else clang says (warnings), and the header only when verbose', () => {
    const out = `${HEADER}clang: warning: argument unused during compilation: '-L.'\n "" "clang" "-cc1" "x.c"\n`;
    expect(parseJobs(out)).toEqual({ jobs: [['clang', '-cc1', 'x.c']], messages: "clang: warning: argument unused during compilation: '-L.'" });
    expect(parseJobs(out, { verbose: true }).messages).toBe(`${HEADER}clang: warning: argument unused during compilation: '-L.'`);
  });

  test('are none when clang refuses the command line', () => {
    expect(parseJobs(`clang: error: unknown argument: '--bogus'\n${HEADER}`)).toEqual({
      jobs: [], messages: "clang: error: unknown argument: '--bogus'",
    });
  });
});
