// The guest library (shim/guest) for the compiler in the box, built by
// that compiler (clang 22 for wasm32-wasip1, in a box of this process) and
// packed as web/dist/guest-wasip1.tar, which compiler/target.js mounts at
// /opt/wasmbox: wasmbox.o (what replaces libc's functions, as one object),
// libwasmbox-additions.a (what libc lacks) and include/ (the headers that
// add to wasi-libc's). Kept in the cache by the sources' contents and the
// compiler's version.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

import { compile } from '../web/src/compiler/compile.js';
import { WRAPPED } from '../web/src/compiler/target.js';
import { cacheDir, files, GUEST_DIR } from '../web/src/toolchain/guest-lib.js';
import { nodeCompilerBox } from '../web/src/node/cc-command.js';
import { ROOT, run } from './build-env.mjs';

export const GUEST_SYSROOT = join(ROOT, 'web', 'dist', 'guest-wasip1.tar');

// Its setjmp runtime is for clang 14's lowering: clang 22's calls
// wasi-libc's own (libsetjmp).
const LEFT_OUT = new Set(['setjmp.c']);

// The headers are not installed yet: taken from the sources.
const FLAGS = ['-O2', '-Wall', '-Wextra', '-Werror', '-isystem', join(GUEST_DIR, 'include', 'wasi'),
  `-I${join(GUEST_DIR, 'include')}`, '-c'];

function sourcesOf(part) {
  return ['wasi', 'common'].flatMap((sub) => files(join(GUEST_DIR, part, sub)))
    .filter((f) => f.endsWith('.c') && !LEFT_OUT.has(basename(f)));
}

function cacheKey() {
  const hash = createHash('sha256');
  const yowasp = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@yowasp', 'clang', 'package.json'), 'utf8'));
  hash.update(yowasp.version).update(readFileSync(new URL(import.meta.url)));
  hash.update(readFileSync(join(ROOT, 'web', 'src', 'compiler', 'target.js')));
  for (const f of files(GUEST_DIR)) hash.update(f.slice(GUEST_DIR.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

const failed = (what) => new Error(`cannot build the guest library for the box's compiler (${what})`);

// Runs one of the compiler's tools (wasm-ld, ar) in `box`.
async function tool(box, argv, cwd) {
  if ((await box.run(argv, { cwd })).exitCode !== 0) throw failed(argv.slice(0, 2).join(' '));
}

// Compiles `sources` into `dir` (one object per source, named after it).
async function compileAll(box, sources, dir) {
  mkdirSync(dir, { recursive: true });
  const wrapped = WRAPPED.map((f) => `-D${f}=__wrap_${f}`);
  if ((await compile([...FLAGS, ...wrapped, ...sources], { box, cwd: dir })) !== 0) throw failed(basename(dir));
  return sources.map((s) => join(dir, basename(s).replace(/\.c$/, '.o')));
}

/** Builds web/dist/guest-wasip1.tar unless the cache has it. */
export async function buildGuestSysroot() {
  const cached = cacheDir(`guest-wasip1-${cacheKey()}.tar`);
  if (!existsSync(cached)) {
    const work = `${cached}.${process.pid}.d`;
    const lib = join(work, 'lib');
    // The compiler's box sees the work folder and the guest library's
    // sources at their own paths; the library itself is not there yet.
    const box = await nodeCompilerBox({ mount: [`/${work.split('/')[1]}`, `/${GUEST_DIR.split('/')[1]}`],
      guest: new Uint8Array(1024) });
    const replacing = await compileAll(box, sourcesOf('src'), join(work, 'src'));
    const adding = await compileAll(box, sourcesOf('additions'), join(work, 'additions'));
    mkdirSync(lib, { recursive: true });
    await tool(box, ['wasm-ld', '-r', ...replacing, '-o', join(lib, 'wasmbox.o')], work);
    await tool(box, ['ar', 'crs', join(lib, 'libwasmbox-additions.a'), ...adding], work);
    cpSync(join(GUEST_DIR, 'include', 'wasi'), join(lib, 'include'), { recursive: true });
    run('tar', ['-C', lib, '--owner=0', '--group=0', '--sort=name', '-cf', `${cached}.tmp`, '.']);
    renameSync(`${cached}.tmp`, cached);
    rmSync(work, { recursive: true, force: true });
  }
  copyFileSync(cached, GUEST_SYSROOT);
}
