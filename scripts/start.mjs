// The main job, until the browser page exists: a short demo of `wasmbox
// run` in this terminal, running the examples built by setup.
import { join, relative } from 'node:path';

import { ROOT, run } from './setup.mjs';

const cli = join(ROOT, 'web', 'src', 'node', 'cli.js');
const example = (name, ext = 'wasm', toolchain = 'wasi') => join(ROOT, 'build', 'examples', toolchain, `${name}.${ext}`);
const wasmbox = (args, options) => run(process.execPath, [cli, 'run', ...args], options);

console.log('\n== wasmbox run --root examples/hello ==');
wasmbox(['--root', example('hello'), 'you']);
console.log('\n== printf "pear\\napple\\nfig\\n" | wasmbox run examples/sort ==');
wasmbox([example('sort')], { input: 'pear\napple\nfig\n', stdio: ['pipe', 'inherit', 'inherit'] });
console.log('\n== wasmbox run --image fortune.tar examples/fortune (its files packed by CMake) ==');
wasmbox(['--image', example('fortune', 'tar'), example('fortune')]);
const rover = relative(process.cwd(), example('rover', 'wasm', 'emscripten'));
console.log(`\nA full-screen program (arrow keys, q quits):\n  node ${relative(process.cwd(), cli)} run ${rover}`);
