// Lua 5.4 (examples/lua: Debian's lua5.4 built with the wasi toolchain):
// scripts covering the language and its libraries print in the box what
// Debian's lua5.4 prints, and the REPL works in a real terminal.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CLI, ROOT } from '../runtime/helpers.js';
import { Terminal } from '../runtime/tmux.js';
import { appModule, sideBySide } from './apps.js';

const SCRIPTS = join(ROOT, 'tests', 'apps', 'lua');
// Where a table, a file or a thread lives in memory differs.
const withoutAddresses = (text) => text.replace(/0x[0-9a-f]+/g, '0x…');

describe('Lua scripts print what the native lua5.4 prints', () => {
  for (const script of readdirSync(SCRIPTS).filter((f) => f.endsWith('.lua')).sort()) {
    test(script, () => {
      const { box, host } = sideBySide(`lua5.4 ${script}`,
        { commands: { 'lua5.4': 'lua' }, files: { [script]: readFileSync(join(SCRIPTS, script), 'utf8') } });
      expect(withoutAddresses(box.stderr)).toBe(withoutAddresses(host.stderr));
      expect(withoutAddresses(box.stdout)).toBe(withoutAddresses(host.stdout));
      expect(box.status).toBe(host.status);
    }, 60000);
  }
});

test('a script from stdin and lua -e, as natively', () => {
  const { box, host } = sideBySide("echo 'print(#arg, arg[0], ...)' | lua5.4 - a b; lua5.4 -e 'x = 2' -e 'print(x ^ 10)'; lua5.4 -v",
    { commands: { 'lua5.4': 'lua' } });
  expect(box.stdout).toBe(host.stdout);
  expect(box.status).toBe(0);
}, 60000);

describe('the REPL in a terminal', () => {
  let term;
  afterEach(() => term?.close());

  test('evaluates, recovers from errors, edits lines and recalls them (readline), continues statements, ends at ^D', async () => {
    // tmux's screen drops the prompts' trailing spaces.
    term = new Terminal({ cols: 80, rows: 24 });
    const app = appModule('lua');
    term.run(`node ${CLI} run --env TERM=xterm-256color --image ${app.replace(/\.wasm$/, '.tar')} ${app}; echo "exit $?"`);
    await term.waitFor(/Lua 5\.4\.4 {2}Copyright \(C\) 1994-2022 Lua\.org, PUC-Rio\n>$/m);
    term.run('x = 6 * 7');
    term.run('x');
    await term.waitFor(/^42$/m);
    term.run('error("oops")');
    await term.waitFor(/^stdin:1: oops$/m);
    // A typo mended with backspace, then a line recalled with the arrow
    // keys and edited in its middle.
    term.keys('-l', 'prinx');
    term.keys('BSpace');
    term.run('t(x + 1)');
    await term.waitFor(/^43$/m);
    term.keys('Up');
    await term.waitFor(/^> print\(x \+ 1\)$/m);
    term.keys('Left', 'BSpace');
    term.run('2');
    await term.waitFor(/^44$/m);
    term.run('for i = 1, 3 do');
    await term.waitFor(/^>>$/m);
    term.run("io.write(i, ' ') end print()");
    await term.waitFor(/^1 2 3$/m);
    term.keys('C-d');
    await term.waitFor(/^exit 0$/m);
  }, 60000);
});
