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

let kernelBytes = null;
let kernelModule = null;

/** Reads kernel.wasm once per process. */
export async function kernelWasm() {
  kernelBytes ??= await readFile(new URL('../../dist/kernel.wasm', import.meta.url));
  return kernelBytes;
}

// Compiled once per process, for all its boxes.
async function compiledKernel() {
  kernelModule ??= WebAssembly.compile(await kernelWasm());
  return kernelModule;
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
  return NodeBox.create({ kernelWasm: await compiledKernel(), host, ...options });
}

/** The name the browser entry uses too. */
export const createBox = createNodeBox;
