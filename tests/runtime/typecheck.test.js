// The type check's fences (scripts/typecheck.mjs): code in web/src/core
// may use what every engine has, and no DOM or Node API; and the check
// passes on the tree as it is.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { typeChecks } from '../../scripts/typecheck.mjs';
import { ROOT, tempDir } from './helpers.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const tsc = (args) => spawnSync(process.execPath, [TSC, ...args], { cwd: ROOT, encoding: 'utf8' });

// tsc on `code` as a file of core, with core's configuration.
function checkAsCore(code) {
  const dir = tempDir();
  writeFileSync(join(dir, 'file.mjs'), code);
  const core = join(ROOT, 'web', 'src', 'core');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: join(core, 'tsconfig.json'),
    include: [join(dir, 'file.mjs'), ...['platform.d.ts', 'webassembly.d.ts', 'jspi.d.ts'].map((f) => join(core, f))],
  }));
  return tsc(['-p', join(dir, 'tsconfig.json')]).stdout;
}

test('core may not use the DOM or Node', () => {
  const out = checkAsCore('document.title = "x";\nprocess.exit(1);\nwindow.alert("x");\nBuffer.from("x");\n');
  for (const name of ['document', 'process', 'window', 'Buffer']) expect(out).toContain(`Cannot find name '${name}'`);
});

test('core may use what pages, workers and Node all have', () => {
  expect(checkAsCore(`
    const bytes = new TextEncoder().encode('x');
    const module = await WebAssembly.compile(bytes);
    WebAssembly.Module.imports(module);
    if (typeof WebAssembly.Suspending === 'function') WebAssembly.promising?.(() => 0);
    setTimeout(() => performance.now(), 1);
    crypto.getRandomValues(new Uint8Array(4));
    await fetch(new URL('x', 'http://h/'));
    export {};
  `)).toBe('');
});

test.each(typeChecks().map(({ name, args }) => [name, args]))('%s type-checks', (_, args) => {
  const r = tsc(args);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(0);
});
