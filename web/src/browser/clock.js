// The clocks of a box's workers in a page: the page's time origin plus the
// time since, in ns, for the realtime and the monotonic clock alike, so
// that every worker of a box (each with a time origin of its own) reads
// one monotonic clock. A page has no CPU clock: monotonic time stands in.
const NS_PER_MS = 1e6;

/** @param {number} _id  0 realtime, 1 monotonic, 2 CPU time */
export function pageClock(_id) {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * NS_PER_MS));
}
