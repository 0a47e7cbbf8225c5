// The instructions of the WebAssembly binary format, as far as code that
// copies them needs: how long each one's immediates are. Proposals a C or
// C++ program can use are known (bulk memory, SIMD, threads, exceptions,
// tail calls, typed function references); GC instructions are not.

/** An instruction or construct that is not known here. */
export class Unsupported extends Error {}

const END = 0x0b;
// Reference types with a heap type after them (typed references, GC).
const REF = 0x64;
const REF_NULL = 0x63;

/** Skips a value type: one byte, or a reference type and its heap type. */
export function skipValueType(r) {
  const b = r.byte();
  if (b === REF || b === REF_NULL) r.leb();  // a heap type: s33, one byte when abstract
}

// A block type: empty, a value type (one byte below 0x80 but a reference
// type's two) or a type index (s33).
function skipBlockType(r) {
  const b = r.bytes[r.pos];
  if (b === REF || b === REF_NULL) skipValueType(r);
  else r.leb();
}

function skipMemarg(r) {
  if (r.leb() & 0x40) r.leb();  // a memory index
  r.leb();
}

// The 0xfc instructions' immediates: how many LEB numbers.
const MISC_LEBS = [0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1];

function skipSimd(r) {
  const op = r.leb();
  if (op <= 11 || op === 92 || op === 93) skipMemarg(r);
  else if (op === 12 || op === 13) r.skip(16);
  else if (op >= 21 && op <= 34) r.skip(1);
  else if (op >= 84 && op <= 91) skipMemarg(r), r.skip(1);
}

/**
 * Skips the immediates of instruction `op` (read already).
 * @param {import('./binary.js').Reader} r
 * @param {number} op
 */
export function skipImmediates(r, op) {
  if (op >= 0x45 && op <= 0xc4) return;  // numeric
  switch (op) {
    case 0x00: case 0x01: case 0x05: case 0x0a: case END: case 0x0f: case 0x19: case 0x1a: case 0x1b:
    case 0xd1: case 0xd3: case 0xd4:
      return;
    case 0x02: case 0x03: case 0x04: case 0x06:  // block, loop, if, try
      return skipBlockType(r);
    case 0x07: case 0x08: case 0x09: case 0x0c: case 0x0d: case 0x10: case 0x12: case 0x14: case 0x15:
    case 0x18: case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
    case 0x3f: case 0x40: case 0x41: case 0x42: case 0xd0: case 0xd2: case 0xd5: case 0xd6:
      r.leb();
      return;
    case 0x0e:
      for (let n = r.leb() + 1; n > 0; --n) r.leb();
      return;
    case 0x11: case 0x13:
      r.leb(), r.leb();
      return;
    case 0x1c:
      for (let n = r.leb(); n > 0; --n) skipValueType(r);
      return;
    case 0x1f:  // try_table: its catch clauses
      skipBlockType(r);
      for (let n = r.leb(); n > 0; --n) {
        if (r.byte() < 2) r.leb();  // a tag
        r.leb();
      }
      return;
    case 0x43:
      return r.skip(4);
    case 0x44:
      return r.skip(8);
    case 0xfc: {
      const sub = r.leb();
      if (sub >= MISC_LEBS.length) throw new Unsupported(`instruction 0xfc ${sub}`);
      for (let n = MISC_LEBS[sub]; n > 0; --n) r.leb();
      return;
    }
    case 0xfd:
      return skipSimd(r);
    case 0xfe:
      if (r.leb() === 3) r.skip(1);  // atomic.fence
      else skipMemarg(r);
      return;
    default:
      if (op >= 0x28 && op <= 0x3e) return skipMemarg(r);
      throw new Unsupported(`instruction 0x${op.toString(16)}`);
  }
}

/** Skips a constant expression (a global's value, a segment's offset). */
export function skipConstExpr(r) {
  for (let op = r.byte(); op !== END; op = r.byte()) skipImmediates(r, op);
}
