// The main job: serves the demo page (a terminal running the examples in
// the browser) until interrupted, and prints its URL.
import { ROOT } from './setup.mjs';
import { serveDemo } from './demo-server.mjs';

const port = Number(process.env.PORT ?? 8080);
try {
  const { url } = await serveDemo(ROOT, { port });
  console.log(`\nwasmbox demo: open ${url} in Chromium (or Chrome, Edge, Firefox).`);
  console.log(`The C/C++ playground: ${url}playground/`);
  console.log('The same programs run in this terminal too, e.g.:');
  console.log('  node web/src/node/cli.js run build/examples/emscripten/rover.wasm');
  console.log('Serving until interrupted (^C).');
} catch (e) {
  const why = e.code === 'EADDRINUSE' ? `port ${port} is in use (set PORT=another)` : e.message;
  console.error(`start: cannot serve the demo: ${why}`);
  process.exit(1);
}
