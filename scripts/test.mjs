// Runs every test: the kernel natively (GoogleTest), again under ASan and
// UBSan with a bounded fuzzing run, then the runtime, CLI and guest
// programs in Node, the pages in Chromium and the type check (Jest). Ends
// with one line counting all tests.
//   WASMBOX_FUZZ_SECONDS  how long the fuzzer runs (default 60)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BUILD_ENV, ROOT, run } from './setup.mjs';

const totals = { passed: 0, failed: 0 };

// Runs a command, showing its output and returning it.
function capture(cmd, args, env = BUILD_ENV) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  return r;
}

function ctest(preset) {
  run('cmake', ['--preset', preset], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('cmake', ['--build', '--preset', preset, '-j2']);
  const r = capture('ctest', ['--preset', preset]);
  const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.stdout ?? '');
  if (!m) throw new Error(`ctest (${preset}) did not report its results`);
  totals.passed += Number(m[3]) - Number(m[2]);
  totals.failed += Number(m[2]);
}

function fuzz() {
  const seconds = process.env.WASMBOX_FUZZ_SECONDS ?? '60';
  const corpus = join(ROOT, 'build', 'sanitize', 'fuzz-corpus');
  mkdirSync(corpus, { recursive: true });
  const r = capture(join(ROOT, 'build', 'sanitize', 'tests', 'fuzz', 'syscall_fuzzer'),
    [`-max_total_time=${seconds}`, '-print_final_stats=0', corpus]);
  if (r.status === 0) totals.passed += 1;
  else totals.failed += 1;
  console.log(`fuzzing for ${seconds} s: ${r.status === 0 ? 'no crash' : 'FAILED'}`);
}

function jest() {
  const report = join(ROOT, 'build', 'jest.json');
  const env = { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --no-warnings' };
  spawnSync(process.execPath,
    [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${report}`],
    { cwd: ROOT, env, stdio: 'inherit' });
  if (!existsSync(report)) throw new Error('jest wrote no report');
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
}

try {
  ctest('native');
  ctest('sanitize');
  fuzz();
  jest();
} catch (e) {
  console.error(`test: ${e.message}`);
  totals.failed += 1;
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
