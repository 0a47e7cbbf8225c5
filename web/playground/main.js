// The playground page: files in an editor beside a terminal; Run (or
// Ctrl-Enter) writes them into a box, compiles and links them with the
// compiler in the box (clang, downloaded once and compiled by the browser
// as it downloads) and runs the program in the terminal, where it reads
// what is typed. The files are kept in the page's storage, and Share puts
// them in the address (share.js).
import { loadCompiler } from '../src/browser/compiler.js';
import { openTerminal } from '../src/browser/terminal.js';
import { createBox } from '../src/browser/worker-box.js';
import { Signal } from '../src/core/signals.js';
import { parseDiagnostics } from './diagnostics.js';
import { createEditor } from './editor.js';
import { EXAMPLES } from './examples.js';
import { Project } from './project.js';
import { shareFragment, sharedFiles } from './share.js';

// Where the files are in the box: the program's working directory.
const WORK = '/work';
const MODES = { workers: 'processes in workers (cross-origin isolated)', jspi: 'processes taking turns (JSPI)' };

const $ = (id) => document.getElementById(id);
const ui = {
  run: $('run'), stop: $('stop'), optimization: $('optimization'), examples: $('examples'), share: $('share'),
  language: $('language'), state: $('state'), progress: $('progress'), tabs: $('tabs'), mode: $('mode'),
};

function setState(text, failed = false) {
  ui.state.textContent = text;
  ui.state.classList.toggle('failed', failed);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
// Text for the terminal, whose lines end in CR LF.
const forTerminal = (text) => text.replace(/\r?\n/g, '\r\n');

// The files a share link gives, else those kept from last time, else
// hello. The link's files become the work kept: the address loses them, so
// that a reload shows the work as edited since.
async function initialProject() {
  try {
    const shared = await sharedFiles(location.hash);
    history.replaceState(null, '', location.pathname + location.search);
    if (shared) return new Project(shared);
  } catch {
    setState('the link\'s files are damaged: showing your own', true);
  }
  return Project.restore(localStorage) ?? new Project(EXAMPLES[0].files);
}

class Playground {
  constructor(project, box, terminal) {
    this.project = project;
    this.box = box;
    this.terminal = terminal;
    this.compiler = null;
    this.running = false;
    // The diagnostics of the last compile, by file.
    this.diagnostics = new Map();
    this.editor = createEditor($('editor'), {
      onChange: (text) => {
        this.project.file(this.project.active).text = text;
        this.saveSoon();
      },
    });
    ui.optimization.value = project.optimization;
    this.showFiles();
  }

  saveSoon() {
    clearTimeout(this.saving);
    this.saving = setTimeout(() => this.project.save(localStorage), 300);
  }

  // The tabs, the file shown, its marks, and the language.
  showFiles() {
    const { project } = this;
    ui.tabs.replaceChildren(...project.files.map((f) => this.tab(f.name)), this.addButton());
    if (project.active) this.editor.show(project.active, project.file(project.active).text);
    this.editor.mark(this.diagnostics.get(project.active) ?? []);
    ui.language.textContent = project.language === 'c++' ? 'C++20' : 'C17';
    this.saveSoon();
  }

  tab(name) {
    const tab = document.createElement('div');
    tab.className = 'tab';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(name === this.project.active));
    const label = Object.assign(document.createElement('button'), { className: 'name', textContent: name,
      title: 'Double-click to rename' });
    label.onclick = () => {
      this.project.active = name;
      this.showFiles();
    };
    label.ondblclick = () => this.rename(name);
    const close = Object.assign(document.createElement('button'), { className: 'close', textContent: '×' });
    close.setAttribute('aria-label', `Delete ${name}`);
    close.onclick = () => this.remove(name);
    tab.append(label, close);
    return tab;
  }

  addButton() {
    const add = Object.assign(document.createElement('button'), { className: 'add', textContent: '+' });
    add.setAttribute('aria-label', 'New file');
    add.onclick = () => this.add();
    return add;
  }

  // Asks for a file name until it is one the project takes (or none).
  askName(question, suggestion) {
    for (let name = prompt(question, suggestion); name !== null; name = prompt(question, name)) {
      const why = this.project.refuses(name.trim());
      if (!why) return name.trim();
      alert(why);
    }
    return null;
  }

  add() {
    const name = this.askName('New file\'s name:', 'util.h');
    if (!name) return;
    this.project.add(name, name.endsWith('.h') ? '#pragma once\n' : '');
    this.showFiles();
  }

  rename(from) {
    const to = this.askName(`Rename ${from} to:`, from);
    if (!to) return;
    this.editor.forget(from);
    this.diagnostics.delete(from);
    this.project.rename(from, to);
    this.showFiles();
  }

  remove(name) {
    if (this.project.files.length === 1 || !confirm(`Delete ${name}?`)) return;
    this.editor.forget(name);
    this.project.remove(name);
    this.showFiles();
  }

  useExample(index) {
    const example = EXAMPLES[index];
    const edited = !EXAMPLES.some((e) => JSON.stringify(e.files) === JSON.stringify(this.project.files));
    if (!example || (edited && !confirm(`Replace your files with "${example.title}"?`))) return;
    for (const f of this.project.files) this.editor.forget(f.name);
    this.project = new Project(example.files, { optimization: this.project.optimization });
    this.diagnostics.clear();
    this.showFiles();
  }

  async share() {
    const fragment = await shareFragment(this.project.files);
    history.replaceState(null, '', `#${fragment}`);
    const copied = await navigator.clipboard?.writeText(location.href).then(() => true, () => false);
    setState(copied ? 'link copied' : 'the link is in the address bar');
  }

  // Downloads and installs the compiler, with a progress bar.
  async loadCompiler() {
    setState('downloading the compiler…');
    ui.progress.hidden = false;
    const sizes = await fetch('compiler/files.json').then((r) => r.json());
    this.compiler = await loadCompiler(this.box, {
      url: 'compiler/',
      sizes,
      onProgress: (loaded, total) => {
        ui.progress.max = total ?? 1;
        ui.progress.value = total ? loaded : 0;
        setState(`downloading the compiler: ${Math.round(loaded / 1e6)} of ${Math.round((total ?? 0) / 1e6)} MB`);
      },
    });
    ui.progress.hidden = true;
    ui.run.disabled = false;
    setState('ready');
  }

  // Compiles, links and runs the files; the outcome in the terminal.
  async run() {
    if (this.running || !this.compiler) return;
    this.running = true;
    ui.run.disabled = true;
    ui.stop.disabled = false;
    const { project, terminal } = this;
    try {
      for (const f of project.files) await this.box.writeFile(`${WORK}/${f.name}`, f.text, { parents: true });
      const cxx = project.language === 'c++';
      const args = [project.optimization, cxx ? '-std=c++20' : '-std=c17', '-Wall', ...project.sources, '-lm',
        '-o', 'main.wasm'];
      terminal.write(`\x1b[2m$ ${cxx ? 'c++' : 'cc'} ${args.join(' ')}\x1b[0m\r\n`);
      const started = performance.now();
      const decoder = new TextDecoder();
      let said = '';
      const status = await this.compiler.compile(['-fcolor-diagnostics', ...args], {
        cwd: WORK,
        cxx,
        output: (bytes) => {
          const text = decoder.decode(bytes, { stream: true });
          said += text;
          terminal.write(forTerminal(text));
        },
        onJob: ([tool]) => setState(tool === 'wasm-ld' ? 'linking…' : 'compiling…'),
      });
      this.showDiagnostics(parseDiagnostics(said));
      if (status !== 0) {
        setState(`compile failed (status ${status})`, true);
        terminal.write(`\x1b[31m[compile failed: status ${status}]\x1b[0m\r\n`);
        return;
      }
      setState(`compiled in ${seconds(performance.now() - started)}; running…`);
      const program = await this.box.readFile(`${WORK}/main.wasm`);
      terminal.focus();
      const result = await this.box.run(program, { args: ['main'], cwd: WORK,
        env: { TERM: 'xterm-256color', HOME: WORK, PWD: WORK } });
      await this.report(result);
    } catch (e) {
      setState(e.message, true);
      terminal.write(`\x1b[31m[${forTerminal(e.message)}]\x1b[0m\r\n`);
    } finally {
      this.running = false;
      ui.run.disabled = false;
      ui.stop.disabled = true;
    }
  }

  showDiagnostics(found) {
    this.diagnostics.clear();
    for (const d of found) {
      if (!this.diagnostics.has(d.file)) this.diagnostics.set(d.file, []);
      this.diagnostics.get(d.file).push(d);
    }
    this.editor.mark(this.diagnostics.get(this.project.active) ?? []);
  }

  // How the program ended, in the terminal (once it has drawn all output),
  // with its modes undone.
  async report(result) {
    const { terminal } = this;
    await new Promise((resolve) => terminal.write('', resolve));
    if (terminal.buffer.active.type === 'alternate') terminal.write('\x1b[?1049l');
    let how;
    let colour = '2';
    if (result.trap) {
      how = `trapped: ${result.trap.message}${result.trap.function ? ` in ${result.trap.function}` : ''}`;
      colour = '31';
    } else if (result.signal) {
      how = `ended by signal ${result.signal}`;
      colour = '33';
    } else {
      how = `exited with status ${result.exitCode}`;
      if (result.exitCode !== 0) colour = '33';
    }
    const newline = terminal.buffer.active.cursorX === 0 ? '' : '\r\n';
    terminal.write(`\x1b[?25h\x1b[0m${newline}\x1b[${colour}m[main ${how}]\x1b[0m\r\n`);
    setState(`main ${how}`, Boolean(result.trap));
  }
}

async function start() {
  const blocking = new URLSearchParams(location.search).get('blocking') ?? 'auto';
  let box;
  try {
    box = await createBox({
      terminal: true,
      blocking,
      workerUrl: new URL('./worker.js', import.meta.url),
      kernelUrl: new URL('./kernel.wasm', import.meta.url),
    });
  } catch (e) {
    setState(e.message, true);
    return;
  }
  ui.mode.textContent = MODES[box.blocking] ?? box.blocking;
  const { terminal } = openTerminal($('terminal'), box, { fontSize: 13 });
  const playground = new Playground(await initialProject(), box, terminal);
  for (const [i, example] of EXAMPLES.entries()) ui.examples.append(new Option(example.title, String(i)));
  ui.examples.onchange = () => {
    if (ui.examples.value !== '') playground.useExample(Number(ui.examples.value));
    ui.examples.value = '';
  };
  ui.optimization.onchange = () => {
    playground.project.optimization = ui.optimization.value;
    playground.saveSoon();
  };
  ui.run.onclick = () => playground.run();
  ui.stop.onclick = () => box.kill(Signal.INT);
  ui.share.onclick = () => playground.share();
  // Ctrl-Enter runs wherever the focus is (taken before the editor or the
  // terminal sees it).
  window.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.key !== 'Enter') return;
    e.preventDefault();
    e.stopPropagation();
    playground.run();
  }, true);
  // For tests and the console.
  globalThis.playground = playground;
  globalThis.term = terminal;
  try {
    await playground.loadCompiler();
  } catch (e) {
    ui.progress.hidden = true;
    setState(`cannot load the compiler: ${e.message}`, true);
  }
}

start();
