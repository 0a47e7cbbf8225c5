// The two ways wasmbox-cc builds a module: Emscripten (emcc
// -sSTANDALONE_WASM, Linux-style syscalls) or clang with wasi-libc (plain
// WASI). Each names its compilers, its flags, and what to install.

const WASI_EMULATIONS = ['signal', 'process-clocks', 'mman'];

export const TOOLCHAINS = Object.freeze({
  emscripten: {
    cc: 'emcc',
    cxx: 'em++',
    ar: 'emar',
    ranlib: 'emranlib',
    // Debian's emcc finds its JS dependencies there.
    env: { NODE_PATH: '/usr/share/nodejs' },
    includeDirs: [],
    // Programs can tell they are built for the box.
    compileFlags: ['-D__wasmbox__'],
    // Settings first, so the user's own -s flags override them.
    linkFlags: ['-sSTANDALONE_WASM', '-sALLOW_MEMORY_GROWTH'],
    // C++ exceptions as natively (-fno-exceptions turns them off), over
    // WebAssembly's exception handling; the C++ tag exported, for the
    // runtime to hand an exception nothing caught to the guest library.
    cxxFlags: ['-fwasm-exceptions'],
    cxxExceptionLinkFlags: ['-Wl,--export-if-defined=__cpp_exception'],
    // Relative to shim/guest.
    jsLibraries: ['emscripten/library.js'],
    libs: [],
    // emcc writes JavaScript for an output not named *.wasm: the module is
    // linked as NAME.wasm, then renamed.
    linksToWasmName: true,
    install: 'apt-get install emscripten (Debian), or use --toolchain=wasi',
  },
  wasi: {
    cc: 'clang-14',
    cxx: 'clang++-14',
    ar: 'llvm-ar-14',
    ranlib: 'llvm-ranlib-14',
    env: {},
    includeDirs: ['include/wasi'],
    compileFlags: [
      '--target=wasm32-wasi', '--sysroot=/usr', '-D__wasmbox__',
      '-D_WASI_EMULATED_GETPID', ...WASI_EMULATIONS.map((e) => `-D_WASI_EMULATED_${e.toUpperCase().replace('-', '_')}`),
      // setjmp/longjmp over exception handling (the guest library's
      // setjmp.c); unused, and so not warned about, when only linking.
      '-mllvm', '-wasm-enable-sjlj', '-Wno-unused-command-line-argument',
    ],
    // C++ exceptions as natively (-fno-exceptions turns them off), over
    // WebAssembly's exception handling, with libc++abi built for them
    // (wasi-cxx-runtime.js); libc++'s templates instantiated in the
    // program, where they throw (Debian's libc++.a aborts instead).
    cxxFlags: ['-fwasm-exceptions', '-D_LIBCPP_DISABLE_EXTERN_TEMPLATE'],
    cxxExceptionLinkFlags: ['-Wl,--export-if-defined=__cpp_exception', '-nostdlib++'],
    buildsCxxRuntime: true,
    // The function table is exported for signal handlers (see box.js).
    // The stack is Emscripten's 5 MiB (wasm-ld's 64 KiB overflows under
    // ordinary recursion), first in memory, so that an overflow traps
    // instead of writing over the program's data (-Wl,-z,stack-size=N
    // after these sets another size).
    linkFlags: ['--target=wasm32-wasi', '--sysroot=/usr', '-Wl,--export-table', '-Wl,--stack-first',
      '-Wl,-z,stack-size=5242880'],
    // Debian's wasi-libc and libc++ carry DWARF, 90% of a hello world;
    // without -g it is dropped, as emcc does.
    releaseLinkFlags: ['-Wl,--strip-debug'],
    libs: WASI_EMULATIONS.map((e) => `-lwasi-emulated-${e}`),
    install: 'apt-get install clang-14 lld-14 llvm-14 wasi-libc libclang-rt-14-dev-wasm32 ' +
      'libc++-14-dev-wasm32 libc++abi-14-dev-wasm32 (Debian; C++ exceptions also take emscripten\'s ' +
      'libc++abi sources: apt-get install emscripten)',
  },
});
