// The base image of a box: the programs of base/*.mjs (each a Debian
// source package built by wasmbox-cc), /etc from base/etc, and the usual
// empty directories, packed as web/dist/base.tar, which `wasmbox shell` and
// the demo page load. A built program is cached outside the clone by
// package version and by what built it (recipe, guest library, driver).
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT, run } from '../scripts/build-env.mjs';
import { unpackSource } from '../scripts/debian-source.mjs';
import { cacheDir, files } from '../web/src/toolchain/guest-lib.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const RECIPES = ['dash.mjs', 'busybox.mjs'];
// What a build depends on besides its recipe.
const TOOLCHAIN_INPUTS = [join(ROOT, 'shim', 'guest'), join(ROOT, 'web', 'src', 'toolchain'), join(ROOT, 'web', 'src', 'core', 'wasm')];
const EMPTY_DIRS = ['home/user', 'tmp', 'usr/bin', 'usr/local/bin', 'root'];
export const BASE_IMAGE = join(ROOT, 'web', 'dist', 'base.tar');

function buildKey(recipeFile) {
  const hash = createHash('sha256').update(readFileSync(recipeFile));
  const inputs = TOOLCHAIN_INPUTS.flatMap(files).filter((f) => !f.endsWith('.test.js'));
  for (const f of inputs) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

// The recipe's files (image path → file), built unless cached.
async function built(recipeFile) {
  const recipe = (await import(recipeFile)).default;
  const out = cacheDir('base', `${recipe.name}_${recipe.version}-${buildKey(recipeFile)}`);
  const done = join(out, '.done');
  if (!existsSync(done)) {
    const src = unpackSource(recipe, join(ROOT, 'build', 'base-src', recipe.name));
    const made = recipe.build(src, { cc: join(ROOT, 'web', 'src', 'toolchain', 'cc.js'), run });
    // Builds of this package by older recipes or toolchains go.
    mkdirSync(dirname(out), { recursive: true });
    for (const old of readdirSync(dirname(out))) {
      if (old.startsWith(`${recipe.name}_`)) rmSync(join(dirname(out), old), { recursive: true, force: true });
    }
    for (const [path, file] of Object.entries(made)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      copyFileSync(file, join(out, path));
    }
    copyFileSync(recipeFile, done);
  }
  return { out, links: recipe.links ?? {} };
}

/** Builds the base image (web/dist/base.tar). */
export async function buildBaseImage() {
  const root = join(ROOT, 'build', 'base-root');
  rmSync(root, { recursive: true, force: true });
  cpSync(join(HERE, 'etc'), join(root, 'etc'), { recursive: true });
  for (const dir of EMPTY_DIRS) mkdirSync(join(root, dir), { recursive: true });
  for (const recipe of RECIPES) {
    const { out, links } = await built(join(HERE, recipe));
    cpSync(out, root, { recursive: true, filter: (f) => !f.endsWith('.done') });
    for (const [path, target] of Object.entries(links)) symlinkSync(target, join(root, path));
  }
  mkdirSync(dirname(BASE_IMAGE), { recursive: true });
  run('tar', ['-C', root, '--owner=0', '--group=0', '--sort=name', '-cf', BASE_IMAGE, '.']);
}
