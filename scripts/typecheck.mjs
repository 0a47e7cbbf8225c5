// Checks the JavaScript of web/src against its JSDoc and the public types
// (one tsconfig per folder, each with the library its code may use: core
// and compiler none but what every engine has), and the public types
// themselves as a consumer compiles them. `npm test` runs each check
// (tests/runtime/typecheck.test.js); alone: `npm run typecheck`. Prints tsc's errors; exits 1 when there are any.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

// The public typings, checked whole (no skipLibCheck) for a page and Node.
const TYPINGS = ['--noEmit', '--strict', '--lib', 'es2022,dom', '--types', '', '--module', 'nodenext',
  'web/types/node.d.ts', 'web/types/browser.d.ts', 'web/types/terminal.d.ts'];

/** Each check: its name, and tsc's arguments. */
export function typeChecks() {
  const src = join(ROOT, 'web', 'src');
  const folders = readdirSync(src).filter((d) => existsSync(join(src, d, 'tsconfig.json'))).sort();
  return [
    ...folders.map((d) => ({ name: `web/src/${d}`, args: ['-p', join('web', 'src', d, 'tsconfig.json')] })),
    { name: 'web/types', args: TYPINGS },
  ];
}

/** Runs every check, printing its errors: {passed, failed}. */
export function typecheck() {
  const totals = { passed: 0, failed: 0 };
  for (const { name, args } of typeChecks()) {
    const r = spawnSync(process.execPath, [TSC, ...args], { cwd: ROOT, encoding: 'utf8' });
    const ok = r.status === 0;
    console.log(`tsc ${name}: ${ok ? 'no errors' : 'FAILED'}`);
    if (!ok) process.stdout.write(r.stdout + r.stderr);
    totals[ok ? 'passed' : 'failed'] += 1;
  }
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(typecheck().failed === 0 ? 0 : 1);
