// Brings a machine from "Node and npm only" to a built tree: Debian
// packages (apt-get, as root), npm packages (npm ci), then the builds.
// Each step is skipped when its result is already there.
//   node scripts/setup.mjs               everything
//   node scripts/setup.mjs --build-only  only the builds
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

import { buildBaseImage } from '../base/image.mjs';
import { buildApps } from '../examples/apps.mjs';
import { BUILD_ENV, ROOT, run } from './build-env.mjs';

// Set-up runs the compiler in the box (see web/src/node/cli.js).
setFlagsFromString('--no-flush-bytecode');

export { BUILD_ENV, ROOT, run };

// The tool that makes the API reference (its own package.json).
const DOCS = join(ROOT, 'scripts', 'docs');


// What the builds and tests need from Debian (bookworm).
const DEBIAN_PACKAGES = [
  'cmake', 'make', 'g++', 'googletest', 'libgtest-dev',
  'emscripten', 'binaryen',
  'clang-14', 'lld-14', 'llvm-14', 'libclang-rt-14-dev',
  'wasi-libc', 'libclang-rt-14-dev-wasm32', 'libc++-14-dev-wasm32', 'libc++abi-14-dev-wasm32',
  'tmux', 'chromium',
  // The browser tests run in Firefox too (puppeteer-core over WebDriver BiDi).
  'firefox-esr',
  // Standard tools that check `wasmbox pack --oci`'s image layout.
  'skopeo', 'umoci',
  // Debian source packages of the base image and the apps: apt-get source,
  // dpkg-source, autoreconf (libtool's macros), SQLite's amalgamation (tclsh).
  'dpkg-dev', 'autoconf', 'automake', 'libtool', 'tcl',
  // The apps' native builds, whose output the tests compare with the box's.
  'lua5.4', 'sqlite3', 'jq', 'ncurses-examples',
];


function missingDebianPackages() {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...DEBIAN_PACKAGES],
    { encoding: 'utf8' });
  const installed = new Set(
    r.stdout.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  return DEBIAN_PACKAGES.filter((p) => !installed.has(p));
}

function installDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}\n` +
      `Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

// The packages of the project at `dir` (its package-lock.json), unless
// installed since the lock last changed.
function installNpmPackagesIn(dir) {
  const stamp = join(dir, 'node_modules', '.package-lock.json');
  const lock = join(dir, 'package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, env: process.env });
}

// The project's, and the API reference's tool (scripts/docs: TypeDoc,
// which needs a TypeScript older than the project's).
function installNpmPackages() {
  installNpmPackagesIn(ROOT);
  installNpmPackagesIn(DOCS);
}

function checkEmscriptenVersion() {
  const want = readFileSync(join(ROOT, 'emsdk-version'), 'utf8').trim();
  const out = execFileSync('emcc', ['--version'], { env: BUILD_ENV, encoding: 'utf8' });
  const have = /(\d+\.\d+\.\d+)/.exec(out)?.[1];
  if (have !== want) throw new Error(`emcc ${have} found, emsdk-version pins ${want}`);
}

// The kernel for the web, copied where the runtime imports it from.
function buildKernel() {
  checkEmscriptenVersion();
  run('cmake', ['--preset', 'web'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('cmake', ['--build', '--preset', 'web', '-j2']);
  const dist = join(ROOT, 'web', 'dist');
  mkdirSync(dist, { recursive: true });
  for (const f of ['kernel.mjs', 'kernel.wasm', 'kernel-shared.mjs', 'kernel-shared.wasm']) {
    copyFileSync(join(ROOT, 'build', 'web', 'shim', f), join(dist, f));
  }
  // The glue's types, for the type check (scripts/typecheck.mjs).
  for (const f of ['kernel.d.mts', 'kernel-shared.d.mts']) copyFileSync(join(ROOT, 'shim', 'kernel-glue.d.mts'), join(dist, f));
}

// The browser's files in web/dist: the box's worker, a process's worker
// (kernel glue and runtime) and the store worker each as one file, which
// starts faster than its modules one by one; and the app
// page of wasmbox_add_executable(PAGE), with xterm.js and its stylesheet.
async function bundleBrowserFiles() {
  const { build } = await import('esbuild');
  const dist = join(ROOT, 'web', 'dist');
  const entries = [
    ['worker.js', 'worker.js'], ['process-worker.js', 'process-worker.js'],
    ['storage/store-worker.js', 'store-worker.js'], ['app-page.js', 'app.js'],
  ];
  for (const [source, out] of entries) {
    await build({
      entryPoints: [join(ROOT, 'web', 'src', 'browser', source)],
      outfile: join(dist, out),
      bundle: true, minify: true, format: 'esm', logLevel: 'warning',
    });
  }
  copyFileSync(join(ROOT, 'node_modules', '@xterm', 'xterm', 'css', 'xterm.css'), join(dist, 'xterm.css'));
  // A classic script, as it is: the emitted pages serve it beside them.
  copyFileSync(join(ROOT, 'web', 'src', 'browser', 'service-worker.js'), join(dist, 'service-worker.js'));
}

function buildGuests() {
  run('cmake', ['--preset', 'guest'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('cmake', ['--build', '--preset', 'guest', '-j2']);
}

// The POSIX-level guest tests again, through wasmbox-cc with each
// toolchain and through the compiler in the box (build/guest-cc/<toolchain
// or box>/<name>.wasm), rebuilt when their source or the guest library
// changed.
async function buildGuestsWithDriver() {
  const sources = join(ROOT, 'tests', 'guest');
  const names = readdirSync(sources).filter((f) => f.endsWith('.c') && !f.startsWith('wasi_'));
  const driverInputs = [join(ROOT, 'web', 'src', 'toolchain'), join(ROOT, 'web', 'src', 'compiler'),
    join(ROOT, 'web', 'src', 'core', 'wasm'), join(ROOT, 'shim', 'guest')];
  // The tests' own headers (check.h, children.h) count as inputs of each.
  const headers = readdirSync(sources).filter((f) => f.endsWith('.h')).map((f) => statSync(join(sources, f)).mtimeMs);
  const newestInput = Math.max(...headers, ...driverInputs.flatMap((d) =>
    readdirSync(d, { recursive: true }).map((f) => statSync(join(d, f)).mtimeMs)));
  const flags = ['-std=c11', '-D_GNU_SOURCE', '-O2', '-Wall', '-Wextra', '-Werror'];
  // [source, module] of each test whose module is older than its inputs.
  const stale = (toolchain) => {
    const out = join(ROOT, 'build', 'guest-cc', toolchain);
    mkdirSync(out, { recursive: true });
    return names.map((file) => [join(sources, file), join(out, file.replace(/\.c$/, '.wasm'))])
      .filter(([src, wasm]) => !existsSync(wasm) || statSync(wasm).mtimeMs < Math.max(newestInput, statSync(src).mtimeMs));
  };
  for (const toolchain of ['emscripten', 'wasi']) {
    for (const [src, wasm] of stale(toolchain)) {
      run(process.execPath, [join(ROOT, 'web', 'src', 'toolchain', 'cc.js'), `--toolchain=${toolchain}`, ...flags, src,
        '-o', wasm]);
    }
  }
  // One box for them all, as a playground compiles again and again.
  const { compile } = await import('../web/src/compiler/compile.js');
  const { nodeCompilerBox } = await import('../web/src/node/cc-command.js');
  const staleInBox = stale('box');
  const box = staleInBox.length ? await nodeCompilerBox({ mount: [`/${ROOT.split('/')[1]}`] }) : null;
  for (const [src, wasm] of staleInBox) {
    console.log(`$ wasmbox cc ${[...flags, src, '-o', wasm].join(' ')}`);
    if ((await compile([...flags, src, '-o', wasm], { box, cwd: sources })) !== 0) throw new Error(`wasmbox cc ${src} failed`);
  }
}

// The examples as a user's project builds them: through the CMake
// toolchain file and wasmbox_add_executable, with each toolchain
// (build/examples/<toolchain>/).
function buildExamples() {
  for (const toolchain of ['emscripten', 'wasi']) {
    const dir = join(ROOT, 'build', 'examples', toolchain);
    run('cmake', ['-S', join(ROOT, 'examples'), '-B', dir, '-DCMAKE_BUILD_TYPE=Release',
      `-DCMAKE_TOOLCHAIN_FILE=${join(ROOT, 'cmake', 'wasmbox-toolchain.cmake')}`,
      `-DWASMBOX_TOOLCHAIN=${toolchain}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    run('cmake', ['--build', dir, '-j2']);
  }
}

// The API reference, from the typings (web/types), into web/dist/docs;
// a broken link in them fails the build.
function buildDocs() {
  run(process.execPath, [join(DOCS, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--options', join(DOCS, 'typedoc.json'),
    '--logLevel', 'Warn'], { cwd: DOCS });
}

export async function build() {
  buildKernel();
  buildDocs();
  // Imported once the kernel they load is built.
  const { buildGuestSysroot } = await import('./guest-sysroot.mjs');
  const { buildPlayground } = await import('./build-playground.mjs');
  await bundleBrowserFiles();
  await buildGuestSysroot();
  await buildPlayground();
  buildGuests();
  await buildGuestsWithDriver();
  buildExamples();
  await buildBaseImage();
  await buildApps();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (!process.argv.includes('--build-only')) {
      installDebianPackages();
      installNpmPackages();
    }
    await build();
  } catch (e) {
    console.error(`setup: ${e.message}`);
    process.exit(1);
  }
}
