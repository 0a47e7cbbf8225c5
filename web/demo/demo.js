// The demo page: the box's shell (the base image's dash, with busybox's
// tools) in a terminal, with the examples, as built by the project's
// toolchain (build/examples/<toolchain>/, served at /examples/), on its
// PATH in /opt/examples/bin, after the system's directories, so that
// busybox's tools win over an example of the same name. A program's button
// types its command line. The ported apps (build/apps/, served at /apps/)
// are downloaded into /opt/apps/bin when first started, by their button or
// by the page's URL (?app=NAME), which their button sets. The home folder
// is a store kept in the browser (OPFS): there again after a reload. A
// browser without JSPI on a host that does not make the page cross-origin
// isolated waits through wasmbox's Service Worker.
import {
  blockingSupport, createBox, fetchBytes, loginArgs, loginEnvironment, loginOf, registerServiceWorker,
} from 'wasmbox';
import { openTerminal } from 'wasmbox/terminal';

import { wireFiles } from './files.js';

const PROGRAMS = [
  { name: 'hello', about: 'greets you, writes and lists files', args: ['you'] },
  { name: 'calc', about: 'a calculator: type 2^10/4, Enter' },
  // busybox's sort comes first on PATH: this one is typed with its path.
  { name: 'sort', about: 'sorts the lines you type; ^D ends', withPath: true },
  { name: 'fortune', about: 'a saying from its packed files', image: true },
  { name: 'rover', about: 'full screen: arrow keys, q quits' },
];

const EXAMPLES = '/opt/examples/bin';
const APPS = '/opt/apps/bin';

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

const kb = (n) => `${Math.round(n / 1024)} KB`;

function progress(label) {
  const box = $('progress');
  return (loaded, total) => {
    box.hidden = false;
    box.querySelector('progress').value = total ? loaded / total : null;
    box.querySelector('span').textContent = `Downloading ${label}: ${kb(loaded)}${total ? ` of ${kb(total)}` : ''}`;
  };
}

// A note of the page's own, from the start of a line (once xterm.js has
// taken in the output before it).
async function say(term, text) {
  await new Promise((resolve) => term.write('', resolve));
  const start = term.buffer.active.cursorX === 0 ? '' : '\n';
  term.write(encoder.encode((start + text).replaceAll('\n', '\r\n')));
}

// A button in `list` named `name` with a line about it.
function listButton(list, name, about, onClick) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.innerHTML = `${name}<small></small>`;
  button.querySelector('small').textContent = about;
  button.addEventListener('click', onClick);
  li.append(button);
  list.append(li);
  return button;
}

// The home folder as the store "home", kept in this browser; in memory
// only where the browser keeps no files or another tab has it.
async function keepHome(box, home) {
  try {
    await box.mountStore(home, 'home');
    $('home-note').textContent = 'Your home folder, ~, is kept in this browser: there again after a reload.';
  } catch (e) {
    $('home-note').textContent = `Your home folder, ~, is not kept: ${e.message}.`;
    $('home-note').classList.add('warn');
  }
}

async function main() {
  let box;
  try {
    // ?blocking=jspi or =atomics runs processes nested on one thread, as
    // pages that are not cross-origin isolated do.
    const blocking = new URLSearchParams(location.search).get('blocking') ?? 'auto';
    const needsServiceWorker = blocking === 'serviceworker' || (blocking === 'auto' && blockingSupport() === null);
    if (needsServiceWorker && 'serviceWorker' in navigator) await registerServiceWorker('/wasmbox-service-worker.js');
    box = await createBox({ terminal: true, blocking });
  } catch (e) {
    $('mode').textContent = 'cannot run here';
    showError(e.message);
    return;
  }
  const MODES = {
    workers: 'processes in workers', jspi: 'taking turns with JSPI', atomics: 'nested, waits with Atomics',
    serviceworker: 'nested, waits through a Service Worker',
  };
  $('mode').textContent = MODES[box.blocking];
  const { terminal } = openTerminal($('terminal'), box, { fontSize: 15 });
  const download = async (url, label) => {
    try {
      return await fetchBytes(url, progress(label));
    } finally {
      $('progress').hidden = true;
    }
  };

  // The examples of a toolchain, as programs in EXAMPLES (and fortune's
  // files).
  async function install(toolchain) {
    for (const program of PROGRAMS) {
      const base = `/examples/${toolchain}/${program.name}`;
      try {
        await box.writeFile(`${EXAMPLES}/${program.name}`, await download(`${base}.wasm`, `${program.name}.wasm`),
          { mode: 0o755, parents: true });
        if (program.image) await box.loadImage(await download(`${base}.img`, `${program.name}.img`), '/', { name: `${program.name}.img` });
      } catch (e) {
        showError(`${program.name}: ${e.message}`);
      }
    }
  }

  // The user's login shell (as `wasmbox shell` starts it), started again
  // whenever it ends (exit, or ^C ending a busy program by restarting the
  // box).
  async function shell(login) {
    const sh = await box.readFile(login.shell);
    const env = loginEnvironment(login, 'xterm-256color');
    for (;;) {
      terminal.focus();
      const result = await box.run(sh, { args: loginArgs(login), env, cwd: login.home });
      // It may have left a full-screen program's screen behind.
      await new Promise((resolve) => terminal.write('', resolve));
      if (terminal.buffer.active.type === 'alternate') terminal.write('\x1b[?1049l');
      terminal.write('\x1b[?25h\x1b[0m');
      const how = result.signal ? `was ended by signal ${result.signal}` : `exited with status ${result.exitCode}`;
      await say(terminal, `\x1b[2m[the shell ${how}: a new one starts]\x1b[0m\n`);
    }
  }

  // The ported apps, each installed once, on its first start.
  const installing = new Map();
  function installApp(app) {
    if (!installing.has(app.name)) {
      installing.set(app.name, (async () => {
        const bytes = await download(`/apps/${app.name}/${app.module}`, app.module);
        await box.writeFile(`${APPS}/${app.name}`, bytes, { mode: 0o755, parents: true });
        if (app.image) await box.loadImage(await download(`/apps/${app.name}/${app.image}`, app.image), '/', { name: app.image });
      })().catch((e) => {
        installing.delete(app.name);
        throw e;
      }));
    }
    return installing.get(app.name);
  }
  async function startApp(app) {
    const url = new URL(location.href);
    url.searchParams.set('app', app.name);
    history.replaceState(null, '', url);
    try {
      await installApp(app);
    } catch (e) {
      showError(`${app.name}: ${e.message}`);
      return;
    }
    box.input(`${app.command}\r`);
    terminal.focus();
  }

  let login;
  let apps = [];
  try {
    await box.loadImage(await download('/runtime/dist/base.tar', 'the base image'), '/', { name: 'base.tar' });
    login = loginOf(new TextDecoder().decode(await box.readFile('/etc/passwd')));
    await keepHome(box, login.home);
    // The login shell reads it after /etc/profile, which sets PATH.
    await box.writeFile(`${login.home}/.profile`, `PATH="$PATH:${EXAMPLES}:${APPS}"\n`);
    await install($('toolchain').value);
    const listed = await fetch('/apps/index.json');
    if (listed.ok) apps = await listed.json();
  } catch (e) {
    showError(e.message);
    return;
  }
  await say(terminal, '\x1b[1mwasmbox\x1b[0m: a Linux-like shell in this page, in a sandbox: busybox\'s ash and tools, dash as /bin/sh, ' +
    `the programs on the left in ${EXAMPLES}, and the ported apps. Try ls -l ${EXAMPLES}, or a pipeline.\n`);

  for (const program of PROGRAMS) {
    listButton($('programs'), program.name, program.about, () => {
      const command = program.withPath ? `${EXAMPLES}/${program.name}` : program.name;
      box.input(`${[command, ...(program.args ?? [])].join(' ')}\r`);  // and Enter
      terminal.focus();
    }).dataset.program = program.name;
  }
  for (const app of apps) {
    const about = `${app.about} (${kb(app.moduleSize + (app.imageSize ?? 0))}, ${app.source})`;
    listButton($('apps'), app.name, about, () => startApp(app)).dataset.app = app.name;
  }
  $('toolchain').addEventListener('change', async () => {
    await install($('toolchain').value);
    terminal.focus();
  });
  $('stop').addEventListener('click', () => {
    box.input('\x03');  // ^C, to the foreground program
    terminal.focus();
  });
  $('upload').addEventListener('click', () => $('picker').click());
  wireFiles({
    box, home: login.home, dropZone: $('terminal'), picker: $('picker'), downloadForm: $('download'),
    tell: (text) => say(terminal, `\x1b[2m[${text}]\x1b[0m\n`),
  });
  window.wasmboxDemo = { box, terminal };
  shell(login).catch((e) => showError(`the shell: ${e.message}`));
  const asked = new URLSearchParams(location.search).get('app');
  if (asked) {
    const app = apps.find((a) => a.name === asked);
    if (app) startApp(app);
    else showError(`no app named ${asked}: the apps are ${apps.map((a) => a.name).join(', ')}`);
  }
}

main();
