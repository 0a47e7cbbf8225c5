// /bin/sh: Debian's dash, built from its source package by wasmbox-cc
// (Emscripten toolchain: dash needs setjmp, signals and fork), unmodified.
import { join } from 'node:path';

export default {
  name: 'dash',
  version: '0.5.12-2',
  dscSha256: '25c0fb805c735fdb7470ce485ce76dae1a7b6c04efdfb0fdac5eab921cbd78a5',

  /**
   * Builds in the unpacked source tree `src` with the C compiler `cc`;
   * returns the files of the image it made: image path → built file.
   */
  build(src, { cc, run }) {
    // Debian's patches touch configure.ac, as its own build does.
    run('autoreconf', ['-fi'], { cwd: src });
    run('./configure', ['--host=wasm32-unknown-emscripten', '--build=x86_64-linux-gnu', `CC=${cc}`,
      'CC_FOR_BUILD=gcc', 'CFLAGS=-O2'], { cwd: src });
    run('make', ['-j2'], { cwd: src });
    return { 'bin/dash': join(src, 'src', 'dash') };
  },

  // As Debian's dash package: sh is dash.
  links: { 'bin/sh': 'dash' },
};
