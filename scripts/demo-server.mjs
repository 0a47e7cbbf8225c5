// The demo site: the page in web/demo, the runtime, xterm.js, and the
// examples, ported apps and playground setup built, each under its own URL
// prefix.
import { join } from 'node:path';

import { serveStatic } from '../web/src/node/static-server.js';

export function serveDemo(root, options) {
  return serveStatic({
    '/': join(root, 'web', 'demo'),
    '/runtime/': join(root, 'web'),
    '/node_modules/@xterm/': join(root, 'node_modules', '@xterm'),
    '/examples/': join(root, 'build', 'examples'),
    '/apps/': join(root, 'build', 'apps'),
    '/playground/': join(root, 'build', 'playground'),
    '/docs/': join(root, 'web', 'dist', 'docs'),
    // At the root, so that its scope covers the page and the runtime.
    '/wasmbox-service-worker.js': join(root, 'web', 'src', 'browser', 'service-worker.js'),
  }, options);
}
