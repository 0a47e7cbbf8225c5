// What `wasmbox run` and `wasmbox shell` share: their box options, the box
// they ask for (images, host directories, limits), and running a guest in
// it with its end reported as wasmbox's exit status.
import { closeSync, openSync, writeSync } from 'node:fs';
import { posix } from 'node:path';
import { parseArgs } from 'node:util';

import { WasmboxError } from '../core/errors.js';
import { Signal } from '../core/signals.js';
import { createNodeBox } from './index.js';

/** A mistake on the command line: one line and a pointer to --help. */
export class UsageError extends Error {}

/**
 * `argv` parsed with node:util parseArgs (positionals allowed), or a UsageError.
 * @param {string[]} argv
 * @param {import('node:util').ParseArgsOptionsConfig} options
 * @returns {{values: Record<string, any>, positionals: string[]}}
 */
export function parseStrict(argv, options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message);
  }
}

/** The options of a box, as node:util parseArgs takes them. */
/** @type {import('node:util').ParseArgsOptionsConfig} */
export const OPTIONS = {
  dir: { type: 'string', multiple: true, default: [] },
  image: { type: 'string', multiple: true, default: [] },
  env: { type: 'string', multiple: true, default: [] },
  root: { type: 'boolean', default: false },
  'max-fds': { type: 'string' },
  'memory-fs-size': { type: 'string' },
  trace: { type: 'boolean', default: false },
  'trace-file': { type: 'string' },
  nested: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
};

function positiveInt(value, name) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} needs a positive integer`);
  return n;
}

/** The box options among `ours` (no positionals). */
export function parseOptions(ours) {
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
    env,
    dirs,
    images,
    root: values.root,
    maxFds: positiveInt(values['max-fds'], 'max-fds'),
    memfsCapacity: positiveInt(values['memory-fs-size'], 'memory-fs-size'),
    trace: values.trace,
    traceFile: values['trace-file'],
    nested: values.nested,
  };
}

function openTraceFile(path) {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new WasmboxError(`cannot write the trace to ${path}: ${e.message}`, e.code);
  }
}

// A box as the options ask: images unpacked, host directories mounted.
// Returns the box, the guest's preopens and working directory (that of
// --dir ., else undefined: the box's default).
export async function openBox(cmd, { baseImage = null } = {}) {
  // Each process in a worker of its own, unless asked otherwise (or traced
  // to a file, which only the box's own thread writes).
  const threads = !cmd.nested && cmd.traceFile === undefined;
  const box = await createNodeBox({ maxFds: cmd.maxFds, memfsCapacity: cmd.memfsCapacity, threads });
  const images = baseImage ? [{ file: baseImage, at: '/' }, ...cmd.images] : cmd.images;
  // A wasmbox image is read as used, a tar archive unpacked.
  for (const { file, at } of images) box.loadImage(file, at);
  const boxPath = (guest) => (posix.isAbsolute(guest) ? guest : posix.resolve(process.cwd(), guest));
  const preopens = cmd.dirs.map(({ host, guest }) => box.mountHostDir(host, guest, boxPath(guest)));
  // The guest sees each image's directory (WASI reaches only preopens).
  const roots = new Set([...(cmd.root ? ['/'] : []), ...images.map(({ at }) => at)]);
  for (const path of roots) preopens.push({ name: path, path });
  const here = cmd.dirs.find(({ guest }) => posix.normalize(guest) === '.');
  return { box, preopens, cwd: here ? boxPath('.') : undefined };
}

// Runs `module` in the box and returns the exit status wasmbox exits with.
export async function runGuest({ box, preopens, cwd }, module, args, cmd) {
  const traceFd = cmd.traceFile === undefined ? null : openTraceFile(cmd.traceFile);
  let result;
  try {
    result = await box.run(module, {
      args,
      env: cmd.env,
      preopens,
      cwd,
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
    process.stderr.write(`wasmbox: error: ${args[0]} trapped${where}: ${result.trap.message}\n`);
  }
  return result.exitCode;
}

