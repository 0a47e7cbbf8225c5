// A full-screen ncurses program: Debian's ncurses (the wide-character
// library, as Debian's libncursesw) built by wasmbox-cc with the wasi
// toolchain, and one of its own test programs, knight (a knight's tour:
// arrow keys, colours, redraw), as Debian's ncurses-examples ships it. The
// library and its headers are also what other recipes build with (lib/,
// include/: readline for Lua). The
// terminal's description comes from ncurses' own terminfo source, compiled
// by the build machine's tic into the app's image: xterm-256color (what
// xterm.js is, and the box's TERM) and a few common others.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const TERMINALS = ['xterm-256color', 'xterm', 'vt100', 'linux', 'dumb'];
// The headers a program of the library includes (include/headers lists
// them for ncurses' own install).
const HEADERS = ['curses.h', 'unctrl.h', 'ncurses_dll.h', 'term.h', 'termcap.h'];

export default {
  name: 'ncurses',
  version: '6.4-4',
  dscSha256: 'a35710b02a3de6ab8f9da7fa2e3726a609cc26c936ad85b2094ef91aa996fc94',

  app: {
    name: 'knight',
    about: "ncurses' knight's tour: arrow keys, Space places, q quits",
    toolchain: 'wasi',
    command: 'knight',
  },

  build(src, { run, cross }) {
    // As Debian's build of libncursesw, less what a box has not (shared
    // libraries, gpm) and what it does not need (C++, Ada, the tools).
    run('./configure', [...cross('wasi'), 'CFLAGS=-O2', '--with-build-cc=gcc',
      '--without-shared', '--without-debug', '--without-profile', '--without-cxx', '--without-cxx-binding',
      '--without-ada', '--without-progs', '--with-tests', '--without-manpages', '--without-gpm',
      '--enable-widec', '--enable-const', '--enable-echo', '--disable-stripping', '--disable-termcap',
      '--disable-db-install', '--disable-root-environ', '--with-xterm-kbs=del',
      '--with-default-terminfo-dir=/usr/share/terminfo', '--with-terminfo-dirs=/usr/share/terminfo'], { cwd: src });
    run('make', ['-j2', 'libs'], { cwd: src });
    run('make', ['-C', 'test', 'knight'], { cwd: src });
    // The image: the terminfo entries, as tic lays them out.
    const image = join(src, 'image');
    const terminfo = join(image, 'usr', 'share', 'terminfo');
    mkdirSync(terminfo, { recursive: true });
    // terminfo.tmp is the source with the build's edits (--with-xterm-kbs:
    // Backspace sends DEL, as on Debian).
    run('make', ['-C', 'misc', 'terminfo.tmp'], { cwd: src });
    run('tic', ['-x', '-o', terminfo, '-e', TERMINALS.join(','), join(src, 'misc', 'terminfo.tmp')]);
    run('tar', ['-C', image, '--owner=0', '--group=0', '--sort=name', '-cf', join(src, 'knight.tar'), 'usr']);
    return {
      'knight.wasm': join(src, 'test', 'knight'), 'knight.tar': join(src, 'knight.tar'),
      // The same image, for the apps that use the library.
      'terminfo.tar': join(src, 'knight.tar'),
      'lib/libncursesw.a': join(src, 'lib', 'libncursesw.a'),
      ...Object.fromEntries(HEADERS.map((h) => [`include/${h}`, join(src, 'include', h)])),
    };
  },
};
