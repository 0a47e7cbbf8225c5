import { HEADER, SECTION, name, section } from '../core/wasm/binary.js';
import { PREEMPT_IMPORT } from '../core/wasm/preempt.js';
import { withPreemption } from './preempt-build.js';

// A module importing `imported` (functions of type (i32 i32 i32) -> i32)
// whose one function loops forever.
function moduleBytes(imported) {
  return new Uint8Array([
    ...HEADER,
    ...section(SECTION.TYPE, [[0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f], [0x60, 0, 0]]),
    ...section(SECTION.IMPORT, imported.map(([m, n]) => [...name(m), ...name(n), 0, 0])),
    ...section(SECTION.FUNCTION, [[1]]),
    ...section(SECTION.EXPORT, [[...name('spin'), 0, imported.length]]),
    ...section(SECTION.CODE, [[7, 0, 0x03, 0x40, 0x0c, 0, 0x0b, 0x0b]]),  // loop br 0 end
  ]);
}

const importsOf = (bytes) => WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => `${i.module}.${i.name}`);
const TICK = `${PREEMPT_IMPORT.module}.${PREEMPT_IMPORT.name}`;

describe('wasmbox-cc gives a program that catches signals preemption points', () => {
  const prepared = (bytes) => withPreemption(bytes) ?? bytes;

  test('one that imports proc_sigaction gets them, once', () => {
    const once = prepared(moduleBytes([['wasmbox', 'proc_sigaction']]));
    expect(importsOf(once)).toEqual(['wasmbox.proc_sigaction', TICK]);
    expect(prepared(once)).toEqual(once);
  });

  test('one that cannot catch signals is left as it is', () => {
    const bytes = moduleBytes([['wasmbox', 'proc_kill']]);
    expect(prepared(bytes)).toEqual(bytes);
  });
});
