// Preemption points for guests that take turns on one thread (a page that
// is not cross-origin isolated, with JSPI). A guest that computes without
// calling the kernel must still let the terminal, the signals it is sent
// and the other processes in. As wasmtime's epoch interruption does, the
// module is rewritten: at each loop's head, and at the entry of each
// function that calls another (one that calls none ends soon unless it
// loops), a budget (a global of its own) goes down; when it is spent the
// guest calls the import `wasmbox:preempt`.`tick` and refills it. The
// runtime's tick yields (suspending the guest) once a time slice has
// passed, and runs the handlers of the signals sent meanwhile.
//
// Only the code changes: one import, one type if the module has none
// without parameters and results, one global. The function indices after
// the imports move up by one wherever they are named (calls, exports,
// element segments, globals, the name section). A module with a start
// function, a table with an initial value, or an object file's sections
// is left as it is.

import { concatBytes } from '../concat-bytes.js';
import { HEADER, KIND, Reader, SECTION, imports, leb, name, sections, sleb } from './binary.js';
import { Unsupported, skipImmediates, skipValueType } from './instructions.js';

/** Where the import the rewritten module calls is. */
export const PREEMPT_IMPORT = Object.freeze({ module: 'wasmbox:preempt', name: 'tick' });

// Checks between two ticks: a tick costs a call to JS, a check a few
// instructions.
const BUDGET = 10000;

// The order the known sections must come in (the tag section sits between
// memory and global, the data count before the code).
/** @type {number[]} */
const ORDER = [
  SECTION.TYPE, SECTION.IMPORT, SECTION.FUNCTION, SECTION.TABLE, SECTION.MEMORY, SECTION.TAG,
  SECTION.GLOBAL, SECTION.EXPORT, SECTION.START, SECTION.ELEMENT, SECTION.DATA_COUNT, SECTION.CODE,
  SECTION.DATA,
];

const OP = Object.freeze({
  LOOP: 0x03, IF: 0x04, END: 0x0b, CALL: 0x10, RETURN_CALL: 0x12, GLOBAL_GET: 0x23,
  GLOBAL_SET: 0x24, I32_CONST: 0x41, I32_EQZ: 0x45, I32_SUB: 0x6b, REF_FUNC: 0xd2,
});
// call, call_indirect, return_call, return_call_indirect, call_ref,
// return_call_ref.
const CALLS = new Set([0x10, 0x11, 0x12, 0x13, 0x14, 0x15]);
const EMPTY_BLOCK = 0x40;
const FUNC_TYPE = 0x60;
const I32 = 0x7f;

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

  // Bytes made already (they are copied only when done).
  put(bytes) {
    this.parts.push(bytes);
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
    // Made once: it goes at every loop head and many function entries.
    this.check = Uint8Array.from([
      OP.GLOBAL_GET, ...leb(fuel), OP.I32_EQZ, OP.IF, EMPTY_BLOCK,
      OP.CALL, ...leb(this.firstDefined), OP.I32_CONST, ...sleb(BUDGET), OP.GLOBAL_SET, ...leb(fuel),
      OP.END,
      OP.GLOBAL_GET, ...leb(fuel), OP.I32_CONST, 1, OP.I32_SUB, OP.GLOBAL_SET, ...leb(fuel),
    ]);
  }

  find(id) {
    return this.all.find((s) => s.id === id);
  }

  func(index) {
    return index >= this.firstDefined ? index + 1 : index;
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
        out.put(this.check);
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

  // A vector section copied entry by entry: `entry(r, out, i)` copies one.
  eachEntry(id, section, entry) {
    const r = new Reader(this.bytes, section.start);
    const out = new Out(this.bytes);
    const count = r.leb();
    out.add(leb(count));
    for (let i = 0; i < count; ++i) entry(r, out, i);
    return wrap(id, out.done());
  }

  exportSection(section) {
    return this.eachEntry(SECTION.EXPORT, section, (r, out) => {
      const at = r.pos;
      r.name();
      const kind = r.byte();
      out.copy(at, r.pos);
      const index = r.leb();
      out.add(leb(kind === KIND.FUNC ? this.func(index) : index));
    });
  }

  elementSection(section) {
    const functions = (r, out) => {
      const n = r.leb();
      out.add(leb(n));
      for (let i = 0; i < n; ++i) out.add(leb(this.func(r.leb())));
    };
    const expressions = (r, out) => {
      const n = r.leb();
      out.add(leb(n));
      for (let i = 0; i < n; ++i) this.instructions(r, out, section.end, true);
    };
    return this.eachEntry(SECTION.ELEMENT, section, (r, out) => {
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
        expressions(r, out);
      } else {
        if (flags & 3) r.byte();  // elemkind
        out.copy(at, r.pos);
        functions(r, out);
      }
    });
  }

  codeSection(section) {
    return this.eachEntry(SECTION.CODE, section, (r, out) => {
      const size = r.leb();
      const end = r.pos + size;
      const body = new Out(this.bytes);
      const at = r.pos;
      for (let n = r.leb(); n > 0; --n) r.leb(), skipValueType(r);  // locals
      body.copy(at, r.pos);
      const calls = this.instructions(r, body, end);
      if (r.pos !== end) throw new Unsupported('a function body that does not end where its size says');
      if (calls) body.parts.splice(1, 0, this.check);  // after the locals
      const bytes = body.done();
      out.add(leb(bytes.length));
      out.put(bytes);
    });
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
      out.put(bytes);
      r.pos = end;
    }
    return wrap(SECTION.CUSTOM, out.done());
  }

  // A custom section's name. An object file's linking and relocation
  // sections, and a shared library's, name code by its offsets: such a
  // module is not rewritten.
  customName(section) {
    const title = new Reader(this.bytes, section.start).name();
    if (title === 'linking' || title.startsWith('reloc.') || title.startsWith('dylink')) {
      throw new Unsupported(`a module with a ${title} section`);
    }
    return title;
  }

  // A start function runs as the module is instantiated, from JS, where a
  // tick could not suspend; a table's initial value may name a function.
  checkSupported() {
    if (this.find(SECTION.START)) throw new Unsupported('a start function');
    const tables = this.find(SECTION.TABLE);
    if (!tables) return;
    const r = new Reader(this.bytes, tables.start);
    for (let n = r.leb(); n > 0; --n) {
      if (this.bytes[r.pos] === 0x40) throw new Unsupported('a table with an initial value');
      skipValueType(r);
      r.limits();
    }
  }

  rewrite() {
    this.checkSupported();
    const type = this.types(this.find(SECTION.TYPE));
    /** @type {Map<number, (section: object | null) => Uint8Array>} */
    const made = new Map([
      [SECTION.TYPE, (_) => type.bytes],
      [SECTION.IMPORT, (s) => this.importSection(s, type.index)],
      [SECTION.GLOBAL, (s) => this.globalSection(s)],
    ]);
    /** @type {Map<number, (section: object) => Uint8Array>} */
    const rewritten = new Map([
      [SECTION.EXPORT, (/** @type {object} */ s) => this.exportSection(s)],
      [SECTION.ELEMENT, (s) => this.elementSection(s)],
      [SECTION.CODE, (s) => this.codeSection(s)],
    ]);
    /** @type {Uint8Array[]} */
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
        parts.push(this.customName(section) === 'name' ? this.nameSection(section) : this.bytes.subarray(section.at, section.end));
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
