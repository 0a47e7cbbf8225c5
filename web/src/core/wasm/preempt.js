// Preemption points for guests that take turns on one thread (a page that
// is not cross-origin isolated, with JSPI). A guest that computes without
// calling the kernel must still let the terminal, the signals it is sent
// and the other processes in. As wasmtime's epoch interruption does, the
// module is rewritten: at each loop's head and each function's entry a
// budget (a global of its own) goes down, and when it is spent the guest
// calls the import `wasmbox:preempt`.`tick` and refills it. The runtime's
// tick yields (suspending the guest) once a time slice has passed.
//
// Loops tick at their head; a function ticks at its entry only if it
// calls another (a function that calls none ends soon unless it loops).
// Only the code changes: one import, one type if the module has none
// without parameters and results, one global. The function indices after
// the imports move up by one wherever they are named (calls, exports, the
// start function, element segments, globals, the name section).

import { HEADER, KIND, Reader, SECTION, imports, leb, name, sections, sleb } from './binary.js';
import { concatBytes } from '../concat-bytes.js';

/** Where the import the rewritten module calls is. */
export const PREEMPT_IMPORT = Object.freeze({ module: 'wasmbox:preempt', name: 'tick' });

// Checks between two ticks: a tick costs a call to JS, a check a few
// instructions.
const BUDGET = 10000;

// The order the known sections must come in (the tag section sits between
// memory and global, the data count before the code).
const ORDER = [
  SECTION.TYPE, SECTION.IMPORT, SECTION.FUNCTION, SECTION.TABLE, SECTION.MEMORY, SECTION.TAG,
  SECTION.GLOBAL, SECTION.EXPORT, SECTION.START, SECTION.ELEMENT, SECTION.DATA_COUNT, SECTION.CODE,
  SECTION.DATA,
];

const OP = Object.freeze({
  BLOCK: 0x02, LOOP: 0x03, IF: 0x04, END: 0x0b, CALL: 0x10, RETURN_CALL: 0x12, GLOBAL_GET: 0x23,
  GLOBAL_SET: 0x24, I32_CONST: 0x41, I32_EQZ: 0x45, I32_SUB: 0x6b, REF_FUNC: 0xd2,
});
// call, call_indirect, return_call, return_call_indirect, call_ref,
// return_call_ref.
const CALLS = new Set([0x10, 0x11, 0x12, 0x13, 0x14, 0x15]);
const EMPTY_BLOCK = 0x40;
const FUNC_TYPE = 0x60;
const I32 = 0x7f;
// Reference types with a heap type after them (typed references, GC).
const REF = 0x64;
const REF_NULL = 0x63;

class Unsupported extends Error {}

// A value type: one byte, or a reference type and its heap type.
function skipValueType(r) {
  const b = r.byte();
  if (b === REF || b === REF_NULL) skipHeapType(r);
}

// An abstract heap type is one byte (a negative s33); else a type index.
function skipHeapType(r) {
  const b = r.bytes[r.pos];
  if (b >= 0x40 && b < 0x80) r.skip(1);
  else r.leb();
}

function skipBlockType(r) {
  const b = r.bytes[r.pos];
  if (b === EMPTY_BLOCK || (b >= 0x6a && b < 0x80 && b !== REF && b !== REF_NULL)) r.skip(1);
  else if (b === REF || b === REF_NULL) skipValueType(r);
  else r.leb();  // a type index, as s33
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

// Skips the immediates of instruction `op` (read already), but for those
// that name a function, which the caller handles.
function skipImmediates(r, op) {
  if (op >= 0x45 && op <= 0xc4) return;  // numeric
  switch (op) {
    case 0x00: case 0x01: case 0x05: case 0x0a: case OP.END: case 0x0f: case 0x19: case 0x1a: case 0x1b:
    case 0xd1: case 0xd3: case 0xd4:
      return;
    case OP.BLOCK: case OP.LOOP: case OP.IF: case 0x06:
      return skipBlockType(r);
    case 0x07: case 0x08: case 0x09: case 0x0c: case 0x0d: case 0x14: case 0x15: case 0x18:
    case 0x20: case 0x21: case 0x22: case OP.GLOBAL_GET: case OP.GLOBAL_SET: case 0x25: case 0x26:
    case 0x3f: case 0x40: case OP.I32_CONST: case 0x42: case 0xd5: case 0xd6:
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
    case 0xd0:
      return skipHeapType(r);
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

// Collects a section's new bytes: copied ranges of the old and new bytes.
class Out {
  constructor(bytes) {
    this.bytes = bytes;
    this.parts = [];
  }

  copy(from, to) {
    if (to > from) this.parts.push(this.bytes.subarray(from, to));
  }

  add(array) {
    this.parts.push(Uint8Array.from(array));
  }

  done() {
    return concatBytes(this.parts);
  }
}

class Rewriter {
  constructor(bytes) {
    if (!HEADER.every((b, i) => bytes[i] === b)) throw new Unsupported('not a module of version 1');
    this.bytes = bytes;
    this.all = sections(bytes);
    const imported = imports(bytes, this.find(SECTION.IMPORT));
    // The first function the module defines: the tick import goes there.
    this.firstDefined = imported.filter((i) => i.kind === KIND.FUNC).length;
    const globals = this.find(SECTION.GLOBAL);
    const fuel = imported.filter((i) => i.kind === KIND.GLOBAL).length +
      (globals ? new Reader(bytes, globals.start).leb() : 0);
    this.check = [
      OP.GLOBAL_GET, ...leb(fuel), OP.I32_EQZ, OP.IF, EMPTY_BLOCK,
      OP.CALL, ...leb(this.firstDefined), OP.I32_CONST, ...sleb(BUDGET), OP.GLOBAL_SET, ...leb(fuel),
      OP.END,
      OP.GLOBAL_GET, ...leb(fuel), OP.I32_CONST, 1, OP.I32_SUB, OP.GLOBAL_SET, ...leb(fuel),
    ];
    this.exported = this.exportedFunctions();
  }

  find(id) {
    return this.all.find((s) => s.id === id);
  }

  func(index) {
    return index >= this.firstDefined ? index + 1 : index;
  }

  exportedFunctions() {
    const out = new Set();
    const section = this.find(SECTION.EXPORT);
    if (!section) return out;
    const r = new Reader(this.bytes, section.start);
    for (let n = r.leb(); n > 0; --n) {
      r.name();
      const kind = r.byte();
      const index = r.leb();
      if (kind === KIND.FUNC) out.add(index);
    }
    return out;
  }

  // Copies instructions from r.pos to `end` (or, for a constant expression,
  // to its end), renumbering functions and adding a check at each loop.
  // Whether they call a function.
  instructions(r, out, end, expression = false) {
    let from = r.pos;
    let calls = false;
    while (r.pos < end) {
      const at = r.pos;
      const op = r.byte();
      if (CALLS.has(op)) calls = true;
      if (op === OP.CALL || op === OP.RETURN_CALL || op === OP.REF_FUNC) {
        const index = r.leb();
        out.copy(from, at);
        out.add([op, ...leb(this.func(index))]);
        from = r.pos;
        continue;
      }
      skipImmediates(r, op);
      if (op === OP.LOOP) {
        out.copy(from, r.pos);
        out.add(this.check);
        from = r.pos;
      }
      if (expression && op === OP.END) break;
    }
    out.copy(from, r.pos);
    return calls;
  }

  // The type section, with a type without parameters and results if it
  // has none; and that type's index.
  types(section) {
    if (!section) return { bytes: Uint8Array.from([SECTION.TYPE, 4, 1, FUNC_TYPE, 0, 0]), index: 0 };
    const r = new Reader(this.bytes, section.start);
    const count = r.leb();
    const entries = r.pos;
    for (let i = 0; i < count; ++i) {
      if (r.byte() !== FUNC_TYPE) throw new Unsupported('a type that is not a function type');
      const params = r.leb();
      for (let n = params; n > 0; --n) skipValueType(r);
      const results = r.leb();
      for (let n = results; n > 0; --n) skipValueType(r);
      if (params === 0 && results === 0) return { bytes: this.bytes.subarray(section.at, section.end), index: i };
    }
    const out = new Out(this.bytes);
    out.add(leb(count + 1));
    out.copy(entries, section.end);
    out.add([FUNC_TYPE, 0, 0]);
    return { bytes: wrap(SECTION.TYPE, out.done()), index: count };
  }

  importSection(section, type) {
    const tick = [...name(PREEMPT_IMPORT.module), ...name(PREEMPT_IMPORT.name), KIND.FUNC, ...leb(type)];
    return this.appended(SECTION.IMPORT, section, tick);
  }

  globalSection(section) {
    const fuel = [I32, 1, OP.I32_CONST, ...sleb(BUDGET), OP.END];
    if (!section) return this.appended(SECTION.GLOBAL, null, fuel);
    const r = new Reader(this.bytes, section.start);
    const count = r.leb();
    const out = new Out(this.bytes);
    out.add(leb(count + 1));
    for (let i = 0; i < count; ++i) {
      const at = r.pos;
      skipValueType(r);
      r.byte();  // mutable or not
      out.copy(at, r.pos);
      this.instructions(r, out, section.end, true);
    }
    out.add(fuel);
    return wrap(SECTION.GLOBAL, out.done());
  }

  // A vector section with `entry` added at its end.
  appended(id, section, entry) {
    const out = new Out(this.bytes);
    if (!section) {
      out.add([1, ...entry]);
    } else {
      const r = new Reader(this.bytes, section.start);
      out.add(leb(r.leb() + 1));
      out.copy(r.pos, section.end);
      out.add(entry);
    }
    return wrap(id, out.done());
  }

  exportSection(section) {
    const r = new Reader(this.bytes, section.start);
    const out = new Out(this.bytes);
    const count = r.leb();
    out.add(leb(count));
    for (let i = 0; i < count; ++i) {
      const at = r.pos;
      r.name();
      const kind = r.byte();
      out.copy(at, r.pos);
      const index = r.leb();
      out.add(leb(kind === KIND.FUNC ? this.func(index) : index));
    }
    return wrap(SECTION.EXPORT, out.done());
  }

  startSection(section) {
    const index = new Reader(this.bytes, section.start).leb();
    return wrap(SECTION.START, Uint8Array.from(leb(this.func(index))));
  }

  elementSection(section) {
    const r = new Reader(this.bytes, section.start);
    const out = new Out(this.bytes);
    const count = r.leb();
    out.add(leb(count));
    const functions = () => {
      const n = r.leb();
      out.add(leb(n));
      for (let i = 0; i < n; ++i) out.add(leb(this.func(r.leb())));
    };
    const expressions = () => {
      const n = r.leb();
      out.add(leb(n));
      for (let i = 0; i < n; ++i) this.instructions(r, out, section.end, true);
    };
    for (let i = 0; i < count; ++i) {
      let at = r.pos;
      const flags = r.leb();
      if (flags > 7) throw new Unsupported(`element segment kind ${flags}`);
      if (flags & 2 && !(flags & 1)) r.leb();  // a table index
      out.copy(at, r.pos);
      if (!(flags & 1)) this.instructions(r, out, section.end, true);  // an offset
      at = r.pos;
      if (flags & 4) {
        if (flags & 3) skipValueType(r);
        out.copy(at, r.pos);
        expressions();
      } else {
        if (flags & 3) r.byte();  // elemkind
        out.copy(at, r.pos);
        functions();
      }
    }
    return wrap(SECTION.ELEMENT, out.done());
  }

  codeSection(section) {
    const r = new Reader(this.bytes, section.start);
    const out = new Out(this.bytes);
    const count = r.leb();
    out.add(leb(count));
    for (let i = 0; i < count; ++i) {
      const size = r.leb();
      const end = r.pos + size;
      const body = new Out(this.bytes);
      const at = r.pos;
      for (let n = r.leb(); n > 0; --n) r.leb(), skipValueType(r);  // locals
      body.copy(at, r.pos);
      const calls = this.instructions(r, body, end);
      if (r.pos !== end) throw new Unsupported('a function body that does not end where its size says');
      // An export may be called from JS, where the guest cannot suspend:
      // only its loops tick.
      if (calls && !this.exported.has(this.firstDefined + i)) body.parts.splice(1, 0, Uint8Array.from(this.check));
      const bytes = body.done();
      out.add(leb(bytes.length));
      out.parts.push(bytes);
    }
    return wrap(SECTION.CODE, out.done());
  }

  // The name section with the functions named by their new indices.
  nameSection(section) {
    const r = new Reader(this.bytes, section.start);
    r.name();
    const out = new Out(this.bytes);
    out.copy(section.start, r.pos);
    while (r.pos < section.end) {
      const id = r.byte();
      const size = r.leb();
      const end = r.pos + size;
      // 1: function names; 2, 3: local and label names, by function.
      if (id < 1 || id > 3) {
        out.add([id, ...leb(size)]);
        out.copy(r.pos, end);
        r.pos = end;
        continue;
      }
      const sub = new Out(this.bytes);
      const count = r.leb();
      sub.add(leb(count));
      for (let i = 0; i < count; ++i) {
        sub.add(leb(this.func(r.leb())));
        const at = r.pos;
        if (id === 1) r.name();
        else for (let n = r.leb(); n > 0; --n) r.leb(), r.name();
        sub.copy(at, r.pos);
      }
      const bytes = sub.done();
      out.add([id, ...leb(bytes.length)]);
      out.parts.push(bytes);
      r.pos = end;
    }
    return wrap(SECTION.CUSTOM, out.done());
  }

  isNameSection(section) {
    return new Reader(this.bytes, section.start).name() === 'name';
  }

  rewrite() {
    const type = this.types(this.find(SECTION.TYPE));
    const made = new Map([
      [SECTION.TYPE, () => type.bytes],
      [SECTION.IMPORT, (s) => this.importSection(s, type.index)],
      [SECTION.GLOBAL, (s) => this.globalSection(s)],
    ]);
    const rewritten = new Map([
      [SECTION.EXPORT, (s) => this.exportSection(s)],
      [SECTION.START, (s) => this.startSection(s)],
      [SECTION.ELEMENT, (s) => this.elementSection(s)],
      [SECTION.CODE, (s) => this.codeSection(s)],
    ]);
    const parts = [Uint8Array.from(HEADER)];
    // The sections this adds where the module has none go where they belong.
    const addMissing = (before) => {
      for (const [id, make] of made) {
        if (before !== undefined && ORDER.indexOf(id) >= ORDER.indexOf(before)) continue;
        parts.push(make(null));
        made.delete(id);
      }
    };
    for (const section of this.all) {
      const { id } = section;
      if (id === SECTION.CUSTOM) {
        parts.push(this.isNameSection(section) ? this.nameSection(section) : this.bytes.subarray(section.at, section.end));
        continue;
      }
      addMissing(id);
      if (made.has(id)) {
        parts.push(made.get(id)(section));
        made.delete(id);
      } else if (rewritten.has(id)) {
        parts.push(rewritten.get(id)(section));
      } else {
        parts.push(this.bytes.subarray(section.at, section.end));
      }
    }
    addMissing();
    return concatBytes(parts);
  }
}

// A section: its id, its size, its body.
function wrap(id, body) {
  return concatBytes([Uint8Array.from([id, ...leb(body.length)]), body]);
}

/**
 * `bytes` (a module) rewritten to call `wasmbox:preempt`.`tick` now and
 * then while it runs, or null when it holds what this cannot rewrite (it
 * then runs as it is).
 * @param {Uint8Array} bytes
 * @returns {Uint8Array | null}
 */
export function addPreemption(bytes) {
  try {
    return new Rewriter(bytes).rewrite();
  } catch {
    return null;
  }
}
