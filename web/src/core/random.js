// Fills `out` with cryptographically secure random bytes from WebCrypto,
// which takes at most 64 KiB a call (browsers and Node alike).
export function fillRandom(out) {
  for (let at = 0; at < out.length; at += 65536) {
    crypto.getRandomValues(out.subarray(at, Math.min(at + 65536, out.length)));
  }
}
