// The playground (web/playground) as a static site in build/playground, to
// copy to any static host: the page, its script bundled with CodeMirror and
// xterm.js, the box's runtime files, and the compiler in compiler/ (clang's
// module and sysroot from @yowasp/clang, the guest library built for it,
// and files.json with their sizes, for the progress bar).
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { COMPILER_FILES } from '../web/src/browser/compiler.js';
import { ROOT } from './build-env.mjs';

export const PLAYGROUND = join(ROOT, 'build', 'playground');

const DIST = join(ROOT, 'web', 'dist');
const RUNTIME = ['worker.js', 'process-worker.js', 'store-worker.js', 'kernel.wasm', 'kernel-shared.wasm', 'xterm.css'];

export async function buildPlayground() {
  const { build } = await import('esbuild');
  const compilerDir = join(PLAYGROUND, 'compiler');
  mkdirSync(compilerDir, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'web', 'playground', 'main.js')],
    outfile: join(PLAYGROUND, 'playground.js'),
    bundle: true, minify: true, format: 'esm', logLevel: 'warning',
  });
  for (const f of ['index.html', 'playground.css']) copyFileSync(join(ROOT, 'web', 'playground', f), join(PLAYGROUND, f));
  for (const f of RUNTIME) copyFileSync(join(DIST, f), join(PLAYGROUND, f));
  const yowasp = fileURLToPath(new URL('.', import.meta.resolve('@yowasp/clang')));
  const sources = { module: yowasp, sysroot: yowasp, guest: DIST };
  const sizes = {};
  for (const [part, name] of Object.entries(COMPILER_FILES)) {
    const from = join(sources[part], name);
    const to = join(compilerDir, name);
    // 75 MB: copied only when it changed.
    const there = statSync(to, { throwIfNoEntry: false });
    if (!there || there.mtimeMs < statSync(from).mtimeMs || there.size !== statSync(from).size) copyFileSync(from, to);
    sizes[name] = statSync(to).size;
  }
  writeFileSync(join(compilerDir, 'files.json'), `${JSON.stringify(sizes, null, 2)}\n`);
}
