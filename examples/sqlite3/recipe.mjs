// The SQLite shell: Debian's sqlite3 built by wasmbox-cc with the
// Emscripten toolchain, unmodified. Its own build makes the amalgamation
// (sqlite3.c) with tclsh; the shell is that and shell.c compiled with
// Debian's options, but threads (a box process has one) and loadable
// extensions (no dlopen). Locking is SQLite's default: fcntl record
// locks, which the kernel keeps between the processes of a box.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The -D options of debian/rules' CFLAGS.
function debianDefines(src) {
  const rules = readFileSync(join(src, 'debian', 'rules'), 'utf8');
  const block = /^export CFLAGS \+=((?:.*\\\n)*.*)$/m.exec(rules);
  if (!block) throw new Error("sqlite3's debian/rules sets no CFLAGS");
  return block[1].split(/[\s\\]+/).filter((f) => f.startsWith('-D'));
}

const NOT_IN_A_BOX = ['-DSQLITE_THREADSAFE=1', '-DSQLITE_ENABLE_LOAD_EXTENSION'];

export default {
  name: 'sqlite3',
  version: '3.40.1-2+deb12u2',
  dscSha256: 'ee3459ae9d00939741c7708fc1b8ce1bde12d8c3fb1dfa005bbbc8651d884e23',

  app: {
    name: 'sqlite3',
    about: 'the SQLite shell: a database in a file',
    toolchain: 'emscripten',
    command: 'sqlite3 demo.db',
  },

  build(src, { cc, run }) {
    // Debian's patches touch configure.ac, as its own build does.
    run('autoreconf', ['-fi'], { cwd: src });
    run('./configure', ['--host=wasm32-unknown-emscripten', '--build=x86_64-linux-gnu', `CC=${cc}`, 'BCC=gcc',
      '--disable-threadsafe', '--disable-load-extension', '--disable-tcl', '--disable-readline',
      '--enable-fts4', '--enable-fts5', '--enable-json'], { cwd: src });
    // 3.40's Makefile links the parser generator with the target's
    // compiler; it runs here, so it is built as the other build tools are.
    run('gcc', ['-O2', '-o', 'lemon', 'tool/lemon.c'], { cwd: src });
    copyFileSync(join(src, 'tool', 'lempar.c'), join(src, 'lempar.c'));
    run('make', ['sqlite3.c', 'shell.c'], { cwd: src });
    const defines = debianDefines(src).filter((d) => !NOT_IN_A_BOX.includes(d));
    run(cc, ['-O2', '-fno-strict-aliasing', '-I.', '-D_HAVE_SQLITE_CONFIG_H', ...defines,
      '-DSQLITE_THREADSAFE=0', '-DSQLITE_OMIT_LOAD_EXTENSION', '-DSQLITE_ENABLE_FTS4', '-DSQLITE_ENABLE_FTS5',
      '-DSQLITE_ENABLE_MATH_FUNCTIONS', 'sqlite3.c', 'shell.c', '-o', 'sqlite3.wasm'], { cwd: src });
    return { 'sqlite3.wasm': join(src, 'sqlite3.wasm') };
  },
};
