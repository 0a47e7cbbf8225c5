// The Node entry of the wasmbox package: the shared API (core.d.ts) and
// boxes on this process's stdio, clocks and host directories.
import type { Box, BoxHost, BoxOptions } from './core.js';

export * from './core.js';

/** A box in Node: this process's stdio and clocks, and host directories. */
export class NodeBox extends Box {
  /**
   * Gives guests the host directory `hostPath` (read-write) as `guest`
   * (default: `hostPath`); returns the preopen to pass to run(). Symlinks
   * in it cannot lead outside it.
   */
  mountHostDir(hostPath: string, guest?: string): { name: string; handle: number };
}

/** Creates a {@link NodeBox}. */
export function createNodeBox(options?: Omit<BoxOptions, 'kernelWasm' | 'host'>): Promise<NodeBox>;

/** The same as {@link createNodeBox}: the name the browser entry uses too. */
export const createBox: typeof createNodeBox;

/** The host of a NodeBox: process stdio, hrtime clocks, WebCrypto. */
export function nodeHost(options?: {
  /** Run guests on this process's terminal. Default: when stdin and stdout or stderr are one. */
  terminal?: boolean;
}): BoxHost;

/** The bytes of the package's kernel.wasm (read once). */
export function kernelWasm(): Promise<Uint8Array>;
