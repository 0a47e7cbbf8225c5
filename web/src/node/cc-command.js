// `wasmbox cc` and `wasmbox c++`: clang for the box with nothing but Node.
// The compiler (compiler/) runs in a box of this process; the host's
// folders the command line names are mounted in it at their own paths, so
// that paths, diagnostics and outputs are as a native clang's.
import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';

import { compile } from '../compiler/compile.js';
import { COMPILER_DIR, TMPDIR, installCompiler } from '../compiler/target.js';
import { compilerFiles, compilerModule } from './compiler-files.js';
import { NodeHostFs } from './host-fs.js';
import { NodeBox, compiledKernel } from './index.js';
import { nodeHost } from './node-host.js';

// Top-level folders of the box that host folders must not hide: the
// compiler's sysroot, devices, and the compiler's own files.
const RESERVED = new Set(['usr', 'dev', 'proc', 'sys', COMPILER_DIR.slice(1)]);

/**
 * Runs `wasmbox cc ARGS...` (`cxx`: c++) in the working directory and
 * returns its exit status.
 * @param {string[]} args  clang's arguments
 * @param {{cxx?: boolean}} [options]
 */
export async function cc(args, { cxx = false } = {}) {
  const cwd = process.cwd();
  return compile(args, { cxx, cwd, box: await nodeCompilerBox({ mount: hostFolders(args, cwd) }) });
}

/**
 * A box with the compiler in it (see compile.js's CompilerBox) on this
 * process's stdio, with the host folders `mount` at their own paths.
 * @param {{mount?: string[], guest?: Uint8Array}} [options]  `guest`: the
 *   guest library's tar (default: the package's; set-up builds that with
 *   an empty one)
 */
export async function nodeCompilerBox({ mount = [], guest } = {}) {
  const [module, files] = await Promise.all([compilerModule(), compilerFiles(guest)]);
  const { box, tap } = await tappedBox();
  await installCompiler(box, files);
  for (const dir of mount) box.mountHostDir(dir, dir);
  const env = { TMPDIR, ...(process.env.TERM && process.stderr.isTTY ? { TERM: process.env.TERM } : {}) };
  return {
    async run(argv, { cwd, capture = false }) {
      const output = capture ? tap.start() : null;
      try {
        const { exitCode } = await box.run(module, { args: argv, env, cwd });
        return { exitCode, output: output && tap.text() };
      } finally {
        tap.stop();
      }
    },
    readFile: (path) => box.readFile(path),
    writeFile: (path, bytes) => box.writeFile(path, bytes),
    warn: (text) => process.stderr.write(text),
  };
}

// A box on this process's stdio (not as a terminal: the compiler reads no
// input), whose output can be taken instead of shown (tap).
async function tappedBox() {
  const base = { ...nodeHost({ terminal: false }), fs: new NodeHostFs() };
  let taken = null;
  const tap = {
    start: () => (taken = []),
    stop: () => (taken = null),
    text: () => Buffer.concat(taken).toString('utf8'),
  };
  const host = {
    ...base,
    streamWrite: (stream, bytes) => (taken ? (taken.push(Buffer.from(bytes)), bytes.length) : base.streamWrite(stream, bytes)),
  };
  return { box: await NodeBox.create({ kernelWasm: await compiledKernel(), host }), tap };
}

// The host's top-level folders that the working directory and the paths in
// `args` (inputs, -I/-L/-o values, -Wl,... parts) are in: each is mounted at
// its own path, but for those the box keeps (/usr is the sysroot).
function hostFolders(args, cwd) {
  const paths = [cwd, ...args.flatMap((a) => [...a.matchAll(/(?:^|[=,]|^-[A-Za-z]+)(\/[^,=]*)/g)].map((m) => m[1]))];
  const tops = new Set(paths.map((p) => (isAbsolute(p) ? resolve(p) : resolve(cwd, p)).split(sep)[1]).filter(Boolean));
  return [...tops].filter((top) => !RESERVED.has(top) && statSync(`/${top}`, { throwIfNoEntry: false })?.isDirectory())
    .map((top) => `/${top}`);
}
