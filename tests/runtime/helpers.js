// Paths of the built test programs and a way to run the CLI as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'web', 'src', 'node', 'cli.js');

export const program = (name) => join(ROOT, 'build', 'guest', 'programs', `${name}.wasm`);
export const example = (name, toolchain = 'wasi', ext = 'wasm') =>
  join(ROOT, 'build', 'examples', toolchain, `${name}.${ext}`);
export const guestTest = (name) => join(ROOT, 'build', 'guest', 'tests', `${name}.wasm`);
// The guest tests that need what only wasmbox-cc gives (the guest library,
// its stack size): CMake does not build them (tests/guest/CMakeLists.txt).
export const NEEDS_WASMBOX_CC = new Set(['spawn', 'exec', 'fork', 'process_groups', 'coprocess', 'locks', 'libc_gaps',
  'setjmp', 'deep_recursion', 'sigaction']);

/** Runs `wasmbox ARGS` to completion: {status, stdout, stderr}. */
export function wasmbox(args, { input, cwd } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, cwd, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `wasmbox ARGS` with piped stdio. */
export function startWasmbox(args) {
  return spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'wasmbox-test-'));
}

// A minimal module with the given import and, optionally, no _start.
export function moduleImporting(module, name, { start = true } = {}) {
  const str = (s) => [s.length, ...Buffer.from(s)];
  const section = (id, body) => [id, body.length, ...body];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),                      // type 0: () -> ()
    ...section(2, [1, ...str(module), ...str(name), 0, 0]),  // import func type 0
    ...section(3, [1, 0]),                               // function 1: type 0
    ...section(5, [1, 0, 1]),                            // memory, min 1 page
    ...section(7, [start ? 2 : 1, ...str('memory'), 2, 0, ...(start ? [...str('_start'), 0, 1] : [])]),
    ...section(10, [1, 2, 0, 0x0b]),                     // body of function 1
  ];
  return Uint8Array.from(bytes);
}
