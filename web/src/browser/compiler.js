// The compiler in the box, in a page: clang's module compiled while it
// downloads (compileStreaming, so that the browser can cache the compiled
// code with the download) once per page, its sysroot and the guest library
// unpacked into a WorkerBox, and compile.js's driver running its jobs as
// processes of that box.
import { concatBytes } from '../core/concat-bytes.js';
import { compile } from '../compiler/compile.js';
import { TMPDIR, installCompiler } from '../compiler/target.js';
import { fetchBytes, fetchOk } from '../core/fetch-bytes.js';

/** The files of the compiler, by name under the folder loadCompiler is given. */
export const COMPILER_FILES = Object.freeze({
  module: 'llvm.core.wasm',
  sysroot: 'llvm-resources.tar',
  guest: 'guest-wasip1.tar',
});

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// clang's module, compiled once per URL for the page.
const modules = new Map();

// Compiles the module at `url` as it downloads; `onProgress(bytes)` as they
// arrive (read from a copy of the response, so that the browser still sees
// its own response, which it can cache compiled).
async function compileStreaming(url, onProgress) {
  const response = await fetchOk(url);
  const counted = (async () => {
    for (const reader = response.clone().body.getReader(); ;) {
      const { done, value } = await reader.read();
      if (done) return;
      onProgress(value.length);
    }
  })();
  const [module] = await Promise.all([WebAssembly.compileStreaming(response), counted]);
  return module;
}

function compilerModule(url, onProgress) {
  if (!modules.has(url)) {
    const compiled = compileStreaming(url, onProgress);
    compiled.catch(() => modules.delete(url));
    modules.set(url, compiled);
  }
  return modules.get(url);
}

/**
 * The compiler, installed into `box`.
 * @param {import('./worker-box.js').WorkerBox} box
 * @param {object} options
 * @param {string | URL} options.url  the folder of COMPILER_FILES
 * @param {(loaded: number, total: number | null) => void} [options.onProgress]
 *   bytes of the three files downloaded; the page's second box reuses the
 *   module and downloads only the two archives
 * @param {Record<string, number>} [options.sizes]  the files' sizes by
 *   name, for a total before the downloads say theirs
 * @returns {Promise<PageCompiler>}
 */
export async function loadCompiler(box, { url, onProgress = () => {}, sizes = {} }) {
  const at = (file) => String(new URL(file, new URL(url, globalThis.location?.href)));
  const loaded = { module: 0, sysroot: 0, guest: 0 };
  const total = Object.values(COMPILER_FILES).reduce((sum, f) => sum + (sizes[f] ?? 0), 0) || null;
  const report = () => onProgress(loaded.module + loaded.sysroot + loaded.guest, total);
  const [module, sysroot, guest] = await Promise.all([
    compilerModule(at(COMPILER_FILES.module), (n) => { loaded.module += n; report(); }),
    fetchBytes(at(COMPILER_FILES.sysroot), (n) => { loaded.sysroot = n; report(); }),
    fetchBytes(at(COMPILER_FILES.guest), (n) => { loaded.guest = n; report(); }),
  ]);
  await installCompiler(box, { sysroot, guest });
  return new PageCompiler(box, module);
}

/** The compiler in a page's box: compile() as `wasmbox cc` would. */
export class PageCompiler {
  constructor(box, module) {
    this._box = box;
    this._module = module;
  }

  /**
   * Compiles and links as clang (`cxx`: clang++) with `args` in the box's
   * folder `cwd`; clang's diagnostics go to `output` (stderr's bytes), and
   * `onJob` hears of each run of clang's module as it starts (its argv:
   * clang -###, then the jobs, clang -cc1 and wasm-ld).
   * @param {string[]} args
   * @param {{cwd: string, cxx?: boolean, output: (bytes: Uint8Array) => void,
   *   onJob?: (argv: string[]) => void}} options
   * @returns {Promise<number>} the exit status, as clang's
   */
  compile(args, { cwd, cxx = false, output, onJob = () => {} }) {
    const box = this._box;
    const module = this._module;
    return compile(args, {
      cwd,
      cxx,
      box: {
        async run(argv, { cwd: dir, capture = false }) {
          onJob(argv);
          const taken = [];
          const sink = capture ? (bytes) => taken.push(bytes.slice()) : output;
          const { exitCode } = await box.run(module, { args: argv, env: { TMPDIR }, cwd: dir, stdout: sink, stderr: sink });
          return { exitCode, output: capture ? decoder.decode(concatBytes(taken)) : undefined };
        },
        readFile: (path) => box.readFile(path),
        writeFile: (path, bytes) => box.writeFile(path, bytes),
        warn: (text) => output(encoder.encode(text)),
      },
    });
  }
}
