// The Node entry of the package: the core API, plus a Box factory that
// loads the kernel from this package and uses the Node host.
import { readFile } from 'node:fs/promises';

import { Box } from '../core/box.js';
import { WasmboxError } from '../core/errors.js';
import { NodeHostFs } from './host-fs.js';
import { nodeHost } from './node-host.js';

export { Box, compileModule } from '../core/box.js';
export { InvalidModuleError, WasmboxError } from '../core/errors.js';
export { loginArgs, loginEnvironment, loginOf } from '../core/login.js';
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

// A box in Node: this process's stdio and clocks, and host directories.
export class NodeBox extends Box {
  /**
   * Gives the guests the host directory `hostPath` as `guest` (see
   * Box.attachHostDir): returns the preopen to pass to run().
   */
  mountHostDir(hostPath, guest = hostPath, at = guest) {
    let mount;
    try {
      mount = this._host.fs.addMount(hostPath);
    } catch (e) {
      const why = { ENOENT: 'no such directory', ENOTDIR: 'not a directory', EACCES: 'permission denied' };
      throw new WasmboxError(`cannot use ${hostPath}: ${why[e.code] ?? e.message}`, e.code ?? 'EHOSTDIR');
    }
    return this.attachHostDir(mount, guest, at);
  }
}

/**
 * Creates a NodeBox.
 * @param {object} [options]  see Box.create
 */
export async function createNodeBox(options = {}) {
  const host = { ...nodeHost(), fs: new NodeHostFs() };
  const shared = Boolean(options.shared || options.threads);
  return NodeBox.create({ kernelWasm: await compiledKernel(shared), host, ...options });
}

/** The name the browser entry uses too. */
export const createBox = createNodeBox;
