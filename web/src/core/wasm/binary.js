// The WebAssembly binary format's basics, for the code here that reads or
// writes modules: LEB128 numbers, names, vectors and sections.

import { skipValueType } from './instructions.js';

/** `n` (0 to 2^32 - 1) as unsigned LEB128 bytes. */
export function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** `n` (an i32) as signed LEB128 bytes. */
export function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** A name: its UTF-8 bytes, after their count. */
export const name = (s) => {
  const bytes = new TextEncoder().encode(s);
  return [...leb(bytes.length), ...bytes];
};

/** A vector: its items' bytes, after their count. */
export const vec = (items) => [...leb(items.length), ...items.flat()];

/** A section: its id, its size and a vector of `items`. */
export const section = (id, items) => {
  const body = vec(items);
  return [id, ...leb(body.length), ...body];
};

/** The module header: magic number and version 1. */
export const HEADER = Object.freeze([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export const SECTION = Object.freeze({
  CUSTOM: 0, TYPE: 1, IMPORT: 2, FUNCTION: 3, TABLE: 4, MEMORY: 5, GLOBAL: 6, EXPORT: 7, START: 8,
  ELEMENT: 9, CODE: 10, DATA: 11, DATA_COUNT: 12, TAG: 13,
});
export const KIND = Object.freeze({ FUNC: 0, TABLE: 1, MEMORY: 2, GLOBAL: 3, TAG: 4 });

/** Reads a module's bytes from a position on. */
export class Reader {
  constructor(bytes, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }

  byte() {
    if (this.pos >= this.bytes.length) throw new Error('the module ends early');
    return this.bytes[this.pos++];
  }

  leb() {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      n += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return n;
    }
  }

  skip(n) {
    this.pos += n;
  }

  name() {
    const n = this.leb();
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  limits() {
    const flags = this.byte();
    this.leb();
    if (flags & 1) this.leb();
  }
}

/**
 * The module's sections: id, where the section starts (its id) and where
 * its body starts and ends.
 * @param {Uint8Array} bytes
 * @returns {{id: number, at: number, start: number, end: number}[]}
 */
export function sections(bytes) {
  const r = new Reader(bytes, HEADER.length);
  const out = [];
  while (r.pos < bytes.length) {
    const at = r.pos;
    const id = r.byte();
    const size = r.leb();
    out.push({ id, at, start: r.pos, end: r.pos + size });
    r.skip(size);
  }
  return out;
}

/**
 * The imports of an import section, in order, as {module, name, kind} and,
 * for a function, its type index.
 */
export function imports(bytes, section) {
  if (!section) return [];
  const r = new Reader(bytes, section.start);
  return Array.from({ length: r.leb() }, () => {
    const entry = { module: r.name(), name: r.name(), kind: r.byte() };
    if (entry.kind === KIND.FUNC) entry.type = r.leb();
    else if (entry.kind === KIND.TABLE) skipValueType(r), r.limits();
    else if (entry.kind === KIND.MEMORY) r.limits();
    else if (entry.kind === KIND.GLOBAL) skipValueType(r), r.byte();
    else if (entry.kind === KIND.TAG) r.byte(), r.leb();
    return entry;
  });
}

/** Whether module `bytes` imports function `module`.`name`. */
export function importsFunction(bytes, { module, name: fn }) {
  return imports(bytes, sections(bytes).find((s) => s.id === SECTION.IMPORT))
    .some((i) => i.kind === KIND.FUNC && i.module === module && i.name === fn);
}
