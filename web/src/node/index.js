// The Node entry of the package: the core API, plus a Box factory that
// loads the kernel from this package and uses the Node host.
import { readFile } from 'node:fs/promises';

import { NodeHostFs } from './host-fs.js';
import { NodeBox } from './node-box.js';
import { nodeHost } from './node-host.js';

export { Box, compileModule } from '../core/box.js';
export { InvalidModuleError, WasmboxError } from '../core/errors.js';
export { fetchBytes } from '../core/fetch-bytes.js';
export { loginArgs, loginEnvironment, loginOf } from '../core/login.js';
export { NodeBox } from './node-box.js';
export { nodeHost } from './node-host.js';
export { nodeImageFile } from './image-file.js';
export { nodeStoreFiles } from './store-files.js';

const kernelBytes = new Map();
const kernelModules = new Map();

/**
 * Reads kernel.wasm (or, `shared`, kernel-shared.wasm) once per process.
 * @param {boolean} [shared]
 */
export async function kernelWasm(shared = false) {
  const name = shared ? 'kernel-shared.wasm' : 'kernel.wasm';
  if (!kernelBytes.has(name)) kernelBytes.set(name, readFile(new URL(`../../dist/${name}`, import.meta.url)));
  return kernelBytes.get(name);
}

/** The kernel compiled once per process, for all its boxes. */
export async function compiledKernel(shared = false) {
  if (!kernelModules.has(shared)) kernelModules.set(shared, kernelWasm(shared).then((b) => WebAssembly.compile(b)));
  return kernelModules.get(shared);
}

/**
 * Creates a NodeBox.
 * @param {Parameters<typeof import('../../types/node.js').createNodeBox>[0]} [options]
 * @returns {Promise<NodeBox>}
 */
export async function createNodeBox({ terminal, ...options } = {}) {
  const host = { ...nodeHost({ terminal }), fs: new NodeHostFs() };
  // `shared` (the kernel on shared memory, without workers) is for tests.
  const shared = Boolean(/** @type {{shared?: boolean}} */ (options).shared || options.threads);
  return NodeBox.create({ kernelWasm: await compiledKernel(shared), host, ...options });
}

/** The name the browser entry uses too. */
export const createBox = createNodeBox;
