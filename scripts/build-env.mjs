// Where the tree is and how set-up runs a build step: the environment the
// builds need, each command echoed, a failure an error.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

// Emscripten's own JS dependencies live here on Debian.
export const BUILD_ENV = { ...process.env, NODE_PATH: '/usr/share/nodejs' };

export function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, env: BUILD_ENV, ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `status ${r.status}`})`);
  }
}
