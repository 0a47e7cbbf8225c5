// The layout of the shared control words between stdin-pump.js (writer)
// and stdin.js (reader): one chunk in flight at a time.
export const SLOT = Object.freeze({ SEQ: 0, LENGTH: 1, EOF: 2, WORDS: 3 });
export const CHUNK_BYTES = 64 * 1024;
