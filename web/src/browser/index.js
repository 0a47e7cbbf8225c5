// The browser entry of the package: boxes in a Web Worker, driven from the
// page. (The kernel and guests run in the worker, dist/worker.js.)
export { InvalidModuleError, WasmboxError } from '../core/errors.js';
export { loginArgs, loginEnvironment, loginOf } from '../core/login.js';
export { fetchBytes } from '../core/fetch-bytes.js';
export { registerServiceWorker } from './relay-channel.js';
export { WorkerBox, blockingSupport, createBox } from './worker-box.js';
