// Where the module a link wrote is.
import { existsSync, readFileSync } from 'node:fs';

/**
 * The module a link wrote, for -o `output` (emcc writes `name.wasm` beside
 * `name.js`), or null when it wrote none.
 * @param {string} output
 * @returns {string | null}
 */
export function moduleFile(output) {
  for (const path of [output, output.replace(/\.[^./]*$/, '.wasm')]) {
    if (!existsSync(path)) continue;
    const head = readFileSync(path).subarray(0, 4);
    if (head.length === 4 && head.every((b, i) => b === [0, 0x61, 0x73, 0x6d][i])) return path;
  }
  return null;
}

