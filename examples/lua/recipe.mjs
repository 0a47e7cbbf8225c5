// Lua 5.4: Debian's lua5.4 built by wasmbox-cc with the wasi toolchain,
// unmodified. Lua raises its errors with longjmp, which the guest library
// gives wasi-libc. Built as Debian's `linux-readline` target but for dlopen
// (a box has none): the interpreter compiled from the file lists of
// upstream's src/Makefile, its REPL with readline (line editing, history)
// and ncurses for the terminal, whose terminfo comes with it as lua.tar.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The objects a make variable of src/Makefile lists, as sources.
function sources(makefile, variable) {
  const m = new RegExp(`^${variable}=(.*)$`, 'm').exec(makefile);
  if (!m) throw new Error(`lua's src/Makefile has no ${variable}`);
  return m[1].trim().split(/\s+/).map((o) => o.replace(/\.o$/, '.c'));
}

export default {
  name: 'lua5.4',
  version: '5.4.4-3+deb12u1',
  dscSha256: 'd47c50154294a68c8a209c5d61bc09e5b22891c01b7c47501ac3f9725eb4a813',

  uses: { readline: '../readline/recipe.mjs', ncurses: '../ncurses/recipe.mjs' },

  app: {
    name: 'lua',
    about: 'Lua 5.4: the interpreter and its REPL',
    toolchain: 'wasi',
    // What the demo types to start it.
    command: 'lua',
  },

  build(src, { cc, run, uses }) {
    const dir = join(src, 'src');
    // Debian's luaconf.h names the multiarch triplet its rules write.
    writeFileSync(join(dir, 'lua5.4-deb-multiarch.h'), '#define DEB_HOST_MULTIARCH "wasm32-wasi"\n');
    const makefile = readFileSync(join(dir, 'Makefile'), 'utf8');
    const files = [...sources(makefile, 'CORE_O'), ...sources(makefile, 'LIB_O'), ...sources(makefile, 'LUA_O')];
    const readline = ['libreadline.a', 'libhistory.a'].map((lib) => join(uses.readline, 'lib', lib));
    run(cc, ['--toolchain=wasi', '-std=gnu99', '-O2', '-Wall', '-Wextra', '-DLUA_COMPAT_5_3', '-DLUA_USE_POSIX',
      '-DLUA_USE_READLINE', `-I${join(uses.readline, 'include')}`, ...files, ...readline,
      join(uses.ncurses, 'lib', 'libncursesw.a'), '-lm', '-o', 'lua.wasm'], { cwd: dir });
    return { 'lua.wasm': join(dir, 'lua.wasm'), 'lua.tar': join(uses.ncurses, 'terminfo.tar') };
  },
};
