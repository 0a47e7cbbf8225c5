// The browser entry of the package: boxes in a Web Worker (createBox), and
// the host-independent API for running a box on the page's own thread.
export { Box, compileModule } from '../core/box.js';
export { InvalidModuleError, WasmboxError } from '../core/errors.js';
export { fetchBytes } from './fetch-bytes.js';
export { WorkerBox, blockingSupport, createBox } from './worker-box.js';
