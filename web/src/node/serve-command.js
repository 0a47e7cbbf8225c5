// `wasmbox serve`: serves a directory (such as the pages
// wasmbox_add_executable emits) with the headers that make its pages
// cross-origin isolated, until interrupted.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import { parseStrict } from './box-options.js';
import { serveStatic } from './static-server.js';

export const SERVE_USAGE = `Usage: wasmbox serve [OPTIONS] [DIR]

Serves DIR (default: the current directory) on localhost, as any static
server would, plus the headers that make its pages cross-origin isolated
(Cross-Origin-Opener-Policy and -Embedder-Policy), which browsers without
JSPI need. Runs until interrupted.

Options:
  -p, --port N   the port (default 8080; 0: any free one)
  -h, --help     show this help`;

/** @type {import('node:util').ParseArgsOptionsConfig} */
const OPTIONS = {
  port: { type: 'string', short: 'p', default: '8080' },
  help: { type: 'boolean', short: 'h', default: false },
};

/** @returns {Promise<number | null>} an exit status, or null while serving */
export async function serve(argv, UsageError) {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  if (values.help) return console.log(SERVE_USAGE), 0;
  if (positionals.length > 1) throw new UsageError('serve takes one directory');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port needs a port number');
  const dir = resolve(positionals[0] ?? '.');
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`${dir} is not a directory`);
  const { url } = await serveStatic({ '/': dir }, { port }).catch((e) => {
    throw new UsageError(e.code === 'EADDRINUSE' ? `port ${port} is in use (--port another)` : e.message);
  });
  console.log(`Serving ${dir} at ${url} (^C stops)`);
  return null;
}
