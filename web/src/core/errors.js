// Errors the runtime throws for misuse or for input it refuses. Guest
// outcomes (exit status, traps) are values, not errors.

export class WasmboxError extends Error {
  /** @param {string} message @param {string} code */
  constructor(message, code) {
    super(message);
    this.name = 'WasmboxError';
    this.code = code;
  }
}

// The bytes are not a WebAssembly module, or not one the box can run.
export class InvalidModuleError extends WasmboxError {
  constructor(message) {
    super(message, 'EINVALIDMODULE');
    this.name = 'InvalidModuleError';
  }
}

// Unwinds a guest's stack when its exec succeeded: the process goes on with
// the program the kernel now holds for it.
export class ProcessExec extends Error {
  constructor() {
    super('process replaced its program');
    this.name = 'ProcessExec';
  }
}

// Unwinds a guest's stack when it calls proc_exit.
export class ProcessExit extends Error {
  constructor(code) {
    super(`process exited with status ${code}`);
    this.name = 'ProcessExit';
    this.code = code;
  }
}
