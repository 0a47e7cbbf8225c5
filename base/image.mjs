// The base image of a box: the programs of base/*.mjs (each a Debian
// source package built by wasmbox-cc), /etc from base/etc, and the usual
// empty directories, packed as web/dist/base.tar, which `wasmbox shell` and
// the demo page load.
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT, run } from '../scripts/build-env.mjs';
import { builtPackage } from '../scripts/package-build.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RECIPES = ['dash.mjs', 'busybox.mjs'];
const EMPTY_DIRS = ['home/user', 'tmp', 'usr/bin', 'usr/local/bin', 'root'];
export const BASE_IMAGE = join(ROOT, 'web', 'dist', 'base.tar');

/** Builds the base image (web/dist/base.tar). */
export async function buildBaseImage() {
  const root = join(ROOT, 'build', 'base-root');
  rmSync(root, { recursive: true, force: true });
  cpSync(join(HERE, 'etc'), join(root, 'etc'), { recursive: true });
  for (const dir of EMPTY_DIRS) mkdirSync(join(root, dir), { recursive: true });
  for (const recipe of RECIPES) {
    const { recipe: { links = {} }, out } = await builtPackage(join(HERE, recipe));
    cpSync(out, root, { recursive: true, filter: (f) => !f.endsWith('.done') });
    for (const [path, target] of Object.entries(links)) symlinkSync(target, join(root, path));
  }
  mkdirSync(dirname(BASE_IMAGE), { recursive: true });
  run('tar', ['-C', root, '--owner=0', '--group=0', '--sort=name', '-cf', BASE_IMAGE, '.']);
}
