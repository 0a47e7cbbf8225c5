// A full-screen ncurses program (examples/ncurses: Debian's ncurses built
// with the wasi toolchain, and its test program knight): in a real
// terminal (tmux), the box's knight and Debian's (ncurses-examples) are
// given the same keys and must draw the same screen, colours and line
// drawing included; resizing the terminal and redrawing too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CLI, ROOT, tempDir } from '../runtime/helpers.js';
import { Terminal } from '../runtime/tmux.js';

const APP = join(ROOT, 'build', 'apps', 'knight');
const NATIVE = 'TERM=xterm-256color exec /usr/libexec/ncurses-examples/knight';
const BOX = `exec node ${CLI} run --env TERM=xterm-256color --image ${APP}/knight.tar ${APP}/knight.wasm`;

// A terminal whose shell starts `command` as ./knight, so that both screens
// show the same command line.
function terminalRunning(command) {
  const dir = tempDir();
  writeFileSync(join(dir, 'knight'), `#!/bin/sh\n${command}\n`, { mode: 0o755 });
  const term = new Terminal({ cols: 80, rows: 24 });
  term.run(`cd ${dir} && clear && ./knight; echo "exit $?"`);
  return term;
}
const TITLE = /KNIGHT'S MOVE -- a logical solitaire/;

// The screen as tmux holds it, each character with its colours and
// attributes (from capture-pane -e's escape sequences), a blank with its
// background and attributes alone: how ncurses paints a blank's foreground
// depends on how it chose to reach it, which nobody sees. (Control
// characters, tmux's shifts in and out of line drawing, are left out.)
function drawn(term) {
  const style = { fg: '', bg: '', attr: '' };
  const sgr = (params) => {
    const p = params === '' ? [0] : params.split(';').map(Number);
    for (let i = 0; i < p.length; i++) {
      const n = p[i];
      if (n === 0) Object.assign(style, { fg: '', bg: '', attr: '' });
      else if (n === 38 || n === 48) {
        const colour = p.slice(i, i + (p[i + 1] === 5 ? 3 : 5)).join(';');
        style[n === 38 ? 'fg' : 'bg'] = colour;
        i += p[i + 1] === 5 ? 2 : 4;
      } else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97) || n === 39) style.fg = n === 39 ? '' : String(n);
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107) || n === 49) style.bg = n === 49 ? '' : String(n);
      else style.attr = n >= 20 && n < 30 ? '' : `${style.attr}${n},`;
    }
  };
  const blankCell = /\[ [^\]]*\]$/;
  return term._tmux('capture-pane', '-p', '-e', '-t', 'main').split('\n').map((line) => {
    let cells = '';
    for (const [, params, ch] of line.matchAll(/\x1b\[([\d;]*)m|(.)/gu)) {
      if (params !== undefined) sgr(params);
      else if (ch >= ' ') cells += ch === ' ' ? `[ ${style.bg}|${style.attr}]` : `[${ch}${style.fg}|${style.bg}|${style.attr}]`;
    }
    // Trailing blanks, however painted, are the end of the line.
    while (blankCell.test(cells)) cells = cells.replace(blankCell, '');
    return cells;
  }).join('\n');
}

describe('knight draws what the native knight draws', () => {
  const terms = [];
  afterEach(() => terms.splice(0).forEach((t) => t.close()));

  async function both() {
    const native = terminalRunning(NATIVE);
    const box = terminalRunning(BOX);
    terms.push(native, box);
    await native.waitFor(TITLE);
    await box.waitFor(TITLE);
    return { native, box };
  }

  // Presses the same keys in both, one at a time as a person would, each
  // once both screens have settled on the same picture; returns it.
  async function press({ native, box }, ...keys) {
    let screen;
    for (const key of keys) {
      native.keys(key);
      box.keys(key);
      screen = await settled(native, box);
    }
    return screen;
  }

  async function settled(native, box) {
    const end = Date.now() + 10000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 150));
      const [a, b] = [drawn(native), drawn(box)];
      if (a === b) return a;
      if (Date.now() > end) {
        expect(b).toBe(a);
        return b;
      }
    }
  }

  test('the first screen, moves with the arrow keys, placing the knight, undo and redraw', async () => {
    const t = await both();
    // The title comes first; the rest of the first screen settles after.
    await settled(t.native, t.box);
    await press(t, 'Space');
    await press(t, 'Right', 'Down', 'Down', 'Space');
    const moved = await press(t, 'Left', 'Down', 'Down', 'Space');
    expect(t.box.screen()).toMatch(/Move 3/);
    // Colours: the knight and the possible moves are drawn in colour.
    expect(moved).toMatch(/\[\+31\|/);
    expect(moved).toMatch(/\[-32\|/);
    await press(t, 'BSpace');
    await press(t, 'r');
    // q asks whether to play again.
    await press(t, 'q');
    expect(t.box.screen()).toMatch(/Try again\?/);
    await press(t, 'n');
    await t.native.waitFor(/^exit 0$/m);
    await t.box.waitFor(/^exit 0$/m);
  }, 60000);

  test('a resized terminal, then a redraw', async () => {
    const t = await both();
    await press(t, 'Space', 'Right', 'Down', 'Down', 'Space');
    t.native.resize(100, 30);
    t.box.resize(100, 30);
    await press(t, 'C-l');
    expect(t.box.screen()).toMatch(TITLE);
    await press(t, 'q', 'n');
    await t.box.waitFor(/^exit 0$/m);
  }, 60000);
});
