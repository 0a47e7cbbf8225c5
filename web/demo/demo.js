// The demo page: a terminal running the examples, as built by the
// project's toolchain (build/examples/<toolchain>/, served at /examples/).
import { createBox, fetchBytes } from 'wasmbox';
import { openTerminal } from 'wasmbox/terminal';

const PROGRAMS = [
  { name: 'hello', about: 'greets you, writes and lists files', args: ['you'] },
  { name: 'calc', about: 'a calculator: type 2^10/4, Enter' },
  { name: 'sort', about: 'sorts the lines you type; ^D ends' },
  { name: 'fortune', about: 'a saying from its packed files', image: true },
  { name: 'rover', about: 'full screen: arrow keys, q quits' },
];

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function progress(label) {
  const box = $('progress');
  return (loaded, total) => {
    box.hidden = false;
    box.querySelector('progress').value = total ? loaded / total : null;
    const kb = (n) => `${Math.round(n / 1024)} KB`;
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

async function main() {
  let box;
  try {
    // ?blocking=atomics forces the fallback for browsers without JSPI.
    const blocking = new URLSearchParams(location.search).get('blocking') ?? 'auto';
    box = await createBox({ terminal: true, blocking });
  } catch (e) {
    $('mode').textContent = 'cannot run here';
    showError(e.message);
    return;
  }
  $('mode').textContent = box.blocking === 'jspi' ? 'waits with JSPI' : 'waits with Atomics';
  const { terminal } = openTerminal($('terminal'), box, { fontSize: 15 });
  say(terminal, '\x1b[1mwasmbox\x1b[0m: pick a program on the left. It runs in this terminal, in a sandbox.\n');

  const buttons = [];
  let running = false;
  const setRunning = (on) => {
    running = on;
    for (const b of buttons) b.disabled = on;
    $('stop').disabled = !on;
  };
  const images = new Set();
  const modules = new Map();
  const download = async (url, label) => {
    if (!modules.has(url)) modules.set(url, await fetchBytes(url, progress(label)));
    $('progress').hidden = true;
    return modules.get(url);
  };

  async function run(program) {
    if (running) return;
    setRunning(true);
    $('error').hidden = true;
    const toolchain = $('toolchain').value;
    const base = `/examples/${toolchain}/${program.name}`;
    try {
      if (program.image && !images.has(base)) {
        await box.loadImage(await download(`${base}.tar`, `${program.name}.tar`), '/', { name: `${program.name}.tar` });
        images.add(base);
      }
      const module = await download(`${base}.wasm`, `${program.name}.wasm`);
      await say(terminal, `\n\x1b[2m$ ${[program.name, ...(program.args ?? [])].join(' ')}\x1b[0m\n`);
      terminal.focus();
      const result = await box.run(module, {
        args: [program.name, ...(program.args ?? [])],
        env: { TERM: 'xterm-256color', HOME: '/' },
      });
      // It may have had no chance to put the screen back: leave its
      // alternate screen, show the cursor, reset colours.
      await new Promise((resolve) => terminal.write('', resolve));
      if (terminal.buffer.active.type === 'alternate') terminal.write('\x1b[?1049l');
      terminal.write('\x1b[?25h\x1b[0m');
      const how = result.trap ? `trapped: ${result.trap.message}` : result.signal ? `ended by signal ${result.signal}` : `exited with status ${result.exitCode}`;
      await say(terminal, `\x1b[2m[${program.name} ${how}]\x1b[0m\n`);
    } catch (e) {
      showError(`${program.name}: ${e.message}`);
    } finally {
      $('progress').hidden = true;
      setRunning(false);
      terminal.focus();
    }
  }

  for (const program of PROGRAMS) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.program = program.name;
    button.innerHTML = `${program.name}<small></small>`;
    button.querySelector('small').textContent = program.about;
    button.addEventListener('click', () => run(program));
    buttons.push(button);
    li.append(button);
    $('programs').append(li);
  }
  $('stop').addEventListener('click', () => {
    box.kill(2);  // SIGINT, as ^C would in a cooked terminal
    terminal.focus();
  });
  window.wasmboxDemo = { box, terminal, run: (name) => run(PROGRAMS.find((p) => p.name === name)) };
}

main();
