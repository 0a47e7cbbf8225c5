// C++ exceptions for the wasi toolchain. Debian builds wasm32's libc++ and
// libc++abi without them (libc++abi is its cxa_noexception, and libc++.a
// carries copies of those objects) and ships no unwinder for wasm; its
// emscripten package ships libc++abi's sources and the wasm unwinder
// (libunwind's Unwind-wasm.c). They are built here once, with WebAssembly
// exceptions, into the guest library's cache, beside a copy of Debian's
// libc++.a without its libc++abi objects, and with its string.cpp (whose
// std::stoi and basic_string::at abort) replaced by the guest library's
// libcxx/string.cc, built with exceptions.
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const EMSCRIPTEN_LIB = '/usr/share/emscripten/system/lib';
const DEBIAN_LIBCXX = '/usr/lib/wasm32-wasi/libc++.a';
const LIBCXX_HEADERS = '/usr/include/wasm32-wasi/c++/v1';
const TARGET = ['--target=wasm32-wasi', '--sysroot=/usr'];

// libc++abi's sources that have exceptions (cxa_noexception left out).
const ABI_SOURCES = [
  'abort_message', 'cxa_aux_runtime', 'cxa_default_handlers', 'cxa_demangle', 'cxa_exception',
  'cxa_exception_storage', 'cxa_guard', 'cxa_handlers', 'cxa_personality', 'cxa_vector', 'cxa_virtual',
  'fallback_malloc', 'private_typeinfo', 'stdlib_exception', 'stdlib_new_delete', 'stdlib_stdexcept',
  'stdlib_typeinfo',
];
// The libc++abi objects Debian's libc++.a carries.
const BUNDLED_ABI = [...ABI_SOURCES.filter((n) => n !== 'cxa_exception' && n !== 'cxa_personality'), 'cxa_noexception']
  .map((n) => `${n}.cpp.o`);

const ABI_FLAGS = [
  ...TARGET, '-O2', '-std=c++20', '-fwasm-exceptions', '-D__USING_WASM_EXCEPTIONS__', '-DNDEBUG',
  '-D_LIBCXXABI_BUILDING_LIBRARY', '-D_LIBCPP_BUILDING_LIBRARY', '-D_LIBCXXABI_HAS_NO_THREADS', '-nostdinc++',
  `-I${EMSCRIPTEN_LIB}/libunwind/include`, `-I${EMSCRIPTEN_LIB}/libcxxabi/include`, '-isystem', LIBCXX_HEADERS,
  `-I${EMSCRIPTEN_LIB}/libcxx`, `-I${EMSCRIPTEN_LIB}/libcxxabi/src`,
];
// What replaces one of libc++'s own objects, against its installed headers.
const LIBCXX_FLAGS = [
  ...TARGET, '-O2', '-std=c++20', '-fwasm-exceptions', '-DNDEBUG', '-D_LIBCPP_BUILDING_LIBRARY', '-nostdinc++',
  '-isystem', LIBCXX_HEADERS,
];
// Unwind-wasm.c names its one target by Emscripten's macro.
const UNWIND_FLAGS = [
  ...TARGET, '-O2', '-fwasm-exceptions', '-D__USING_WASM_EXCEPTIONS__', '-D__EMSCRIPTEN__', '-DNDEBUG',
  '-D_LIBUNWIND_DISABLE_VISIBILITY_ANNOTATIONS', `-I${EMSCRIPTEN_LIB}/libunwind/include`,
];

/** Whether the sources this needs are installed. */
export function hasCxxRuntimeSources() {
  return existsSync(join(EMSCRIPTEN_LIB, 'libcxxabi', 'src')) && existsSync(DEBIAN_LIBCXX);
}

/**
 * libc++ and libc++abi with exceptions, in `dir`, built if needed.
 * @param {string} stringSource  what replaces libc++'s string.cpp
 * @param {(cmd: string, args: string[]) => {status: number | null}} run
 * @returns {string[]} the two archives, in link order
 */
export function wasiCxxRuntime(dir, toolchain, stringSource, run) {
  const libcxx = join(dir, 'libc++-noabi.a');
  const libcxxabi = join(dir, 'libc++abi-eh.a');
  if (existsSync(libcxx) && existsSync(libcxxabi)) return [libcxx, libcxxabi];
  mkdirSync(dir, { recursive: true });
  const must = (cmd, args) => {
    if (run(cmd, args).status !== 0) throw new Error(`cannot build libc++abi with exceptions (${cmd} failed)`);
  };
  const objects = ABI_SOURCES.map((n) => {
    const out = join(dir, `${n}.o`);
    must(toolchain.cxx, [...ABI_FLAGS, '-c', join(EMSCRIPTEN_LIB, 'libcxxabi', 'src', `${n}.cpp`), '-o', out]);
    return out;
  });
  const string = join(dir, 'wasmbox-string.o');
  must(toolchain.cxx, [...LIBCXX_FLAGS, '-c', stringSource, '-o', string]);
  const unwind = join(dir, 'Unwind-wasm.o');
  must(toolchain.cc, [...UNWIND_FLAGS, '-c', join(EMSCRIPTEN_LIB, 'libunwind', 'src', 'Unwind-wasm.c'), '-o', unwind]);
  // Each archive under a temporary name, so that a concurrent build never
  // links half of one.
  const tmp = (path) => `${path}.${process.pid}.tmp`;
  must(toolchain.ar, ['crs', tmp(libcxxabi), ...objects, unwind]);
  copyFileSync(DEBIAN_LIBCXX, tmp(libcxx));
  must(toolchain.ar, ['d', tmp(libcxx), ...BUNDLED_ABI, 'string.cpp.o']);
  must(toolchain.ar, ['rs', tmp(libcxx), string]);
  renameSync(tmp(libcxxabi), libcxxabi);
  renameSync(tmp(libcxx), libcxx);
  return [libcxx, libcxxabi];
}
