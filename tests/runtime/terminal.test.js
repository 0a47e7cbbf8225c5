// `wasmbox run` on a real terminal (tmux): the kernel's line discipline
// edits lines and echoes, ^C interrupts, raw-mode programs get their keys,
// the window size follows the terminal, and the terminal is restored.
import { jest } from '@jest/globals';

import { CLI, ROOT, example, program } from './helpers.js';
import { Terminal } from './tmux.js';

jest.setTimeout(60000);

const wasmbox = (args) => `${process.execPath} ${CLI} run ${args}`;

let term;
beforeEach(() => {
  term = new Terminal({ cols: 80, rows: 24 });
  term.run('SAVED=$(stty -g)');
});
afterEach(() => term.close());

// The shell's view once the program is over: its status, and whether the
// terminal's settings are those from before.
async function statusAfter() {
  await term.waitFor(/\n\$\s*$/);  // the shell's prompt last: keys typed before it reach the program
  term.run('echo "status=$? restored=$([ "$(stty -g)" = "$SAVED" ] && echo yes || echo no)"');
  const screen = await term.waitFor(/status=\d+ restored=\w+/);
  return /status=(\d+) restored=(\w+)/.exec(screen).slice(1);
}

describe('canonical mode', () => {
  test('lines are edited and echoed before the program reads them', async () => {
    term.run(wasmbox(program('echo_lines')));
    await term.waitFor(/echo_lines.wasm\n$/m);
    term.keys('-l', 'hellp');
    term.keys('BSpace');
    term.keys('-l', 'o wrld');
    term.keys('C-w');
    term.keys('-l', 'world');
    term.keys('Enter');
    await term.waitFor(/^got: hello world$/m);
    term.keys('-l', 'gone');
    term.keys('C-u');
    term.keys('-l', 'kept');
    term.keys('Enter');
    await term.waitFor(/^got: kept$/m);
    term.keys('C-d');
    await term.waitFor(/^eof$/m);
    expect(await statusAfter()).toEqual(['0', 'yes']);
  });

  test('^C ends a program waiting for a line: status 130, terminal restored', async () => {
    term.run(wasmbox(program('echo_lines')));
    await term.waitFor(/echo_lines.wasm\n$/m);
    term.keys('-l', 'abc');
    term.keys('C-c');
    await term.waitFor(/abc\^C/);
    expect(await statusAfter()).toEqual(['130', 'yes']);
  });

  test('^C ends a program that computes without calling the system', async () => {
    term.run(wasmbox(program('spin')));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    term.keys('C-c');
    await term.waitFor(/^\^C$/m);  // echoed, as the terminal itself would
    expect(await statusAfter()).toEqual(['130', 'yes']);
  });
});

describe.each(['emscripten', 'wasi'])('signals of a program built with %s', (toolchain) => {
  test('its handlers run for ^C and for a window change, and it goes on', async () => {
    const signals = `${ROOT}/build/guest-cc/${toolchain}/signals.wasm`;
    term.run(wasmbox(`--root ${signals} /tmp wait`));
    await term.waitFor(/^ready$/m);
    term.keys('-l', 'partial');
    term.keys('C-c');
    await term.waitFor(/partial\^C\[SIGINT\]$/m);
    term.resize(90, 20);
    await term.waitFor(/^\[SIGWINCH\]$/m);
    term.keys('-l', 'next');
    term.keys('Enter');
    await term.waitFor(/^line: next$/m);  // what was typed before ^C is gone
    term.keys('C-d');
    await term.waitFor(/^bye$/m);
    expect(await statusAfter()).toEqual(['0', 'yes']);
  });
});

describe.each(['emscripten', 'wasi'])('a full-screen program built with %s', (toolchain) => {
  test('draws, moves with the arrow keys, redraws on resize, and quits', async () => {
    term.run(wasmbox(example('rover', toolchain)));
    let screen = await term.waitFor(/80x24 {2}at 39,10 {2}moves 0/);
    expect(screen).toMatch(/^\+-+ rover -+\+$/m);
    expect(screen).toMatch(/^\| +@ +\|$/m);

    term.keys('Right', 'Right', 'Up');
    await term.waitFor(/at 41,9 {2}moves 3 {2}key up/);

    term.resize(100, 30);
    screen = await term.waitFor(/100x30 {2}at 41,9/);
    expect(screen.split('\n')[0]).toHaveLength(100);

    // Raw mode: ^C is a key like any other, which this program takes as quit.
    term.keys('C-c');
    await term.waitFor(/^rover made 3 moves$/m);
    expect(await statusAfter()).toEqual(['0', 'yes']);
  });
});
