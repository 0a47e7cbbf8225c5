// The compiler driver behind wasmbox-cc and wasmbox-c++: compile and link C/C++ into a module for the
// box, with Emscripten (default) or clang + wasi-libc (--toolchain=wasi).
// Compiler flags pass through; linking adds the guest library and the
// toolchain's settings.
import { spawnSync } from 'node:child_process';

import { join } from 'node:path';

import { prepareForFork } from './fork-build.js';
import { GUEST_DIR, guestObjects, includeFlags } from './guest-lib.js';
import { TOOLCHAINS } from './toolchains.js';

const USAGE = `Usage: wasmbox-cc [--toolchain=emscripten|wasi] [COMPILER FLAGS...] FILES...

Compiles and links C (wasmbox-c++: C++) into a WebAssembly module that runs
in a wasmbox box (wasmbox run app.wasm), with files, terminal and pipes.
Compiler flags pass through: -c, -o, -O2, -I, -D, -l, -L, -std=...

  --toolchain=emscripten  emcc -sSTANDALONE_WASM (default)
  --toolchain=wasi        clang + wasi-libc (+ libc++ for C++)

Environment: WASMBOX_TOOLCHAIN sets the default toolchain, WASMBOX_CACHE
where the compiled guest library is kept.`;

// Flags after which the compiler only compiles (or preprocesses).
const NO_LINK = new Set(['-c', '-S', '-E', '-M', '-MM', '-fsyntax-only']);

class UsageError extends Error {}

function parse(argv) {
  let name = process.env.WASMBOX_TOOLCHAIN ?? 'emscripten';
  const rest = [];
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { help: true };
    if (a.startsWith('--toolchain=')) name = a.slice('--toolchain='.length);
    else if (a === '--toolchain') name = argv[++i];
    else rest.push(a);
  }
  if (!Object.hasOwn(TOOLCHAINS, name)) {
    throw new UsageError(`unknown toolchain "${name}" (choose emscripten or wasi)`);
  }
  return { name, toolchain: TOOLCHAINS[name], args: rest };
}

function runTool(cmd, args, env, install) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error?.code === 'ENOENT') throw new UsageError(`${cmd} is not installed. Install it: ${install}`);
  return r;
}

function runCompiler(toolchain, cmd, args) {
  return runTool(cmd, args, toolchain.env, toolchain.install);
}

// wasm-opt, which asyncify comes with.
const BINARYEN_INSTALL = 'apt-get install binaryen (Debian)';

export function main(argv, cxx) {
  const opts = parse(argv);
  if (opts.help) return console.log(USAGE), 0;
  const { name, toolchain, args } = opts;
  if (args.length === 0) throw new UsageError('no input files');
  const cmd = cxx ? toolchain.cxx : toolchain.cc;
  const compile = [...toolchain.compileFlags, ...(cxx ? toolchain.cxxFlags ?? [] : []), ...includeFlags(toolchain)];
  const links = !args.some((a) => NO_LINK.has(a));
  let full = [...compile, ...args];
  let output = null;
  const debug = args.some((a) => a.startsWith('-g') && a !== '-g0');
  if (links) {
    const objects = guestObjects(name, toolchain, (c, a) => runCompiler(toolchain, c, a));
    const named = args.includes('-o');
    output = named ? args[args.indexOf('-o') + 1] : toolchain.defaultOutput;
    const jsLibs = (toolchain.jsLibraries ?? []).flatMap((l) => ['--js-library', join(GUEST_DIR, l)]);
    const release = debug ? [] : toolchain.releaseLinkFlags ?? [];
    full = [...toolchain.linkFlags, ...release, ...jsLibs, ...compile, ...args, ...(named ? [] : ['-o', output]), ...objects, ...toolchain.libs];
  }
  const status = runCompiler(toolchain, cmd, full).status ?? 1;
  if (status !== 0 || !output) return status;
  return prepareForFork(output, { args, debug, run: (c, a) => runTool(c, a, {}, BINARYEN_INSTALL) });
}

/** Runs `fn`, sets the exit status, and reports user errors in one line. */
export function reportErrors(name, fn) {
  try {
    process.exitCode = fn();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${name}: ${e.message}\n`);
    process.exitCode = 2;
  }
}
