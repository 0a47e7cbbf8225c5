// A small wasm module, generated here, that stands between a guest and the
// kernel. It exports every import a guest may declare (abi.js), named
// "module.name", with its spec's type, so a guest that declares an import
// with another type fails to link (V8 checks types only between wasm
// functions; a JS function accepts anything). Each export calls the kernel
// export with the process id prepended, wasm to wasm. A call that may block
// calls JS only when the kernel answers "would block", so the host can
// park the process (with JSPI, by suspending the guest there); the exits
// call JS instead of the kernel.

import { IMPORT_SIGNATURES, NO_RESULT, WASI_MODULE } from './abi.js';
import { HEADER, KIND, SECTION, leb, name, section, sleb, vec } from './wasm/binary.js';

/** Every import as [key "module.name", module, name, parameter types]. */
export const ADAPTER_FUNCTIONS = Object.freeze(Object.entries(IMPORT_SIGNATURES).flatMap(
  ([module, fns]) => Object.entries(fns).map(([name, params]) => [`${module}.${name}`, module, name, params])));

const I32 = 0x7f;
const I64 = 0x7e;
const FUNC_TYPE = 0x60;
const OP = Object.freeze({
  GLOBAL_GET: 0x23, LOCAL_GET: 0x20, LOCAL_TEE: 0x22, CALL: 0x10, I32_CONST: 0x41, I32_EQ: 0x46,
  IF: 0x04, ELSE: 0x05, END: 0x0b,
});

function funcType(params, withPid, result) {
  const types = [...(withPid ? [I32] : []), ...[...params].map((p) => (p === 'j' ? I64 : I32))];
  return [FUNC_TYPE, ...vec(types.map((t) => [t])), ...vec(result ? [[I32]] : [])];
}

/** The import of a blocking call's slow path: key "module.name!". */
export const slowKey = (key) => `${key}!`;

/**
 * The adapter's bytes. It imports, from module "k", the immutable i32
 * global "pid" and, per function key, either the kernel export (with the
 * pid first) or, for keys in `viaJs`, a JS function of the import's type.
 * For keys in `blocking` (key → the kernel's "would block" answer) it also
 * imports the slow path, `slowKey(key)`, of the import's type, called with
 * the same arguments when the kernel answers that.
 * @param {Set<string>} viaJs
 * @param {Map<string, number>} blocking
 */
export function adapterBytes(viaJs, blocking) {
  const types = [];
  const typeIndex = (bytes) => {
    const key = bytes.join(',');
    let i = types.findIndex((t) => t.join(',') === key);
    if (i < 0) i = types.push(bytes) - 1;
    return i;
  };
  const imports = [];
  const slowImports = [];
  const functions = [];
  const exports = [];
  const bodies = [];
  const slowBase = ADAPTER_FUNCTIONS.length;
  const slowCount = ADAPTER_FUNCTIONS.filter(([key]) => blocking.has(key)).length;
  ADAPTER_FUNCTIONS.forEach(([key, module, fn, params], i) => {
    const result = !(module === WASI_MODULE && NO_RESULT.has(fn));
    const direct = !viaJs.has(key);
    const ownType = leb(typeIndex(funcType(params, false, result)));
    imports.push([...name('k'), ...name(key), KIND.FUNC, ...leb(typeIndex(funcType(params, direct, result)))]);
    functions.push(ownType);
    exports.push([...name(key), KIND.FUNC, ...leb(slowBase + slowCount + i)]);
    const args = [...params].flatMap((_, k) => [OP.LOCAL_GET, ...leb(k)]);
    const call = [...(direct ? [OP.GLOBAL_GET, 0] : []), ...args, OP.CALL, ...leb(i)];
    let code = [0, ...call, OP.END];  // no locals
    if (blocking.has(key)) {
      const slow = slowBase + slowImports.length;
      slowImports.push([...name('k'), ...name(slowKey(key)), KIND.FUNC, ...ownType]);
      const r = leb(params.length);
      code = [
        1, 1, I32,  // one local: the kernel's answer
        ...call, OP.LOCAL_TEE, ...r, OP.I32_CONST, ...sleb(blocking.get(key)), OP.I32_EQ,
        OP.IF, I32, ...args, OP.CALL, ...leb(slow), OP.ELSE, OP.LOCAL_GET, ...r, OP.END,
        OP.END,
      ];
    }
    bodies.push([...leb(code.length), ...code]);
  });
  imports.push(...slowImports);
  imports.push([...name('k'), ...name('pid'), KIND.GLOBAL, I32, 0]);
  return new Uint8Array([
    ...HEADER,
    ...section(SECTION.TYPE, types),
    ...section(SECTION.IMPORT, imports),
    ...section(SECTION.FUNCTION, functions),
    ...section(SECTION.EXPORT, exports),
    ...section(SECTION.CODE, bodies),
  ]);
}
