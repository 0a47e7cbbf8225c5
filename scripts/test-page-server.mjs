// The browser tests' page (tests/browser/page): the runtime, xterm.js, the
// built programs, and wasmbox's Service Worker at the root, each under its
// own URL prefix; for the tests and the browser benchmarks.
import { join } from 'node:path';

import { serveStatic } from '../web/src/node/static-server.js';

export function serveTestPage(root, { isolated = true } = {}) {
  return serveStatic({
    '/': join(root, 'tests', 'browser', 'page'),
    '/runtime/': join(root, 'web'),
    '/node_modules/@xterm/': join(root, 'node_modules', '@xterm'),
    '/build/': join(root, 'build'),
    '/wasmbox-service-worker.js': join(root, 'web', 'src', 'browser', 'service-worker.js'),
  }, { port: 0, isolated });
}
