// The package as a user gets it from npm: packed (npm pack), installed into
// a fresh project, then used from Node, from TypeScript, and from the
// smallest page of examples/web in Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { jest } from '@jest/globals';

import { launchChromium } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../web/src/node/static-server.js';
import { ROOT, example, tempDir } from '../runtime/helpers.js';
import { openPage } from './browser.js';

jest.setTimeout(180000);

let project;

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'],
  { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  const packs = tempDir();
  npm(['pack', '--pack-destination', packs], ROOT);
  const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz')));
  project = tempDir();
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
  npm(['install', '--prefer-offline', tarball, `typescript@${pinned.typescript}`], project);
  copyFileSync(join(ROOT, 'examples', 'web', 'index.html'), join(project, 'index.html'));
  copyFileSync(example('hello'), join(project, 'hello.wasm'));
});

test('Node imports it and runs a program in a box', () => {
  writeFileSync(join(project, 'run.js'), `
    import { readFileSync } from 'node:fs';
    import { createBox } from 'wasmbox';
    const box = await createBox();
    const r = await box.run(readFileSync('hello.wasm'), { args: ['hello', 'npm'] });
    process.exitCode = r.exitCode;
  `);
  const r = spawnSync(process.execPath, ['run.js'], { cwd: project, encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(r.stdout).toMatch(/^Hello, npm, from inside the box!$/m);
});

test('npx wasmbox cc builds a program on a machine without emcc or clang', () => {
  writeFileSync(join(project, 'hi.c'), '#include <stdio.h>\nint main(void) { puts("built in the box"); }\n');
  // Only node on PATH: no host compiler can be found.
  const env = { ...process.env, PATH: dirname(process.execPath) };
  const wasmbox = join(project, 'node_modules', '.bin', 'wasmbox');
  const built = spawnSync(wasmbox, ['cc', '-O2', 'hi.c', '-o', 'hi.wasm'], { cwd: project, encoding: 'utf8', env });
  expect({ status: built.status, stderr: built.stderr }).toEqual({ status: 0, stderr: '' });
  const r = spawnSync(wasmbox, ['run', 'hi.wasm'], { cwd: project, encoding: 'utf8', env });
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'built in the box\n' });
});

test('its types check for a page and for Node, and code on their common contract for both', () => {
  writeFileSync(join(project, 'page.ts'), `
    import { createBox, type RunResult } from 'wasmbox';
    import { openTerminal } from 'wasmbox/terminal';
    const box = await createBox({ terminal: true });
    openTerminal(document.body, box, { fontSize: 14 }).terminal.focus();
    await box.loadImage('/files.tar', '/', { onProgress: (n, total) => console.log(n, total ?? '?') });
    const r: RunResult = await box.run('/app.wasm', { args: ['app'], stdout: (b) => console.log(b.length) });
    if (r.signal) box.kill(9);
  `);
  writeFileSync(join(project, 'node.mts'), `
    import { createNodeBox } from 'wasmbox';
    const box = await createNodeBox({ maxFds: 64 });
    const work = box.mountHostDir('/tmp', '/work');
    const r = await box.run(new Uint8Array(8), { args: ['x'], preopens: [work], stdin: 'in' });
    console.log(r.exitCode, r.trap?.function);
  `);
  // Written once against core.d.ts: checked under both configurations.
  writeFileSync(join(project, 'common.ts'), `
    import { createBox, type CommonBox, type RunResult } from 'wasmbox';
    export async function greet(box: CommonBox, program: string): Promise<string> {
      const out: Uint8Array[] = [];
      const exits = box.onExit((r) => console.log(r.exitCode));
      await box.loadImage('base.tar', '/');
      await box.writeFile('/greeting', 'hi', { mode: 0o600 });
      const r: RunResult = await box.run(program, { args: ['x'], stdout: (b) => out.push(b), stderr: { write: console.log } });
      exits.dispose();
      const manifest = await box.mountImage('app.img', '/app');
      return \`\${r.exitCode} \${(await box.readFile('/greeting')).length} \${manifest.program ?? ''}\`;
    }
    const box: CommonBox = await createBox({ terminal: false, maxFds: 64 });
    await greet(box, 'hello.wasm');
    box.dispose();
  `);
  const common = { target: 'es2022', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [] };
  const configs = {
    'tsconfig.page.json': { compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler' }, files: ['page.ts', 'common.ts'] },
    'tsconfig.node.json': { compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['node.mts', 'common.ts'] },
  };
  for (const [file, config] of Object.entries(configs)) {
    writeFileSync(join(project, file), JSON.stringify(config));
    const r = spawnSync(join(project, 'node_modules', '.bin', 'tsc'), ['-p', file], { cwd: project, encoding: 'utf8' });
    expect({ file, status: r.status, out: r.stdout }).toEqual({ file, status: 0, out: '' });
  }
});

test('the smallest page runs a program in its terminal', async () => {
  const browser = await launchChromium();
  const { server, url } = await serveStatic({ '/': project }, { port: 0 });
  try {
    const page = await openPage(browser, url);
    await page.waitForFunction(() => document.title.startsWith('hello exited'));
    expect(await page.title()).toBe('hello exited with status 0');
    expect(await page.textContent('.xterm-rows')).toMatch(/Hello, web, from inside the box!/);
    expect(page.errors).toEqual([]);
  } finally {
    await browser.close();
    server.close();
  }
});
