// JSPI (WebAssembly.Suspending, WebAssembly.promising), which neither the
// DOM's library nor webassembly.d.ts declares yet: present where the
// engine has it, so code tests for it first.

declare namespace WebAssembly {
  /** JSPI: present where the engine has it. */
  class Suspending {
    constructor(fn: (...args: any[]) => unknown);
  }
  const promising: ((fn: Function) => (...args: any[]) => Promise<any>) | undefined;
}
