// jq: Debian's jq built by wasmbox-cc with the wasi toolchain, unmodified,
// through its own autotools build, with oniguruma for its regular
// expressions as Debian's (examples/oniguruma). The stack is 16 MiB: jq
// passes its 16-byte values by copy, which wasm32 makes on the stack, and
// its tests nest values 10000 deep.
import { join } from 'node:path';

const STACK_BYTES = 16 * 1024 * 1024;

export default {
  name: 'jq',
  version: '1.6-2.1+deb12u2',
  dscSha256: 'ac53e4e0af865fd228e47c26a6d9a34da459fd4fbc2ab90815147dfeedf6ded0',

  uses: { oniguruma: '../oniguruma/recipe.mjs' },

  app: {
    name: 'jq',
    about: 'jq: slice, filter and map JSON',
    toolchain: 'wasi',
    command: `echo '{"box": "wasmbox", "apps": ["lua", "sqlite3", "jq"]}' | jq '.apps | map(ascii_upcase)'`,
  },

  build(src, { run, uses, cross }) {
    run('autoreconf', ['-fi'], { cwd: src });
    run('./configure', [...cross('wasi'), 'CFLAGS=-O2', `LDFLAGS=-Wl,-z,stack-size=${STACK_BYTES}`,
      `--with-oniguruma=${uses.oniguruma}`, '--disable-docs', '--disable-maintainer-mode', '--disable-shared'], { cwd: src });
    run('make', ['-j2'], { cwd: src });
    return { 'jq.wasm': join(src, 'jq') };
  },
};
