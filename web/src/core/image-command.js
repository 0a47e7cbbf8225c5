// What runs when a box runs an app image (`wasmbox pack --program`): its
// manifest's program, arguments, environment and working directory, each
// overridden by what the caller gives, as `docker run IMAGE ARGS` does.
import { WasmboxError } from './errors.js';

/**
 * @param {{program?: string, args?: string[], env?: Record<string, string>, cwd?: string}} manifest
 * @param {object} given
 * @param {string[]} [given.args]  the program's arguments (after argv[0]);
 *   default the image's
 * @param {Record<string, string>} [given.env]  added to the image's
 * @param {string} [given.cwd]
 * @param {string} name  how errors name the image
 * @returns {{program: string, args: string[], env: Record<string, string>, cwd: string}}
 *   args with argv[0], the program's path
 */
export function imageCommand(manifest, { args, env = {}, cwd } = {}, name = 'the image') {
  if (!manifest.program) {
    throw new WasmboxError(`${name} names no program to run (wasmbox pack --program)`, 'EIMAGE');
  }
  return {
    program: manifest.program,
    args: [manifest.program, ...(args ?? manifest.args ?? [])],
    env: { ...manifest.env, ...env },
    cwd: cwd ?? manifest.cwd ?? '/',
  };
}
