// The guest library (shim/guest): compiled once per toolchain and cached,
// then linked into every module as objects, so its definitions replace
// libc's (an archive member would only be pulled for symbols still
// undefined, too late for __syscall_open).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GUEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shim', 'guest');

/** Every file under `dir`, sorted. */
export function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Where wasmbox keeps what it builds, outside any tree: `parts` under it. */
export function cacheDir(...parts) {
  const base = process.env.WASMBOX_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'wasmbox');
  return join(base, ...parts);
}

// The guest library's cache, named by the sources' contents: editing them
// rebuilds.
function guestCacheDir(name) {
  const hash = createHash('sha256');
  for (const f of files(GUEST_DIR)) hash.update(f.slice(GUEST_DIR.length)).update(readFileSync(f));
  return cacheDir(`guest-${hash.digest('hex').slice(0, 16)}`, name);
}

/**
 * The guest library's objects for `toolchain`, compiling them if needed.
 * @returns {string[]} object file paths
 */
export function guestObjects(name, toolchain, compile) {
  const dir = guestCacheDir(name);
  // Each toolchain's own sources, and those both share.
  const sources = [name, 'common'].flatMap((sub) => files(join(GUEST_DIR, 'src', sub)))
    .filter((f) => f.endsWith('.c'));
  const objects = sources.map((src) => join(dir, `${basename(dirname(src))}-${basename(src, '.c')}.o`));
  if (objects.every(existsSync)) return objects;
  mkdirSync(dir, { recursive: true });
  sources.forEach((src, i) => {
    // Written under a temporary name, so a concurrent build never links a
    // half-written object.
    const tmp = `${objects[i]}.${process.pid}.tmp`;
    const args = [...toolchain.compileFlags, ...includeFlags(toolchain), `-I${join(GUEST_DIR, 'include')}`,
      '-O2', '-Wall', '-Wextra', '-c', src, '-o', tmp];
    const r = compile(toolchain.cc, args);
    if (r.status !== 0) throw new Error(`cannot build the guest library (${src})`);
    renameSync(tmp, objects[i]);
  });
  return objects;
}

export function includeFlags(toolchain) {
  return toolchain.includeDirs.flatMap((d) => ['-isystem', join(GUEST_DIR, d)]);
}
