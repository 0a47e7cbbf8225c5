// Debian source packages, as the programs of the base image are built from
// them: fetched with `apt-get source` at a pinned version, checked against
// the pinned SHA-256 of their .dsc (which itself pins the tarballs, checked
// by dpkg-source), kept in a cache outside the clone by version, and
// unpacked with Debian's patches applied.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { cacheDir } from '../web/src/toolchain/guest-lib.js';
import { run } from './build-env.mjs';

const SOURCES_LIST = '/etc/apt/sources.list.d/debian.sources';
const SOURCE_ENTRIES = '/etc/apt/sources.list.d/wasmbox-deb-src.sources';

// apt-get source needs deb-src entries: the machine's own deb entries
// (deb822 stanzas), as deb-src. Needs root, as the rest of set-up.
function ensureSourceEntries() {
  if (existsSync(SOURCE_ENTRIES)) return;
  if (!existsSync(SOURCES_LIST)) throw new Error(`${SOURCES_LIST} is missing: cannot add deb-src entries`);
  const stanzas = readFileSync(SOURCES_LIST, 'utf8').split(/\n\s*\n/)
    .filter((s) => /^Types:.*\bdeb\b/m.test(s))
    .map((s) => s.replace(/^Types:.*$/m, 'Types: deb-src'));
  writeFileSync(SOURCE_ENTRIES, `${stanzas.join('\n\n')}\n`);
  run('apt-get', ['update'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The source package `name` at `version` (without epoch) as a fresh tree
 * with Debian's patches applied, in `into` (replaced).
 * @param {{name: string, version: string, aptVersion?: string, dscSha256: string}} pkg
 *   `aptVersion` is the version with its epoch, where it has one
 * @param {string} into
 */
export function unpackSource({ name, version, aptVersion = version, dscSha256 }, into) {
  const dir = cacheDir('debian', `${name}_${version}`);
  const dsc = join(dir, `${name}_${version}.dsc`);
  if (!existsSync(dsc)) {
    ensureSourceEntries();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    run('apt-get', ['source', '--download-only', `${name}=${aptVersion}`], { cwd: dir });
  }
  const got = sha256(dsc);
  if (got !== dscSha256) {
    throw new Error(`${dsc}: SHA-256 ${got}, expected ${dscSha256}: delete ${dir} to fetch it again`);
  }
  rmSync(into, { recursive: true, force: true });
  mkdirSync(dirname(into), { recursive: true });
  // Checks each tarball against the checksums the .dsc lists.
  run('dpkg-source', ['-x', dsc, into], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return into;
}
