// The types of the kernel's Emscripten glue (kernel.mjs, kernel-shared.mjs):
// set-up copies this beside each in web/dist. The module it makes has the
// Embind functions of shim/src/bindings; core/kernel.js wraps them.

/** Makes the kernel's module: Emscripten's settings and hooks in, the module out. */
declare function createKernelModule(settings: Record<string, unknown>): Promise<Record<string, any>>;
export default createKernelModule;
