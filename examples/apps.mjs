// The ported apps: each examples/<app>/recipe.mjs is a Debian source
// package built by wasmbox-cc (scripts/package-build.mjs), whose files go
// to build/apps/<app>/ (the module <app>.wasm, and <app>.tar where it needs
// files in the box). build/apps/index.json lists them for the demo page:
// name, what it is, the toolchain that built it, the command line that
// starts it, and its files with their sizes.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT } from '../scripts/build-env.mjs';
import { builtPackage } from '../scripts/package-build.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const APPS_DIR = join(ROOT, 'build', 'apps');

/** Builds every app (build/apps/) and its index. */
export async function buildApps() {
  const index = [];
  for (const dir of readdirSync(HERE).sort()) {
    const recipeFile = join(HERE, dir, 'recipe.mjs');
    if (!existsSync(recipeFile)) continue;
    // A recipe without `app` is a library, built when an app uses it.
    if (!(await import(recipeFile)).default.app) continue;
    const { recipe, out } = await builtPackage(recipeFile, [join(HERE, dir)]);
    const { name, about, toolchain, command } = recipe.app;
    const to = join(APPS_DIR, name);
    rmSync(to, { recursive: true, force: true });
    // The module and its image, not what a library also left (lib/, include/).
    mkdirSync(to, { recursive: true });
    for (const file of [`${name}.wasm`, `${name}.tar`].filter((f) => existsSync(join(out, f)))) {
      copyFileSync(join(out, file), join(to, file));
    }
    const size = (file) => (existsSync(join(to, file)) ? statSync(join(to, file)).size : undefined);
    index.push({ name, about, toolchain, command, module: `${name}.wasm`, moduleSize: size(`${name}.wasm`),
      image: size(`${name}.tar`) && `${name}.tar`, imageSize: size(`${name}.tar`),
      source: `${recipe.name} ${recipe.version}` });
  }
  writeFileSync(join(APPS_DIR, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}
