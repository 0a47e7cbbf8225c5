// `wasmbox cc` and the playground's Run: a C/C++ compile and link by the
// compiler in the box (target.js). Its clang cannot spawn, so the driver
// runs once with -### to say its jobs (clang -cc1, wasm-ld), then each job
// runs as a process of the box, in order, as clang would run them.
import { importsFunction } from '../core/wasm/binary.js';
import { compilesSource, isLinkerInput, links } from '../toolchain/compiler-args.js';
import { withPreemption } from '../toolchain/preempt-build.js';
import { parseJobs } from './clang-jobs.js';
import {
  CODEGEN_FLAGS, COMPILE_FLAGS, CXX_FLAGS, LINK_FLAGS, LINK_INPUTS, RELEASE_LINK_FLAGS, TMPDIR,
} from './target.js';

/**
 * What the compiler needs of the box it runs in.
 * @typedef {object} CompilerBox
 * @property {(argv: string[], options: {cwd: string, capture?: boolean}) =>
 *   Promise<{exitCode: number, output?: string}>} run
 *   runs the compiler's module with `argv` (argv[0] names the tool: clang,
 *   clang++, wasm-ld) in the box's directory `cwd`, with TMPDIR set to
 *   target.js's; with `capture`, what it writes to stdout and stderr is
 *   returned as `output` instead of shown
 * @property {(path: string) => Uint8Array | Promise<Uint8Array>} readFile
 * @property {(path: string, bytes: Uint8Array) => void | Promise<void>} writeFile
 * @property {(text: string) => void} warn  writes to the user's stderr
 */

const FORK = Object.freeze({ module: 'wasmbox', name: 'proc_fork' });

/**
 * Compiles and links as `clang` (or, `cxx`, `clang++`) would with `args`,
 * for the box: the guest library linked in, the box's settings.
 * @param {string[]} args  the user's arguments (without argv[0])
 * @param {object} how
 * @param {CompilerBox} how.box
 * @param {string} how.cwd  the box directory relative paths are in
 * @param {boolean} [how.cxx]
 * @param {string} [how.name]  how messages name the command (wasmbox cc)
 * @returns {Promise<number>} the exit status, as clang's
 */
export async function compile(args, { box, cwd, cxx = false, name = cxx ? 'wasmbox c++' : 'wasmbox cc' }) {
  const tool = cxx ? 'clang++' : 'clang';
  // Asked for the jobs themselves: clang answers.
  if (args.includes('-###')) return (await box.run([tool, ...args], { cwd })).exitCode;
  if (cxx && args.includes('-fexceptions')) {
    box.warn(`${name}: error: C++ exceptions are not available in the box's compiler (its libc++abi is built ` +
      'without them): build without -fexceptions\n');
    return 1;
  }
  const full = withBoxFlags(args, cxx);
  const plan = await box.run([tool, '-###', '-working-directory', cwd, ...full], { cwd, capture: true });
  const { jobs, messages } = parseJobs(plan.output ?? '', { verbose: args.includes('-v') });
  if (messages) box.warn(`${messages}\n`);
  if (plan.exitCode !== 0) return plan.exitCode;
  // Nothing to run (--version, -print-search-dirs): clang answers itself.
  if (jobs.length === 0) return (await box.run([tool, '-working-directory', cwd, ...full], { cwd })).exitCode;
  for (const job of placed(jobs, cwd)) {
    const { exitCode } = await box.run(job, { cwd });
    if (exitCode !== 0) return exitCode;
    if (job[0] === 'wasm-ld') await finishLink(box, outputOf(job), { debug: isDebug(args), name });
  }
  return 0;
}

const isDebug = (args) => args.some((a) => a.startsWith('-g') && a !== '-g0');

// The user's arguments among the box's: flags first (the user's own
// override them), the guest library after the user's inputs.
function withBoxFlags(args, cxx) {
  const linking = links(args);
  return [
    ...COMPILE_FLAGS, ...(compilesSource(args) ? CODEGEN_FLAGS : []), ...(cxx ? CXX_FLAGS : []),
    ...(linking ? [...LINK_FLAGS, ...(isDebug(args) ? [] : RELEASE_LINK_FLAGS)] : []),
    ...args,
    ...(linking ? LINK_INPUTS : []),
  ];
}

const outputOf = (job) => job[job.indexOf('-o') + 1];

// The jobs as they run in the box: the driver's temporary files (named at
// random) given fixed names, so a box that compiles again and again keeps
// a few of them; and the linker, which has no -working-directory, given
// absolute paths: its output, its inputs (objects and archives by name)
// and library folders.
function placed(jobs, cwd) {
  const temporaries = new Map();
  const fixed = (arg) => {
    if (!arg.startsWith(`${TMPDIR}/`)) return arg;
    if (!temporaries.has(arg)) temporaries.set(arg, `${TMPDIR}/${temporaries.size}${arg.match(/\.\w+$/)?.[0] ?? ''}`);
    return temporaries.get(arg);
  };
  const absolute = (path) => (path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`);
  return jobs.map((job) => {
    const named = job.map(fixed);
    if (named[0] !== 'wasm-ld') return named;
    return named.map((arg, i) => {
      if (arg.startsWith('-L')) return `-L${absolute(arg.slice(2))}`;
      const input = i > 0 && !arg.startsWith('-') && isLinkerInput(arg);
      return input || named[i - 1] === '-o' ? absolute(arg) : arg;
    });
  });
}

// What a link by the box's compiler is given after it, as wasmbox-cc does:
// preemption points for a program that catches signals. A program that
// forks is told it cannot: that takes binaryen's asyncify, which the box
// does not have.
async function finishLink(box, output, { debug, name }) {
  const bytes = await box.readFile(output);
  if (importsFunction(bytes, FORK)) {
    box.warn(`${name}: warning: ${output} calls fork(), which fails with ENOSYS in a program built in the box ` +
      '(build it with wasmbox-cc to fork)\n');
  }
  const preempted = !debug && withPreemption(bytes);
  if (preempted) await box.writeFile(output, preempted);
}
