// The guest library (shim/guest): compiled once per toolchain and cached,
// then linked into every module. What replaces libc's functions (src/) is
// linked as objects, so its definitions win (an archive member would only
// be pulled for symbols still undefined, too late for __syscall_open);
// what libc lacks (additions/) as an archive after the program's objects,
// so that a program that defines its own (a port's realpath for WASI)
// links without a duplicate symbol.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { wasiCxxRuntime } from './wasi-cxx-runtime.js';

export const GUEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shim', 'guest');

/** Every file under `dir`, sorted. */
export function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Where wasmbox keeps what it builds, outside any tree: `parts` under it. */
export function cacheDir(...parts) {
  const base = process.env.WASMBOX_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'wasmbox');
  return join(base, ...parts);
}

// The guest library's cache, named by the sources' contents and the
// toolchain's flags: editing either rebuilds.
function guestCacheDir(name, toolchain) {
  const hash = createHash('sha256').update(JSON.stringify(toolchain.compileFlags));
  for (const f of files(GUEST_DIR)) hash.update(f.slice(GUEST_DIR.length)).update(readFileSync(f));
  return cacheDir(`guest-${hash.digest('hex').slice(0, 16)}`, name);
}

// Compiles `sources` into `dir` with `cc`, each object named after its
// folder and file; returns the objects.
function compileAll(dir, sources, toolchain, compile, cc = toolchain.cc, flags = []) {
  mkdirSync(dir, { recursive: true });
  const objects = sources.map((src) => join(dir, `${basename(dirname(src))}-${basename(src).replace(/\.\w+$/, '')}.o`));
  sources.forEach((src, i) => {
    if (existsSync(objects[i])) return;
    // Written under a temporary name, so a concurrent build never links a
    // half-written object.
    const tmp = `${objects[i]}.${process.pid}.tmp`;
    const args = [...toolchain.compileFlags, ...flags, ...includeFlags(toolchain), `-I${join(GUEST_DIR, 'include')}`,
      '-O2', '-Wall', '-Wextra', '-c', src, '-o', tmp];
    const r = compile(cc, args);
    if (r.status !== 0) throw new Error(`cannot build the guest library (${src})`);
    renameSync(tmp, objects[i]);
  });
  return objects;
}

// The C sources of `part` (src or additions) for toolchain `name`: its own
// and those both toolchains share.
function sourcesOf(part, name) {
  return [name, 'common'].flatMap((sub) => {
    const dir = join(GUEST_DIR, part, sub);
    return existsSync(dir) ? files(dir) : [];
  }).filter((f) => f.endsWith('.c'));
}

/**
 * What a C++ program built with exceptions links besides the guest library
 * (`library`, as guestLibrary gave it):
 * what an exception nothing caught does (cxx/), and where the toolchain's
 * C++ libraries have no exceptions (wasi), ones built with them.
 * @returns {{objects: string[], libs: string[]}} file paths
 */
export function guestCxx(library, toolchain, compile) {
  const dir = join(library.dir, 'cxx');
  const sources = files(join(GUEST_DIR, 'cxx')).filter((f) => f.endsWith('.cc'));
  const libs = toolchain.buildsCxxRuntime
    ? wasiCxxRuntime(join(dir, 'runtime'), toolchain, join(GUEST_DIR, 'libcxx', 'string.cc'), compile)
    : [];
  return { objects: compileAll(dir, sources, toolchain, compile, toolchain.cxx, toolchain.cxxFlags ?? []), libs };
}

/**
 * The guest library for `toolchain`, compiling it if needed: the objects
 * that replace libc's functions, the archive of what libc lacks, and the
 * cache folder they are in.
 * @returns {{objects: string[], archive: string, dir: string}} file paths
 */
export function guestLibrary(name, toolchain, compile) {
  const dir = guestCacheDir(name, toolchain);
  const objects = compileAll(dir, sourcesOf('src', name), toolchain, compile);
  const archive = join(dir, 'libwasmbox-additions.a');
  if (!existsSync(archive)) {
    const members = compileAll(join(dir, 'additions'), sourcesOf('additions', name), toolchain, compile);
    const tmp = `${archive}.${process.pid}.tmp`;
    const r = compile(toolchain.ar, ['crs', tmp, ...members]);
    if (r.status !== 0) throw new Error('cannot build the guest library (its archive)');
    renameSync(tmp, archive);
  }
  return { objects, archive, dir };
}

export function includeFlags(toolchain) {
  return toolchain.includeDirs.flatMap((d) => ['-isystem', join(GUEST_DIR, d)]);
}
