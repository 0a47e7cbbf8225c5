// What a compiler's command line asks for, as both drivers (wasmbox-cc
// over a host toolchain, wasmbox cc over the compiler in the box) read it.

// Flags after which the compiler only compiles (or preprocesses).
export const NO_LINK = new Set(['-c', '-S', '-E', '-M', '-MM', '-fsyntax-only']);

// Flags whose value is the next argument, not an input file.
export const TAKES_VALUE = new Set(['-o', '-I', '-D', '-U', '-include', '-isystem', '-iquote', '-idirafter', '-x',
  '-L', '-MF', '-MT', '-MQ', '-Xlinker', '-Xclang', '-s', '--js-library', '-target']);

/**
 * The inputs `args` name (sources, objects, archives, or "-"): without
 * one the compiler only answers a question (--version, -v,
 * -print-search-dirs), as configure scripts ask, and nothing links.
 * @param {string[]} args
 */
export function inputs(args) {
  return args.filter((a, i) => (a === '-' || !a.startsWith('-')) && !TAKES_VALUE.has(args[i - 1]));
}

/** Whether the command line `args` links a program. */
export const links = (args) => inputs(args).length > 0 && !args.some((a) => NO_LINK.has(a));

// What the linker reads, not the compiler.
const LINKER_INPUT = /\.(o|obj|a|lo|so)$/;

/** Whether `path` names an input of the linker (an object or an archive). */
export const isLinkerInput = (path) => LINKER_INPUT.test(path);

/** Whether the command line `args` compiles a source (not only links objects). */
export const compilesSource = (args) => inputs(args).some((a) => !isLinkerInput(a));
