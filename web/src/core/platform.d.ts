// The globals web/src/core may use: those every browser (page and worker)
// and Node have alike, declared here as far as core uses them (with
// webassembly.d.ts). Its tsconfig has no DOM or Node library, so anything
// else is an error.


declare class TextEncoder {
  encode(text?: string): Uint8Array;
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(bytes?: BufferSource, options?: { stream?: boolean }): string;
}

declare class URL {
  constructor(url: string | URL, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly pathname: string;
  toString(): string;
}

interface MessagePort {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: any }) => void) | null;
  close(): void;
}
declare class MessageChannel {
  readonly port1: MessagePort;
  readonly port2: MessagePort;
}

interface Response {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}
declare function fetch(url: string | URL): Promise<Response>;

declare const performance: { now(): number };
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };

type TimerHandle = unknown;
declare function setTimeout(callback: (...args: any[]) => void, ms?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number): TimerHandle;
declare function clearInterval(handle: TimerHandle | undefined): void;
