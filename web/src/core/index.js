// The host-independent API: a Box runs WASI modules against the kernel.
export { Box, compileModule } from './box.js';
export { InvalidModuleError, WasmboxError } from './errors.js';
