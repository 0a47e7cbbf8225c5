// `wasmbox run`: runs a WASI command in a box, like `wasmtime run`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { parseArgs } from 'node:util';

import { WasmboxError } from '../core/errors.js';
import { Signal } from '../core/signals.js';
import { compileModule, createNodeBox } from './index.js';
import { serve } from './serve-command.js';

const USAGE = `Usage: wasmbox run [OPTIONS] [--] MODULE [ARGS...]
       wasmbox serve [--port N] [DIR]     (see wasmbox serve --help)

Runs a WebAssembly module (a WASI preview1 command) in a box: a kernel
with its own filesystem, in this process.

Options:
  --dir HOST[::GUEST]   give the guest the host directory HOST (read-write),
                        named GUEST (default: HOST); repeatable. A relative
                        GUEST is mounted at the same path from the current
                        directory, and GUEST "." is the working directory of
                        Emscripten-built programs
  --image FILE[::DIR]   unpack the tar archive FILE (e.g. the FILES image of
                        wasmbox_add_executable) into the box at DIR
                        (default /), given to the guest like --root gives /;
                        repeatable
  --env KEY=VALUE       set an environment variable of the guest; repeatable
  --root                give the guest the box's own filesystem as /
                        (in memory: /tmp, /dev/null, /dev/urandom, ...)
  --max-fds N           descriptors a process may hold (default 1024)
  --memory-fs-size N    bytes the in-memory filesystem may hold (default 1 GiB)
  --trace               write each call the guest makes to the kernel (and
                        its result) to stderr, one line per call, like strace
  --trace-file FILE     the same, written to FILE instead
  -h, --help            show this help
  -V, --version         show the version

The guest's exit status becomes wasmbox's; a trap exits with 134.`;

const OPTIONS = {
  dir: { type: 'string', multiple: true, default: [] },
  image: { type: 'string', multiple: true, default: [] },
  env: { type: 'string', multiple: true, default: [] },
  root: { type: 'boolean', default: false },
  'max-fds': { type: 'string' },
  'memory-fs-size': { type: 'string' },
  trace: { type: 'boolean', default: false },
  'trace-file': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
};

class UsageError extends Error {}

// Options stop at the module: everything after it belongs to the guest.
function splitArgv(argv) {
  const rest = argv[0] === 'run' ? argv.slice(1) : argv;
  const { tokens } = parseArgs({ args: rest, options: OPTIONS, strict: false, tokens: true });
  const first = tokens.find((t) => t.kind === 'positional' || t.kind === 'option-terminator');
  if (!first) return { ours: rest, module: null, guestArgs: [] };
  const at = first.kind === 'option-terminator' ? first.index + 1 : first.index;
  return { ours: rest.slice(0, first.index), module: rest[at] ?? null, guestArgs: rest.slice(at + 1) };
}

function positiveInt(value, name) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} needs a positive integer`);
  return n;
}

function parseCommandLine(argv) {
  const { ours, module, guestArgs } = splitArgv(argv);
  let values;
  try {
    ({ values } = parseArgs({ args: ours, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(e.message);
  }
  const env = {};
  for (const pair of values.env) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env needs KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const dirs = values.dir.map((spec) => {
    const [host, guest = host] = spec.split('::');
    if (!host) throw new UsageError(`--dir needs HOST[::GUEST], got "${spec}"`);
    return { host, guest };
  });
  const images = values.image.map((spec) => {
    const [file, at = '/'] = spec.split('::');
    if (!file || !at.startsWith('/')) throw new UsageError(`--image needs FILE[::/DIR], got "${spec}"`);
    return { file, at };
  });
  return {
    help: values.help,
    version: values.version,
    module,
    guestArgs,
    env,
    dirs,
    images,
    root: values.root,
    maxFds: positiveInt(values['max-fds'], 'max-fds'),
    memfsCapacity: positiveInt(values['memory-fs-size'], 'memory-fs-size'),
    trace: values.trace,
    traceFile: values['trace-file'],
  };
}

async function version() {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
  return `wasmbox ${pkg.version}`;
}

async function readInput(path) {
  try {
    return await readFile(path);
  } catch (e) {
    const why = { ENOENT: 'no such file', EISDIR: 'it is a directory', EACCES: 'permission denied' };
    throw new WasmboxError(`cannot read ${path}: ${why[e.code] ?? e.message}`, e.code);
  }
}

function openTraceFile(path) {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new WasmboxError(`cannot write the trace to ${path}: ${e.message}`, e.code);
  }
}

async function main(argv) {
  if (argv[0] === 'serve') return serve(argv.slice(1), UsageError);
  const cmd = parseCommandLine(argv);
  if (cmd.help) return console.log(USAGE), 0;
  if (cmd.version) return console.log(await version()), 0;
  if (!cmd.module) throw new UsageError('no module given');

  const module = await compileModule(await readInput(cmd.module), cmd.module);
  const box = await createNodeBox({ maxFds: cmd.maxFds, memfsCapacity: cmd.memfsCapacity });
  for (const { file, at } of cmd.images) box.loadImage(await readInput(file), at, file);
  const boxPath = (guest) => (posix.isAbsolute(guest) ? guest : posix.resolve(process.cwd(), guest));
  const preopens = cmd.dirs.map(({ host, guest }) => box.mountHostDir(host, guest, boxPath(guest)));
  // The guest sees each image's directory (WASI reaches only preopens).
  const roots = new Set([...(cmd.root ? ['/'] : []), ...cmd.images.map(({ at }) => at)]);
  for (const path of roots) preopens.push({ name: path, path });
  const here = cmd.dirs.find(({ guest }) => posix.normalize(guest) === '.');
  const traceFd = cmd.traceFile === undefined ? null : openTraceFile(cmd.traceFile);
  let result;
  try {
    result = await box.run(module, {
      args: [cmd.module, ...cmd.guestArgs],
      env: cmd.env,
      preopens,
      cwd: here ? boxPath('.') : '/',
      // --trace: to stderr, as the guest's stderr is written (in order).
      trace: traceFd === null ? cmd.trace : (line) => writeSync(traceFd, `${line}\n`),
    });
  } finally {
    if (traceFd !== null) closeSync(traceFd);
  }
  // Ended by ^C: end the same way, so a shell or script sees an interrupt.
  if (result.signal === Signal.INT) process.kill(process.pid, 'SIGINT');
  if (result.trap) {
    const where = result.trap.function ? ` in ${result.trap.function}` : '';
    process.stderr.write(`wasmbox: error: ${cmd.module} trapped${where}: ${result.trap.message}\n`);
  }
  return result.exitCode;
}

// Runs the command and exits with its status; user errors are one line.
export function runCli(argv) {
  return main(argv).then(
    (code) => code === null || process.exit(code & 0xff),  // null: serving
    (e) => {
      if (e instanceof UsageError) {
        process.stderr.write(`wasmbox: ${e.message}\nTry 'wasmbox --help'.\n`);
        process.exit(2);
      }
      if (e instanceof WasmboxError) {
        process.stderr.write(`wasmbox: error: ${e.message}\n`);
        process.exit(1);
      }
      process.stderr.write(`wasmbox: internal error: ${e?.stack ?? e}\n`);
      process.exit(70);
    },
  );
}
