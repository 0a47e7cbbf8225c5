// A static file server for wasmbox pages: what any static host does, plus
// the headers that make a page cross-origin isolated (SharedArrayBuffer,
// hence the Atomics path where a browser has no JSPI).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.tar': 'application/x-tar',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export const ISOLATION_HEADERS = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

// The file a URL path names under one of the mounts ([prefix, dir], the
// longest prefix first), or null; never a file outside the mount.
function resolve(mounts, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    return file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : null;
  }
  return null;
}

async function fileFor(mounts, urlPath) {
  const file = resolve(mounts, urlPath);
  if (!file) return null;
  const info = await stat(file).catch(() => null);
  if (info?.isFile()) return { file, size: info.size, modified: info.mtime };
  if (!info?.isDirectory()) return null;
  const index = join(file, 'index.html');
  const indexInfo = await stat(index).catch(() => null);
  return indexInfo?.isFile() ? { file: index, size: indexInfo.size, modified: indexInfo.mtime } : null;
}

// The one byte range a Range header asks of a file of `size` bytes:
// {start, end} (inclusive), null for none (or one this server does not
// serve: several ranges), 'unsatisfiable' past the end.
function rangeOf(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

/**
 * Serves directories: `mounts` maps URL prefixes ("/", "/lib/") to
 * directories, with single byte ranges (a lazily mounted image reads its
 * blocks so). Resolves once listening, with the server and its URL.
 * @param {Record<string, string>} mounts
 * @param {object} [options]
 * @param {number} [options.port]  0: any free one
 * @param {string} [options.host]
 * @param {(path: string, bytes: number) => void} [options.onSend]  told of
 *   each file's bytes sent (tests and benchmarks count them)
 * @param {boolean} [options.isolated]  send the cross-origin isolation
 *   headers (default); without, pages are served as a plain static host
 *   (GitHub Pages) serves them
 */
export async function serveStatic(mounts, { port = 8080, host = '127.0.0.1', onSend, isolated = true } = {}) {
  const ordered = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const headers = { ...(isolated ? ISOLATION_HEADERS : {}), 'Cache-Control': 'no-cache' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const found = await fileFor(ordered, new URL(req.url, 'http://x').pathname);
    if (!found) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    // Revalidated on every use (no-cache) but not downloaded again while
    // unchanged: the browser keeps what it compiled of a big module with it.
    const modified = found.modified.toUTCString();
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (since >= Math.floor(found.modified.getTime() / 1000) * 1000) {
      res.writeHead(304, { ...headers, 'Last-Modified': modified }).end();
      return;
    }
    const type = TYPES[extname(found.file)] ?? 'application/octet-stream';
    const range = rangeOf(req.headers.range, found.size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${found.size}` }).end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: found.size - 1 };
    const length = found.size === 0 ? 0 : end - start + 1;
    res.writeHead(range ? 206 : 200, {
      ...headers, 'Content-Type': type, 'Content-Length': length, 'Last-Modified': modified, 'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${found.size}` } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    onSend?.(new URL(req.url, 'http://x').pathname, length);
    createReadStream(found.file, { start, end }).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/`;
  return { server, url };
}
