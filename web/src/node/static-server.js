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

/**
 * Serves directories: `mounts` maps URL prefixes ("/", "/lib/") to
 * directories. Resolves once listening, with the server and its URL.
 * @param {Record<string, string>} mounts
 * @param {{port?: number, host?: string}} [options]  port 0: any free one
 */
export async function serveStatic(mounts, { port = 8080, host = '127.0.0.1' } = {}) {
  const ordered = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const headers = { ...ISOLATION_HEADERS, 'Cache-Control': 'no-cache' };
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
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': found.size, 'Last-Modified': modified });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}/`;
  return { server, url };
}
