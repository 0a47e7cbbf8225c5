// The main job, until the browser page exists: a short demo of `wasmbox
// run` in this terminal, running the examples built by setup.
import { join } from 'node:path';

import { ROOT, run } from './setup.mjs';

const cli = join(ROOT, 'web', 'src', 'node', 'cli.js');
const example = (name) => join(ROOT, 'build', 'guest', 'examples', `${name}.wasm`);

console.log('\n== wasmbox run --root examples/hello ==');
run(process.execPath, [cli, 'run', '--root', example('hello'), 'you']);
console.log('\n== printf "pear\\napple\\nfig\\n" | wasmbox run examples/sort ==');
run(process.execPath, [cli, 'run', example('sort')], { input: 'pear\napple\nfig\n', stdio: ['pipe', 'inherit', 'inherit'] });
console.log(`\nTry your own: node ${cli} run --root ${example('hello')} your-name`);
