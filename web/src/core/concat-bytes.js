// One Uint8Array holding `parts` in order (`length`: their total length).
export function concatBytes(parts, length = parts.reduce((n, p) => n + p.length, 0)) {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
