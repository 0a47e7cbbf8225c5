// `wasmbox shell`: the base image's login shell (busybox's ash) in this
// terminal, or one command line or script run by its /bin/sh (dash).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { WasmboxError } from '../core/errors.js';
import { loginArgs, loginEnvironment, loginOf } from '../core/login.js';
import { OPTIONS, openBox, parseOptions, runGuest } from './box-options.js';

export const SHELL_USAGE = `Usage: wasmbox shell [OPTIONS] [-c COMMAND [NAME [ARGS...]]]
       wasmbox shell [OPTIONS] SCRIPT [ARGS...]

Opens the shell of a box in this terminal: the user's login shell of the
base image (busybox's ash, with line editing and history) in /home/user,
with the image's programs on PATH. With -c it runs COMMAND with /bin/sh
(Debian's dash) and exits with its status; with SCRIPT it runs that file
of the box (a host directory given with --dir is in the box at the same
path). Without a terminal the login shell reads commands from stdin.

Options (as for wasmbox run):
  --dir HOST[::GUEST]   mount the host directory HOST in the box at GUEST
                        (default: HOST); "--dir ." also starts the shell there
  --image FILE[::DIR]   unpack the tar archive FILE into the box at DIR
  --env KEY=VALUE       set an environment variable
  --max-fds N, --memory-fs-size N, --trace, --trace-file FILE, --nested
  -h, --help            show this help`;

const BASE_IMAGE = fileURLToPath(new URL('../../dist/base.tar', import.meta.url));

// Our options stop at the first argument that is not one of them (-c, a
// script, --): that one and the rest are the shell's.
function splitArgv(argv) {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, tokens: true });
  const first = tokens.find((t) => t.kind !== 'option' || !Object.hasOwn(OPTIONS, t.name));
  if (!first) return { ours: argv, shellArgs: [] };
  const skip = first.kind === 'option-terminator' ? 1 : 0;
  return { ours: argv.slice(0, first.index), shellArgs: argv.slice(first.index + skip) };
}

/**
 * Runs `wasmbox shell ARGV`.
 * @returns {Promise<number>} the exit status
 */
export async function shell(argv, UsageError) {
  const { ours, shellArgs } = splitArgv(argv);
  const cmd = parseOptions(ours);
  if (cmd.help) return console.log(SHELL_USAGE), 0;
  if (cmd.version) throw new UsageError('shell takes no --version (try wasmbox --version)');
  if (!existsSync(BASE_IMAGE)) {
    throw new WasmboxError(`the base image ${BASE_IMAGE} is missing: build it with npm run build`, 'ENOENT');
  }
  const opened = await openBox({ ...cmd, root: true }, { baseImage: BASE_IMAGE });
  const { box } = opened;
  const login = loginOf(new TextDecoder().decode(box.readFile('/etc/passwd')));
  const env = { ...loginEnvironment(login, process.env.TERM ?? 'xterm-256color'), ...cmd.env };
  opened.cwd ??= login.home;
  // No arguments: the user's login shell ("-ash"), which reads /etc/profile;
  // a command line or a script: /bin/sh, as system() runs them.
  if (shellArgs.length === 0) return runGuest(opened, box.readFile(login.shell), loginArgs(login), { ...cmd, env });
  return runGuest(opened, box.readFile('/bin/sh'), ['sh', ...shellArgs], { ...cmd, env });
}
