// Oniguruma, the regular expression library jq's test(), match(), sub()
// and kin use, as Debian's jq links it: Debian's libonig built by
// wasmbox-cc with the wasi toolchain, unmodified, through its own
// configure (with Debian's option); the static library and its header.
import { join } from 'node:path';

export default {
  name: 'libonig',
  version: '6.9.8-1',
  dscSha256: '5f834eab1fb4cce8ba8869c64b52358615daa726235eb106e1cd0c4051fafe4c',

  build(src, { run, cross }) {
    run('autoreconf', ['-fi'], { cwd: src });
    run('./configure', [...cross('wasi'), 'CFLAGS=-O2',
      '--disable-shared', '--enable-binary-compatible-posix-api=yes'], { cwd: src });
    run('make', ['-j2', '-C', 'src', 'libonig.la'], { cwd: src });
    return { 'lib/libonig.a': join(src, 'src', '.libs', 'libonig.a'), 'include/oniguruma.h': join(src, 'src', 'oniguruma.h') };
  },
};
