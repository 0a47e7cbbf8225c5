// A box in Node: this process's stdio and clocks, and host directories.
// Where a page's box takes a URL, it also takes a host file's path.
import { Box } from '../core/box.js';
import { WasmboxError } from '../core/errors.js';
import { hostPathOf, imageFrom, isPathOrUrl, loadableFrom, moduleFrom } from './host-sources.js';

// The options, naming for errors a source given as a path or URL (unless
// the caller names it).
const named = (source, options) =>
  (isPathOrUrl(source) ? { name: hostPathOf(source) ?? String(source), ...options } : options);

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

  /**
   * As Box.run; `module` may also be a host path or a URL (file:, http:, https:).
   * @param {import('../../types/core.js').ModuleSource} module
   * @param {import('../../types/core.js').RunOptions} [options]
   */
  async run(module, { onProgress, ...options } = {}) {
    return super.run(await moduleFrom(module, onProgress), options);
  }

  /** As Box.loadImage; `source` may also be a host path or file: URL (an image is then read as used). */
  loadImage(source, at = '/', options = {}) {
    return super.loadImage(loadableFrom(source), at, named(source, options));
  }

  /** As Box.mountTar; `source` may also be a host path or file: URL, read where it is. */
  mountTar(source, at, options = {}) {
    return super.mountTar(imageFrom(source), at, named(source, options));
  }

  /** As Box.mountImage; `source` may also be a host path or file: URL, read where it is. */
  mountImage(source, at, options = {}) {
    return super.mountImage(imageFrom(source), at, named(source, options));
  }

  /** As Box.runImage; `source` may also be a host path or file: URL, read where it is. */
  runImage(source, options = {}) {
    return super.runImage(imageFrom(source), named(source, options));
  }
}
