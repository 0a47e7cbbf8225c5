// `wasmbox pack`: a host directory as a wasmbox image, which `wasmbox run`
// runs as a container and a page mounts (lazily, from its URL).
import { statSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';

import { WasmboxError } from '../core/errors.js';
import { parseStrict } from './box-options.js';
import { createNodeBox } from './index.js';
import { writeOciLayout } from './oci-layout.js';

const USAGE = `Usage: wasmbox pack [OPTIONS] DIR [-o FILE] [--oci LAYOUT] [-- ARGS...]

Packs the host directory DIR (its files, folders, symlinks, hard links,
permission bits and times) into FILE, a wasmbox image: a read-only tree
whose index comes first and whose files are checked block by block, so
that a page can mount it from its URL and fetch only what programs read.
With --program the image is an app: \`wasmbox run FILE\` runs it with its
files as the box's root, ARGS as its default arguments. With --oci, the
app is also written as an OCI image layout (platform wasi/wasm, its files
one layer, the program the entrypoint), as containerd's wasm shims and
Docker's wasm support run it: \`skopeo copy oci:LAYOUT:latest
docker://REGISTRY/NAME\` pushes it.

Options:
  -o, --output FILE    the image to write
  --oci LAYOUT         the OCI image layout to write (a folder; needs
                       --program)
  --program PATH       the program to run: its path in the image (/bin/app)
  --env KEY=VALUE      the program's environment; repeatable
  --cwd PATH           its working directory in the image (default /)
  -h, --help           show this help`;

/** @type {import('node:util').ParseArgsOptionsConfig} */
const OPTIONS = {
  output: { type: 'string', short: 'o' },
  oci: { type: 'string' },
  program: { type: 'string' },
  env: { type: 'string', multiple: true, default: [] },
  cwd: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

function manifestOf(values, dir, args, UsageError) {
  const manifest = {};
  if (values.program !== undefined) {
    if (!posix.isAbsolute(values.program)) throw new UsageError('--program needs a path in the image, such as /bin/app');
    if (!statSync(posix.join(dir, values.program), { throwIfNoEntry: false })?.isFile()) {
      throw new WasmboxError(`${posix.join(dir, values.program)} is not a file: --program names one in DIR`, 'ENOENT');
    }
    manifest.program = values.program;
    manifest.args = args;
  } else if (args.length) {
    throw new UsageError('default arguments need --program');
  }
  if (values.env.length) {
    manifest.env = {};
    for (const pair of values.env) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--env needs KEY=VALUE, got "${pair}"`);
      manifest.env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  if (values.cwd !== undefined) manifest.cwd = values.cwd;
  return manifest;
}

async function writing(path, write) {
  try {
    await write();
  } catch (e) {
    throw new WasmboxError(`cannot write ${path}: ${e.message}`, e.code);
  }
}

/** Runs `wasmbox pack` with `argv` (after "pack"): the exit status. */
export async function pack(argv, UsageError) {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  if (values.help) return console.log(USAGE), 0;
  const [dir, ...args] = positionals;
  if (!dir) throw new UsageError('no directory given');
  if (!values.output && !values.oci) throw new UsageError('no image given (-o FILE or --oci LAYOUT)');
  if (values.oci && !values.program) throw new UsageError('--oci needs --program: the entrypoint');
  const manifest = manifestOf(values, dir, args, UsageError);
  const box = await createNodeBox();
  box.mountHostDir(dir, '/pack', '/pack');
  const image = box.packImage('/pack', manifest);
  if (values.output) await writing(values.output, () => writeFileSync(values.output, image));
  if (values.oci) await writing(values.oci, () => writeOciLayout(dir, values.oci, manifest));
  return 0;
}
