// The ported apps (examples/<app>/, built into build/apps/) beside the same
// programs as Debian builds them: one command line run by a box's /bin/sh
// and by the host's dash, each in a fresh directory holding the same files,
// with the app in the box under the name Debian gives its command.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, tempDir, wasmbox } from '../runtime/helpers.js';

/** The module of app `name`. */
export const appModule = (name) => join(ROOT, 'build', 'apps', name, `${name}.wasm`);

/** A fresh directory with `files` (name → text or bytes) in it. */
export function dirWith(files = {}) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * Runs `line` in the box and on the host: {box, host}, each {status,
 * stdout, stderr}, and the directories they ran in.
 * @param {string} line
 * @param {{commands: Record<string, string>, files?: Record<string, string | Uint8Array>, input?: string}} options
 *   commands: a command's name (as Debian installs it) → the app
 */
export function sideBySide(line, { commands, files, input }) {
  const bin = tempDir();
  for (const [command, app] of Object.entries(commands)) {
    copyFileSync(appModule(app), join(bin, command));
    chmodSync(join(bin, command), 0o755);
  }
  const boxDir = dirWith(files);
  const hostDir = dirWith(files);
  const box = wasmbox(['shell', '--dir', `${bin}::/usr/local/bin`, '--dir', `${boxDir}::/work`, '-c', `cd /work || exit 99\n${line}`],
    { input });
  const r = spawnSync('dash', ['-c', line], { cwd: hostDir, input, encoding: 'utf8', timeout: 60000 });
  return { box, host: { status: r.status, stdout: r.stdout, stderr: r.stderr }, boxDir, hostDir };
}
