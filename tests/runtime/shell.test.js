// `wasmbox shell`: the base image's shells in a box: /bin/sh (Debian's
// dash built by wasmbox-cc) for -c, the user's login shell (busybox's ash)
// interactively. Command lines run by `wasmbox shell -c` are
// compared byte for byte with the same line run by the host's dash, the
// same program built natively; C programs' system() and popen() run it; and
// the interactive shell is driven in a real terminal (tmux).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { CLI, ROOT, program, tempDir, wasmbox } from './helpers.js';
import { Terminal } from './tmux.js';

const OUTPUT = join(ROOT, 'build', 'test-output');

// The host's dash, in a fresh directory standing for the box's /tmp.
function hostShell(line, env = {}) {
  const dir = tempDir();
  const r = spawnSync('dash', ['-c', line.replaceAll('/tmp/', `${dir}/`)],
    { encoding: 'utf8', env: { ...process.env, ...env } });
  const back = (text) => text.replaceAll(`${dir}/`, '/tmp/');
  return { status: r.status, stdout: back(r.stdout), stderr: back(r.stderr) };
}

// Lines of the shell language alone (builtins, subshells, pipes,
// redirections), each exercising forks and pipes.
const LINES = {
  'a pipeline of four subshells': 'echo "b a c b" | (read l; for w in $l; do echo $w; done) | (while read w; do echo "<$w>"; done) | (n=0; while read w; do n=$((n+1)); echo "$n $w"; done)',
  'command substitution, nested': 'x=$(echo outer $(echo inner)); echo "[$x]"; echo $(( $(echo 6) * 7 ))',
  'redirections to files and back': 'echo one > /tmp/f; echo two >> /tmp/f; while read l; do echo "got $l"; done < /tmp/f; echo err 1>&2 2>/dev/null',
  'a here-document': 'v=value; cat_in() { while read l; do echo "$l"; done; }; cat_in <<EOF\nline 1 $v\nline 2 $((1+1))\nEOF',
  '&&, || and exit statuses': 'true && echo and; false || echo or; (exit 3); echo "status $?"; ! false; echo "not $?"',
  'a script that exits with a status': 'echo before; exit 7',
  'globbing': ': > /tmp/b.txt; : > /tmp/a.txt; : > /tmp/c.log; echo /tmp/*.txt; for f in /tmp/*; do echo "${f##*/}"; done; echo /tmp/*.none',
  'background jobs and wait': '(exit 2) & a=$!; (exit 3) & b=$!; wait $a; echo "a: $?"; wait $b; echo "b: $?"; wait; echo done',
  'functions, case and loops': 'f() { case $1 in a*) echo "A:$1";; *) echo "other:$1";; esac; }; for x in apple berry avocado; do f $x; done; i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i',
  'a subshell keeps its changes to itself': 'x=1; (x=2; cd /; echo "in $x"); echo "out $x"',
  'set -e stops at the first failure': 'set -e; echo a; false; echo never',
  'traps on exit': "trap 'echo bye' EXIT; echo hi",
  'a missing command is status 127': 'nosuchcommand; echo "status $?"',
};

// Lines that use the base image's tools (busybox) where they print what
// GNU's do, run by the host's dash with the host's GNU tools.
const WORDS = 'pear\napple\nfig\napple\nbox\npear\napple\nkiwi\n';
const TOOL_LINES = {
  'the issue\'s pipeline of six': 'printf "$WORDS" > /tmp/words.txt; cat /tmp/words.txt | grep -v x | sort | uniq -c | sort -rn | head -3',
  'files: mkdir, cp, mv, ls, rm': 'cd /tmp/ && mkdir -p d/e && echo hi > d/a && cp d/a d/e/b && mv d/a d/c && ls d d/e && rm -r d && ls && echo gone',
  'sed, awk, tr, cut': 'printf "$WORDS" | sed "s/p/P/g" | awk \'{ n += length($0); print NR": "$0 } END { print n }\' | tr a-z A-Z | cut -c1-6',
  'find and xargs': 'mkdir -p /tmp/f/g; : > /tmp/f/1.c; : > /tmp/f/g/2.c; : > /tmp/f/3.h; find /tmp/f -name "*.c" | sort | xargs -n1 basename',
  'head, tail, seq, expr, test': 'seq 1 20 | tail -5 | head -2; expr 6 \\* 7; test -d /tmp && echo dir',
  'yes | head ends the writer by SIGPIPE': 'yes x | head -3; echo "status ${?}"',
  'a here-document through sort': 'sort <<EOF\nb\nc\na\nEOF',
  'checksums': 'printf "$WORDS" | md5sum; printf "$WORDS" | sha256sum',
};

describe('wasmbox shell -c with the base image\'s tools prints what GNU prints', () => {
  test.each(Object.entries(TOOL_LINES))('%s', (_, line) => {
    const env = { WORDS };
    const r = wasmbox(['shell', '--env', `WORDS=${WORDS}`, '-c', line]);
    const host = hostShell(line, env);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: host.status, stdout: host.stdout, stderr: host.stderr });
  });
});

describe('wasmbox shell -c prints what the host\'s dash prints', () => {
  test.each(Object.entries(LINES))('%s', (_, line) => {
    const r = wasmbox(['shell', '-c', line]);
    const host = hostShell(line);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: host.status, stdout: host.stdout });
    // dash names itself by $0: "sh" in the box, "dash" on the host.
    expect(r.stderr).toBe(host.stderr.replaceAll('dash: ', 'sh: '));
  });
});

// A process that sleeps lets one that has not started run first, so the
// sleeps overlap. (A behaviour, not a speed: two seconds would mean they ran
// one after the other.)
test('sleep 1 & sleep 1 & wait takes about one second, not two', () => {
  const start = performance.now();
  const r = wasmbox(['shell', '-c', 'sleep 1 & sleep 1 & wait; echo done']);
  const seconds = (performance.now() - start) / 1000;
  expect(r.stdout).toBe('done\n');
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThan(1.9);
});

test('arguments after -c COMMAND are $0, $1, ...', () => {
  const r = wasmbox(['shell', '-c', 'echo "$0 $1 $#"', 'name', 'one', 'two']);
  expect(r.stdout).toBe('name one 2\n');
});

test('with no terminal the shell reads its commands from stdin', () => {
  const r = wasmbox(['shell'], { input: 'echo from stdin\nexit 4\n' });
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 4, stdout: 'from stdin\n' });
});

test('a host directory given with --dir is there, and --dir . starts the shell in it', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'hello.txt'), 'hi from the host\n');
  const r = wasmbox(['shell', '--dir', '.', '-c', 'pwd; read l < hello.txt; echo "$l"; echo made > made.txt'], { cwd: dir });
  expect(r.stdout).toBe(`${dir}\nhi from the host\n`);
  expect(wasmbox(['shell', '--dir', `${dir}::/data`, '-c', 'read l < /data/made.txt; echo $l']).stdout).toBe('made\n');
});

test('the login environment: user, home, PATH, the profile', () => {
  const r = wasmbox(['shell', '-c', 'echo "$USER $HOME $PATH"; pwd; read h < /etc/hostname; echo $h']);
  expect(r.stdout).toBe('user /home/user /usr/local/bin:/usr/bin:/bin\n/home/user\nwasmbox\n');
});

test('uname and hostname describe the box', () => {
  const r = wasmbox(['shell', '-c', 'uname -snm; hostname']);
  expect(r.stdout).toBe('Linux wasmbox wasm32\nwasmbox\n');
});

test('--help describes it', () => {
  const r = wasmbox(['shell', '--help']);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(r.stdout).toMatch(/^Usage: wasmbox shell/);
});

describe('a C program\'s system() and popen() run /bin/sh', () => {
  const source = join(OUTPUT, 'system_shell.c');
  const wasm = join(OUTPUT, 'system_shell.wasm');
  beforeAll(() => {
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(source, [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      '#include <sys/wait.h>',
      'int main(void) {',
      '  int s = system("for i in 1 2 3; do echo $i; done | (n=0; while read l; do n=$((n+1)); done; echo lines $n)");',
      '  printf("system: %d\\n", WEXITSTATUS(s));',
      '  printf("exit: %d\\n", WEXITSTATUS(system("exit 5")));',
      '  FILE* p = popen("echo a; echo b", "r");',
      '  if (!p) return 1;',
      '  char line[64];',
      '  while (fgets(line, sizeof line, p)) printf("popen: %s", line);',
      '  printf("pclose: %d\\n", pclose(p));',
      '  return 0;',
      '}',
    ].join('\n'));
    const r = spawnSync(process.execPath, [join(ROOT, 'web', 'src', 'toolchain', 'cc.js'), '-O2', source, '-o', wasm],
      { encoding: 'utf8' });
    expect(r.stderr).toBe('');
  });

  test('with the base image', () => {
    const r = wasmbox(['run', '--image', join(ROOT, 'web', 'dist', 'base.tar'), wasm]);
    expect(r.stdout).toBe('lines 3\nsystem: 0\nexit: 5\npopen: a\npopen: b\npclose: 0\n');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe('the interactive shell in a terminal', () => {
  let term;
  beforeEach(() => { term = new Terminal({ cols: 100, rows: 30 }); });
  afterEach(() => term.close());

  test('shows a prompt, runs pipelines, keeps its state, recalls history and exits with exit', async () => {
    term.run(`node ${CLI} shell; echo "shell ended $?"`);
    await term.waitFor(/user@wasmbox:\/home\/user\$$/m);
    term.run('x=41; echo "x is $((x+1))" | (read l; echo "[$l]")');
    await term.waitFor(/^\[x is 42\]$/m);
    term.run('echo second');
    await term.waitFor(/^second$/m);
    // The login shell (busybox's ash) edits lines and keeps a history.
    term.keys('Up', 'Up', 'Enter');
    await term.waitFor(/^\[x is 42\][^]*^\[x is 42\]$/m);
    term.run('cd /tmp && pwd');
    await term.waitFor(/user@wasmbox:\/tmp\$$/m);
    term.run('exit 3');
    await term.waitFor(/^shell ended 3$/m);
  });

  test('less pages a pipeline\'s output: a screenful, the next with space, q back to the shell', async () => {
    term.run(`node ${CLI} shell; echo "shell ended $?"`);
    await term.waitFor(/user@wasmbox:\/home\/user\$$/m);
    term.run('seq 1 100 | less');
    await term.waitFor(/^1\n2\n3\n[^]*^29\nstandard input$/m);
    term.keys('Space');
    await term.waitFor(/^58\n:$/m);
    term.keys('q');
    await term.waitFor(/^58\nuser@wasmbox:\/home\/user\$$/m);
    term.run('exit');
    await term.waitFor(/^shell ended 0$/m);
  });

  test('^C ends a program that computes without calling the system; the shell, its files and the terminal live on', async () => {
    term.run(`node ${CLI} shell --dir ${dirname(program('spin'))}::/progs; echo "shell ended $?"`);
    await term.waitFor(/user@wasmbox:\/home\/user\$$/m);
    term.run('echo kept > notes; sleep 9 & /progs/spin.wasm');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    term.keys('C-c');
    await term.waitFor(/spin\.wasm\n[^]*\^C\nuser@wasmbox:\/home\/user\$$/m);
    term.run('echo "status $?"; cat notes; jobs');
    await term.waitFor(/^status 130\nkept\n\[1\]\+ +Running +sleep 9$/m);
    // The shell's own busy loop: ash catches SIGINT, and its handler runs
    // at the loop's preemption points (wasm/preempt.js).
    term.run('while :; do :; done');
    await new Promise((resolve) => setTimeout(resolve, 500));
    term.keys('C-c');
    await term.waitFor(/while :; do :; done\n\^C\nuser@wasmbox:\/home\/user\$$/m);
    // A program the shell starts gets the terminal as it was before the
    // shell's line editing: lines edited and echoed.
    term.run('/progs/echo_lines.wasm');
    await term.waitFor(/echo_lines\.wasm\n$/m);
    term.keys('-l', 'ab');
    term.keys('BSpace');
    term.keys('-l', 'c');
    term.keys('Enter');
    await term.waitFor(/^ac\ngot: ac$/m);
    term.keys('C-d');
    term.run('exit');
    await term.waitFor(/^shell ended 0$/m);
  });
});
