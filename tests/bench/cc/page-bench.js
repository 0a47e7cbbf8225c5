// bench:cc in Chromium, run in the playground page: the compiler in the
// page's box against @bjorn3/browser_wasi_shim running the very jobs it
// ran (clang -###, clang -cc1, wasm-ld) on the page's thread, each a new
// instance of the same compiled module, over an in-memory tree holding the
// same sysroot and guest library.
import * as shim from '/node_modules/@bjorn3/browser_wasi_shim/dist/index.js';

const decoder = new TextDecoder();
const text = (bytes, at, length) => decoder.decode(bytes.subarray(at, at + length)).replace(/\0.*$/s, '');
const octal = (bytes, at, length) => parseInt(text(bytes, at, length).trim() || '0', 8);

// The files of a tar archive (ustar, pax and GNU long names): [path, bytes | null (a directory)].
function* tarEntries(bytes) {
  let longName = null;
  for (let at = 0; at + 512 <= bytes.length && bytes[at] !== 0;) {
    const size = octal(bytes, at + 124, 12);
    const type = String.fromCharCode(bytes[at + 156]);
    const prefix = text(bytes, at + 345, 155);
    const name = longName ?? (prefix ? `${prefix}/` : '') + text(bytes, at, 100);
    const data = bytes.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(decoder.decode(data))?.[1] ?? longName;
    else if (type === 'L') longName = decoder.decode(data).replace(/\0.*$/s, '');
    else {
      longName = null;
      if (type === '0' || type === '\0') yield [name, data];
      else if (type === '5') yield [name, null];
    }
  }
}

// A tree for browser_wasi_shim: Map of name → File or Directory, made as needed.
function addTo(root, path, data) {
  const parts = path.split('/').filter((p) => p && p !== '.');
  let dir = root;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (last && data) {
      dir.set(part, new shim.File(data));
      return;
    }
    if (!dir.has(part)) dir.set(part, new shim.Directory(new Map()));
    dir = dir.get(part).contents;
  }
}

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Runs the cases ({name, args, files}) both ways; figures in ms. */
export async function benchmark(cases, rounds) {
  const { compiler, box } = window.playground;
  const results = [];
  const root = new Map();
  for (const [file, at] of [['llvm-resources.tar', 'usr'], ['guest-wasip1.tar', '.wasmbox/guest']]) {
    const bytes = new Uint8Array(await (await fetch(`/playground/compiler/${file}`)).arrayBuffer());
    for (const [path, data] of tarEntries(bytes)) addTo(root, `${at}/${path}`, data);
  }
  addTo(root, '.wasmbox/tmp/', null);
  for (const c of cases) {
    for (const [name, source] of Object.entries(c.files)) {
      await box.writeFile(`/bench/${name}`, source, { parents: true });
      addTo(root, `bench/${name}`, new TextEncoder().encode(source));
    }
    let jobs = [];
    const inBox = async () => {
      jobs = [];
      const status = await compiler.compile(c.args, { cwd: '/bench', output: () => {}, onJob: (argv) => jobs.push(argv) });
      if (status !== 0) throw new Error(`${c.name}: status ${status}`);
    };
    const peer = async () => {
      // browser_wasi_shim cannot rename a file over another (clang writes
      // each output so): each round starts without the last one's.
      root.get('.wasmbox').contents.get('tmp').contents.clear();
      root.get('bench').contents.delete(c.args.at(-1));
      for (const argv of jobs) {
        let said = '';
        const out = new shim.ConsoleStdout((bytes) => { said += decoder.decode(bytes); });
        const wasi = new shim.WASI(argv, ['TMPDIR=/.wasmbox/tmp'], [new shim.OpenFile(new shim.File([])), out, out,
          new shim.PreopenDirectory('/', root)]);
        const instance = await WebAssembly.instantiate(compiler._module, { wasi_snapshot_preview1: wasi.wasiImport });
        const status = wasi.start(instance);
        if (status !== 0 && !argv.includes('-###')) {
          throw new Error(`browser_wasi_shim: ${argv[0]} ${argv[1]}: status ${status}: ${said}`);
        }
      }
    };
    // The first compile of the case in this page; then both warmed up (V8
    // tiers up the code both share), then rounds taken in turn.
    const first = await timed(inBox);
    for (let i = 0; i < 2; i++) await timed(peer), await timed(inBox);
    const best = { inBox: Infinity, peer: Infinity };
    for (let i = 0; i < rounds; i++) {
      best.peer = Math.min(best.peer, await timed(peer));
      best.inBox = Math.min(best.inBox, await timed(inBox));
    }
    results.push({ name: c.name, first, ...best });
  }
  return results;
}
