// Builds a recipe: a Debian source package (fetched, checked and unpacked
// by debian-source.mjs) built by wasmbox-cc. The files it made are cached
// outside the clone by package version and by what built it (the recipe's
// own files, the guest library, the driver), so a clone builds each once.
// The base image (base/*.mjs) and the ported apps (examples/*/recipe.mjs)
// are such recipes.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { cacheDir, files } from '../web/src/toolchain/guest-lib.js';
import { ROOT, run } from './build-env.mjs';
import { unpackSource } from './debian-source.mjs';

// What a build depends on besides its recipe.
const TOOLCHAIN_INPUTS = [join(ROOT, 'shim', 'guest'), join(ROOT, 'web', 'src', 'toolchain'), join(ROOT, 'web', 'src', 'core', 'wasm')];
const TOOLS = join(ROOT, 'web', 'src', 'toolchain');
const CC = join(TOOLS, 'cc.js');

// configure's arguments for a cross build with `toolchain` (wasi or
// emscripten): the host triple, and wasmbox-cc, -ar and -ranlib.
function cross(toolchain) {
  const tool = (name) => `${join(TOOLS, name)} --toolchain=${toolchain}`;
  return [`--host=wasm32-unknown-${toolchain}`, '--build=x86_64-linux-gnu',
    `CC=${tool('cc.js')}`, `AR=${tool('ar.js')}`, `RANLIB=${tool('ranlib.js')}`];
}

function buildKey(inputs, used) {
  const hash = createHash('sha256').update(JSON.stringify(used));
  const all = [...inputs, ...TOOLCHAIN_INPUTS].flatMap((p) => (statSync(p).isFile() ? [p] : files(p)))
    .filter((f) => !f.endsWith('.test.js'));
  for (const f of all) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The files the recipe in `recipeFile` makes, built unless cached: returns
 * the recipe and the folder that holds its files at the paths its build
 * gave them.
 * @param {string} recipeFile  a module whose default export is the recipe:
 *   {name, version, aptVersion?, dscSha256} of the Debian source package,
 *   uses?: {name: recipe file, relative to this one} of the packages whose
 *   files it builds with (libraries), and build(src, {cc, run, uses,
 *   cross}) → {path: built file}, where `uses` maps each name to the folder
 *   of its files and cross(toolchain) gives configure's arguments
 * @param {string[]} [inputs]  files and folders the recipe reads besides
 *   itself (patches): a change to one rebuilds
 */
export async function builtPackage(recipeFile, inputs = [recipeFile]) {
  const recipe = (await import(recipeFile)).default;
  const uses = {};
  for (const [name, file] of Object.entries(recipe.uses ?? {})) {
    const used = resolve(dirname(recipeFile), file);
    uses[name] = (await builtPackage(used, [dirname(used)])).out;
  }
  // A rebuilt library rebuilds what uses it: its folder's name is its key.
  const out = cacheDir('packages', `${recipe.name}_${recipe.version}-${buildKey(inputs, uses)}`);
  const done = join(out, '.done');
  if (!existsSync(done)) {
    const src = unpackSource(recipe, join(ROOT, 'build', 'package-src', recipe.name));
    const made = recipe.build(src, { cc: CC, run, uses, cross });
    // Builds of this package by older recipes or toolchains go.
    mkdirSync(dirname(out), { recursive: true });
    for (const old of readdirSync(dirname(out))) {
      if (old.startsWith(`${recipe.name}_`)) rmSync(join(dirname(out), old), { recursive: true, force: true });
    }
    for (const [path, file] of Object.entries(made)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      copyFileSync(file, join(out, path));
    }
    writeFileSync(done, '');
  }
  return { recipe, out };
}
