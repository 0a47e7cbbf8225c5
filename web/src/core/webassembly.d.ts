// The JS API of WebAssembly as core uses it: the DOM's library declares
// it, Node's types do not, so core and node/ take it from here (browser/
// from the DOM's; JSPI for all from jspi.d.ts).

type BufferSource = ArrayBufferView | ArrayBuffer;

declare namespace WebAssembly {
  type ImportValue = Function | Global | Memory | Table | Tag | number | bigint;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, Function | Global | Memory | Table | Tag>;

  interface ModuleImportDescriptor { module: string; name: string; kind: 'function' | 'global' | 'memory' | 'table' | 'tag' }
  interface ModuleExportDescriptor { name: string; kind: 'function' | 'global' | 'memory' | 'table' | 'tag' }

  class Module {
    constructor(bytes: BufferSource);
    static imports(module: Module): ModuleImportDescriptor[];
    static exports(module: Module): ModuleExportDescriptor[];
    static customSections(module: Module, name: string): ArrayBuffer[];
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports & Record<string, any>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  class Table {
    constructor(descriptor: { element: 'anyfunc' | 'externref'; initial: number; maximum?: number });
    readonly length: number;
    get(index: number): any;
    set(index: number, value: any): void;
    grow(delta: number, value?: any): number;
  }
  class Global {
    constructor(descriptor: { value: string; mutable?: boolean }, value?: number | bigint);
    value: any;
  }
  class Tag {
    constructor(descriptor: { parameters: string[] });
  }
  class Exception {
    constructor(tag: Tag, payload: unknown[]);
    is(tag: Tag): boolean;
    getArg(tag: Tag, index: number): unknown;
  }
  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  function compile(bytes: BufferSource): Promise<Module>;
  function validate(bytes: BufferSource): boolean;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
  function instantiate(bytes: BufferSource, imports?: Imports): Promise<{ module: Module; instance: Instance }>;
}
