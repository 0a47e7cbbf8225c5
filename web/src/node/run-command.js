// `wasmbox run`: runs a WASI command in a box, like `wasmtime run`.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { WasmboxError } from '../core/errors.js';
import { imageCommand } from '../core/image-command.js';
import { OPTIONS, UsageError, openBox, parseOptions, runGuest } from './box-options.js';
import { cc } from './cc-command.js';
import { compileModule } from './index.js';
import { readHostFile } from './host-sources.js';
import { isImageFile } from './image-file.js';
import { pack } from './pack-command.js';
import { serve } from './serve-command.js';
import { shell } from './shell-command.js';

const USAGE = `Usage: wasmbox run [OPTIONS] [--] MODULE|IMAGE [ARGS...]
       wasmbox shell [OPTIONS] [-c COMMAND | SCRIPT] [ARGS...]
                                          (see wasmbox shell --help)
       wasmbox serve [--port N] [DIR]     (see wasmbox serve --help)
       wasmbox cc|c++ [CLANG ARGS...]     compile C or C++ for the box with
                                          the compiler in the box (clang 22)
       wasmbox pack DIR -o FILE [...]     pack a directory into an image
                                          (see wasmbox pack --help)

Runs a WebAssembly module (a WASI preview1 command) in a box: a kernel
with its own filesystem, in this process. An IMAGE (wasmbox pack
--program) runs its program with the image's files as the box's root, its
default arguments unless ARGS are given, and its environment.

Options:
  --dir HOST[::GUEST]   give the guest the host directory HOST (read-write),
                        named GUEST (default: HOST); repeatable. A relative
                        GUEST is mounted at the same path from the current
                        directory, and GUEST "." is the working directory of
                        Emscripten-built programs
  --image FILE[::DIR]   give the box the files of FILE at DIR (default /),
                        given to the guest like --root gives /: a wasmbox
                        image (the FILES of wasmbox_add_executable, or
                        wasmbox pack) read as it is used, or a tar archive,
                        unpacked; repeatable
  --env KEY=VALUE       set an environment variable of the guest; repeatable
  --root                give the guest the box's own filesystem as /
                        (in memory: /tmp, /dev/null, /dev/urandom, ...)
  --max-fds N           descriptors a process may hold (default 1024)
  --memory-fs-size N    bytes the in-memory filesystem may hold (default 1 GiB)
  --trace               write each call the guest makes to the kernel (and
                        its result) to stderr, one line per call, like strace
  --trace-file FILE     the same, written to FILE instead (processes then
                        run nested, as with --nested)
  --nested              run each process on this thread, nested in the one
                        that waits for it, instead of each in a worker of
                        its own (the way of pages that are not cross-origin
                        isolated)
  -h, --help            show this help
  -V, --version         show the version

The guest's exit status becomes wasmbox's; a trap exits with 134.`;

// Options stop at the module: everything after it belongs to the guest.
function splitArgv(argv) {
  const rest = argv[0] === 'run' ? argv.slice(1) : argv;
  const { tokens } = parseArgs({ args: rest, options: OPTIONS, strict: false, tokens: true });
  const first = tokens.find((t) => t.kind === 'positional' || t.kind === 'option-terminator');
  if (!first) return { ours: rest, module: null, guestArgs: [] };
  const at = first.kind === 'option-terminator' ? first.index + 1 : first.index;
  return { ours: rest.slice(0, first.index), module: rest[at] ?? null, guestArgs: rest.slice(at + 1) };
}

function parseCommandLine(argv) {
  const { ours, module, guestArgs } = splitArgv(argv);
  return { ...parseOptions(ours), module, guestArgs };
}

async function version() {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
  return `wasmbox ${pkg.version}`;
}

// An app image: its files are the box's root, read as the program reads
// them, and take changes in memory, as a container's; its manifest says
// what runs.
async function runImage(cmd) {
  const { box, preopens, cwd } = await openBox(cmd);
  const manifest = box.mountImage(cmd.module, '/', { writable: true });
  const run = imageCommand(manifest, { args: cmd.guestArgs.length ? cmd.guestArgs : undefined, env: cmd.env, cwd },
    cmd.module);
  const module = await compileModule(box.readFile(run.program), `${run.program} in ${cmd.module}`);
  const guest = { box, preopens: [{ name: '/', path: '/' }, ...preopens], cwd: run.cwd };
  return runGuest(guest, module, run.args, { ...cmd, env: run.env });
}

async function main(argv) {
  if (argv[0] === 'serve') return serve(argv.slice(1), UsageError);
  if (argv[0] === 'shell') return shell(argv.slice(1), UsageError);
  if (argv[0] === 'cc' || argv[0] === 'c++') return cc(argv.slice(1), { cxx: argv[0] === 'c++' });
  if (argv[0] === 'pack') return pack(argv.slice(1), UsageError);
  const cmd = parseCommandLine(argv);
  if (cmd.help) return console.log(USAGE), 0;
  if (cmd.version) return console.log(await version()), 0;
  if (!cmd.module) throw new UsageError('no module given');
  if (isImageFile(cmd.module)) return runImage(cmd);
  const module = await compileModule(readHostFile(cmd.module), cmd.module);
  return runGuest(await openBox(cmd), module, [cmd.module, ...cmd.guestArgs], cmd);
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
