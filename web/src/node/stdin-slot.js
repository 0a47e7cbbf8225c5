// The layout of the shared control words between stdin-pump.js (writer)
// and stdin.js (reader): one chunk in flight at a time. INTR is the byte
// that interrupts the guest (-1: none), for the pump to watch.
export const SLOT = Object.freeze({ SEQ: 0, LENGTH: 1, EOF: 2, INTR: 3, WORDS: 4 });
export const CHUNK_BYTES = 64 * 1024;
