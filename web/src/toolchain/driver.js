// The compiler driver behind wasmbox-cc and wasmbox-c++: compile and link C/C++ into a module for the
// box, with Emscripten (default) or clang + wasi-libc (--toolchain=wasi).
// Compiler flags pass through; linking adds the guest library and the
// toolchain's settings.
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { links } from './compiler-args.js';
import { prepareForFork } from './fork-build.js';
import { moduleFile } from './linked-module.js';
import { withPreemption } from './preempt-build.js';
import { GUEST_DIR, guestCxx, guestLibrary, includeFlags } from './guest-lib.js';
import { TOOLCHAINS } from './toolchains.js';
import { hasCxxRuntimeSources } from './wasi-cxx-runtime.js';

const USAGE = `Usage: wasmbox-cc [--toolchain=emscripten|wasi] [COMPILER FLAGS...] FILES...

Compiles and links C (wasmbox-c++: C++) into a WebAssembly module that runs
in a wasmbox box (wasmbox run app.wasm), with files, terminal and pipes.
Compiler flags pass through: -c, -o, -O2, -I, -D, -l, -L, -std=...

  --toolchain=emscripten  emcc -sSTANDALONE_WASM (default)
  --toolchain=wasi        clang + wasi-libc (+ libc++ for C++)

Environment: WASMBOX_TOOLCHAIN sets the default toolchain, WASMBOX_CACHE
where the compiled guest library is kept.`;

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

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {string} install  how to install `cmd`, for the error
 * @param {'inherit' | 'pipe'} [stdout]
 */
function runTool(cmd, args, env, install, stdout = 'inherit') {
  const r = spawnSync(cmd, args,
    { stdio: ['inherit', stdout, 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (/** @type {NodeJS.ErrnoException | undefined} */ (r.error)?.code === 'ENOENT') throw new UsageError(`${cmd} is not installed. Install it: ${install}`);
  return r;
}

function runCompiler(toolchain, cmd, args, stdout) {
  return runTool(cmd, args, toolchain.env, toolchain.install, stdout);
}

// std::thread::~thread(), which every use of std::thread calls: the linker
// reports who references it (libc++'s own this_thread functions only
// define it). A process in a box has one thread, so a program that makes
// threads fails to link, as the wasi toolchain's <thread> fails to compile,
// instead of failing when it starts one.
const THREAD_DESTRUCTOR = '_ZNSt3__26threadD1Ev';

// Links with `args`, the linker's report of references to std::thread
// taken out of its output: the link's status, and whether it uses threads.
function linkWatchingThreads(toolchain, cmd, args) {
  const r = runCompiler(toolchain, cmd, [...args, `-Wl,--trace-symbol=${THREAD_DESTRUCTOR}`], 'pipe');
  const lines = (r.stdout ?? '').split('\n');
  const traced = (l) => l.endsWith(` of ${THREAD_DESTRUCTOR}`) || l.endsWith(` to ${THREAD_DESTRUCTOR}`);
  process.stdout.write(lines.filter((l) => !traced(l)).join('\n'));
  return { status: r.status ?? 1, threads: lines.some((l) => l.endsWith(`: reference to ${THREAD_DESTRUCTOR}`)) };
}

// As cc: a.out, a WebAssembly module (as -o NAME is, for configure).
const DEFAULT_OUTPUT = 'a.out';

// The name the compiler links `output` under.
function linkedName(toolchain, output) {
  return toolchain.linksToWasmName && !/\.(wasm|m?js|html)$/.test(output) ? `${output}.wasm` : output;
}

function isSpecialFile(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  return Boolean(st) && !st.isFile() && !st.isDirectory();
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
  const debug = args.some((a) => a.startsWith('-g') && a !== '-g0');
  if (!links(args)) {
    return runCompiler(toolchain, cmd, [...compile, ...args]).status ?? 1;
  }
  const build = (c, a) => runCompiler(toolchain, c, a);
  const guest = guestLibrary(name, toolchain, build);
  // C++ with exceptions (both toolchains' default, unless turned off).
  const exceptions = cxx && !args.includes('-fno-exceptions');
  if (exceptions && toolchain.buildsCxxRuntime && !hasCxxRuntimeSources()) {
    throw new UsageError('C++ exceptions with this toolchain are built from the libc++abi sources of Debian\'s ' +
      'emscripten package: apt-get install emscripten, or build with -fno-exceptions');
  }
  const cxxRuntime = exceptions ? guestCxx(guest, toolchain, build) : { objects: [], libs: [] };
  const cxxLink = exceptions ? toolchain.cxxExceptionLinkFlags : [];
  const at = args.indexOf('-o');
  const output = at >= 0 ? args[at + 1] : DEFAULT_OUTPUT;
  const linked = linkedName(toolchain, output);
  const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  const jsLibs = (toolchain.jsLibraries ?? []).flatMap((l) => ['--js-library', join(GUEST_DIR, l)]);
  const release = debug ? [] : toolchain.releaseLinkFlags ?? [];
  const { status, threads } = linkWatchingThreads(toolchain, cmd, [...toolchain.linkFlags, ...cxxLink, ...release,
    ...jsLibs, ...compile, ...rest, '-o', linked, ...guest.objects, ...cxxRuntime.objects, guest.archive,
    ...cxxRuntime.libs, ...toolchain.libs]);
  if (status !== 0) return status;
  if (threads) {
    // As a link error: status 1, no module.
    rmSync(linked, { force: true });
    process.stderr.write(`wasmbox-${cxx ? 'c++' : 'cc'}: error: the program uses std::thread, which a box cannot ` +
      'run: a process in a box has one thread\n');
    return 1;
  }
  if (linked !== output) {
    // Linked for nothing (-o /dev/null, as configure scripts do): a device
    // or other special file is never replaced.
    if (isSpecialFile(output)) return rmSync(linked), 0;
    renameSync(linked, output);
  }
  const forked = prepareForFork(output, { args, debug, run: (c, a) => runTool(c, a, {}, BINARYEN_INSTALL) });
  if (forked) return forked;
  const linkedModule = moduleFile(output);
  const preempted = linkedModule && !debug && withPreemption(new Uint8Array(readFileSync(linkedModule)));
  if (preempted) writeFileSync(linkedModule, preempted);
  return 0;
}

/**
 * wasmbox-ar and wasmbox-ranlib: the toolchain's archiver (`tool`: ar or
 * ranlib), whose index lists the objects' WebAssembly symbols (a host's
 * GNU ar writes none, and the linker refuses such an archive).
 */
export function archiver(argv, tool) {
  const { toolchain, args, help } = parse(argv);
  if (help) return console.log(`Usage: wasmbox-${tool} [--toolchain=emscripten|wasi] ARGS... (as ${tool}'s)`), 0;
  return runCompiler(toolchain, toolchain[tool], args).status ?? 1;
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
