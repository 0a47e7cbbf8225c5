// The compiler in the box: clang and lld 22 of @yowasp/clang (one WASI
// module, a multi-call binary named by argv[0]) with its sysroot mounted
// read-only at /usr, and the guest library (shim/guest) built for that
// target at set-up (scripts/guest-sysroot.mjs) mounted in /.wasmbox, the
// folder of what the compiler keeps to itself. Programs it builds get what
// wasmbox-cc --toolchain=wasi gives them (toolchain/toolchains.js).

/** The folder of the compiler's own files in the box. */
export const COMPILER_DIR = '/.wasmbox';
/** Where the box keeps what the compiler makes on the way (objects of a link). */
export const TMPDIR = `${COMPILER_DIR}/tmp`;
/** Where the guest library is in the box, and its parts. */
export const GUEST_PREFIX = `${COMPILER_DIR}/guest`;
/** The objects that replace libc's functions, linked as one object (wasm-ld -r). */
export const GUEST_OBJECT = `${GUEST_PREFIX}/wasmbox.o`;
/** What libc lacks, as an archive after the program's objects. */
export const GUEST_ARCHIVE = `${GUEST_PREFIX}/libwasmbox-additions.a`;
/** The guest library's headers, before wasi-libc's (they include_next it). */
export const GUEST_INCLUDE = `${GUEST_PREFIX}/include`;

// wasi-libc's emulations the guest library builds on.
const EMULATIONS = ['signal', 'process-clocks', 'mman'];

/** Flags of every compile, before the user's. */
export const COMPILE_FLAGS = Object.freeze([
  '-D__wasmbox__', '-D_WASI_EMULATED_GETPID',
  ...EMULATIONS.map((e) => `-D_WASI_EMULATED_${e.toUpperCase().replace('-', '_')}`),
  '-isystem', GUEST_INCLUDE,
]);

/**
 * Flags of a compile of sources (clang warns of them when it only links):
 * setjmp/longjmp over WebAssembly's exception handling, with wasi-libc's
 * runtime for it (libsetjmp, LINK_INPUTS).
 */
export const CODEGEN_FLAGS = Object.freeze(['-mllvm', '-wasm-enable-sjlj']);

/**
 * Functions wasi-libc defines as stubs (ENOSYS) beside ones a program
 * needs (chmod is in the object that has open): the guest library's
 * definitions are named __wrap_NAME, and the linker sends calls there.
 */
export const WRAPPED = Object.freeze(['chmod', 'fchmod', 'fchmodat']);

/**
 * Flags of C++ compiles: the sysroot's libc++abi is built without
 * exceptions, so they are off (a throw is a compile error that says so).
 */
export const CXX_FLAGS = Object.freeze(['-fno-exceptions']);

/**
 * Flags of every link, before the user's: the function table exported for
 * signal handlers, Emscripten's 5 MiB stack first in memory (an overflow
 * traps instead of writing over data), as wasmbox-cc links.
 */
export const LINK_FLAGS = Object.freeze(['-Wl,--export-table', '-Wl,--stack-first', '-Wl,-z,stack-size=5242880',
  ...WRAPPED.map((f) => `-Wl,--wrap=${f}`)]);

/** Without -g: the sysroot's DWARF dropped, as wasmbox-cc does. */
export const RELEASE_LINK_FLAGS = Object.freeze(['-Wl,--strip-debug']);

/** Inputs after the user's: the guest library, then the emulations. */
export const LINK_INPUTS = Object.freeze([GUEST_OBJECT, GUEST_ARCHIVE, '-lsetjmp',
  ...EMULATIONS.map((e) => `-lwasi-emulated-${e}`)]);

// An empty tar archive: its end mark.
const EMPTY_TAR = new Uint8Array(1024);

/**
 * Gives `box` the compiler's files, mounted read-only in place: its sysroot
 * (the package's llvm-resources.tar) at /usr and the guest library built
 * for it at GUEST_PREFIX; and the folder for what it makes on the way.
 * @param {{mountTar(tar: Uint8Array, at: string): void | Promise<void>,
 *   loadImage(tar: Uint8Array, at: string): void | Promise<void>}} box  a Box, or a page's WorkerBox
 * @param {{sysroot: Uint8Array, guest: Uint8Array}} files
 */
export async function installCompiler(box, { sysroot, guest }) {
  await box.mountTar(sysroot, '/usr');
  await box.mountTar(guest, GUEST_PREFIX);
  await box.loadImage(EMPTY_TAR, TMPDIR);
}
