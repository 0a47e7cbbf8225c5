// Waiting out a store held elsewhere: a box's worker that was just ended
// (an interrupt restarts it) may still hold a store's handles or lock a
// while; another tab holds them for good.
import { WasmboxError } from '../../core/errors.js';

const RETRY_MS = 100;
const TRIES = 20;

/**
 * `attempt()` until it gives something but null (null: the store is busy),
 * for two seconds at most; then WasmboxError "ESTOREBUSY".
 * @template T
 * @param {string} name  the store's
 * @param {() => Promise<T | null>} attempt
 * @returns {Promise<T>}
 */
export async function whenFree(name, attempt) {
  for (let tries = 0; tries < TRIES; ++tries) {
    const got = await attempt();
    if (got !== null) return got;
    await new Promise((resolve) => { setTimeout(resolve, RETRY_MS); });
  }
  throw new WasmboxError(`the store '${name}' is open in another tab or window of this site`, 'ESTOREBUSY');
}
