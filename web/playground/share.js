// Share links: the files in the URL's fragment, so a link opens the page
// with them and no server keeps anything.
//   #code=DATA   one C file, main.c
//   #cpp=DATA    one C++ file, main.cpp
//   #files=DATA  several: a JSON object of file names to their text
// DATA is the base64url (RFC 4648 §5, no padding) of the raw DEFLATE
// (RFC 1951) of the UTF-8 text: CompressionStream('deflate-raw').

async function through(stream, bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function base64url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment's DATA for `text`. */
export async function packText(text) {
  return base64url(await through(new CompressionStream('deflate-raw'), new TextEncoder().encode(text)));
}

/** The text of a fragment's DATA; throws on a damaged one. */
export async function unpackText(data) {
  return new TextDecoder('utf-8', { fatal: true }).decode(await through(new DecompressionStream('deflate-raw'),
    fromBase64url(data)));
}

/**
 * The fragment (without "#") that opens the page with `files`.
 * @param {{name: string, text: string}[]} files
 */
export async function shareFragment(files) {
  if (files.length === 1 && (files[0].name === 'main.c' || files[0].name === 'main.cpp')) {
    return `${files[0].name === 'main.c' ? 'code' : 'cpp'}=${await packText(files[0].text)}`;
  }
  return `files=${await packText(JSON.stringify(Object.fromEntries(files.map((f) => [f.name, f.text]))))}`;
}

/**
 * The files a fragment (with or without "#") shares, or null when it
 * shares none; throws on a damaged one.
 * @param {string} fragment
 * @returns {Promise<{name: string, text: string}[] | null>}
 */
export async function sharedFiles(fragment) {
  const match = /^#?(code|cpp|files)=([A-Za-z0-9_-]*)$/.exec(fragment);
  if (!match) return null;
  const [, kind, data] = match;
  const text = await unpackText(data);
  if (kind !== 'files') return [{ name: kind === 'code' ? 'main.c' : 'main.cpp', text }];
  const object = JSON.parse(text);
  if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new Error('not a set of files');
  return Object.entries(object).map(([name, value]) => ({ name, text: String(value) }));
}
