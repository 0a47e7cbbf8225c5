// GNU readline, a library for the apps (Lua's REPL edits lines and keeps
// their history with it, as Debian's lua5.4 does): Debian's readline built
// by wasmbox-cc with the wasi toolchain, unmodified, through its own
// configure; the static libraries and the headers, as include/readline/.
// The terminal library it calls (tgetent and kin) is ncurses', which the
// program links.
import { join } from 'node:path';

const HEADERS = ['readline.h', 'history.h', 'keymaps.h', 'tilde.h', 'rlstdc.h', 'rltypedefs.h', 'chardefs.h', 'rlconf.h'];

export default {
  name: 'readline',
  version: '8.2-1.3',
  dscSha256: '05497ea99bef3f14b8d502cbe3f84fe7bbc0bce1c4f139ca32f0fd60dcac977e',

  build(src, { run, cross }) {
    run('./configure', [...cross('wasi'), 'CFLAGS=-O2',
      '--disable-shared', '--disable-install-examples'], { cwd: src });
    run('make', ['-j2', 'static'], { cwd: src });
    return {
      'lib/libreadline.a': join(src, 'libreadline.a'),
      'lib/libhistory.a': join(src, 'libhistory.a'),
      ...Object.fromEntries(HEADERS.map((h) => [`include/readline/${h}`, join(src, h)])),
    };
  },
};
