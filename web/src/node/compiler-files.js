// The compiler in the box, in Node: clang's module from the @yowasp/clang
// package, compiled once per process, and the files target.js installs.
import { readFile } from 'node:fs/promises';

const yowasp = (file) => new URL(file, import.meta.resolve('@yowasp/clang'));

let compiled = null;

/** clang and lld (one module), compiled once per process. */
export function compilerModule() {
  compiled ??= readFile(yowasp('llvm.core.wasm')).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/**
 * The sysroot, and the guest library built for it (scripts/guest-sysroot.mjs)
 * unless `guest` is given instead.
 * @param {Uint8Array} [guest]
 */
export async function compilerFiles(guest) {
  const [sysroot, library] = await Promise.all([
    readFile(yowasp('llvm-resources.tar')),
    guest ?? readFile(new URL('../../dist/guest-wasip1.tar', import.meta.url)),
  ]);
  return { sysroot: new Uint8Array(sysroot), guest: new Uint8Array(library) };
}
