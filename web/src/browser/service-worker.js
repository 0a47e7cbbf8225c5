// wasmbox's Service Worker: lets a box's guests wait for input on a page
// that has neither JSPI nor cross-origin isolation (a static host such as
// GitHub Pages, in a browser without JSPI). The box's worker, blocked in a
// synchronous request for `.wasmbox-wait?box=ID&timeout=MS`, is answered
// here once the page has posted input for the box (or the time is up).
//
// A classic script: serve it from the site's root (its scope must cover
// the page and the package's worker), register it with the package's
// registerServiceWorker(), or importScripts() it from the site's own.

const WAIT_PATH = '/.wasmbox-wait';
// This Service Worker's global scope (the DOM's types know it as a page's).
const scope = /** @type {any} */ (self);

// What the page posted for each box and its guests have not taken yet.
const boxes = new Map();

function boxOf(id) {
  if (!boxes.has(id)) boxes.set(id, { data: [], eof: false, signals: 0, size: null, wake: new Set() });
  return boxes.get(id);
}

const hasInput = (box) => box.data.length > 0 || box.eof || box.signals !== 0;

// The input taken, as the box's worker reads it: the bytes as the body,
// the end, the signals (bit n: signal n) and the terminal's size in headers.
function take(box) {
  const length = box.data.reduce((n, bytes) => n + bytes.length, 0);
  const body = new Uint8Array(length);
  let at = 0;
  for (const bytes of box.data) {
    body.set(bytes, at);
    at += bytes.length;
  }
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'no-store',
    'X-Wasmbox-Eof': box.eof ? '1' : '0',
    'X-Wasmbox-Signals': String(box.signals),
    'X-Wasmbox-Size': box.size ? `${box.size.cols}x${box.size.rows}` : '',
  };
  box.data = [];
  box.eof = false;
  box.signals = 0;
  return new Response(body, { headers });
}

function wait(id, timeoutMs) {
  const box = boxOf(id);
  if (hasInput(box)) return Promise.resolve(take(box));
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      box.wake.delete(done);
      resolve(take(box));
    };
    const timer = setTimeout(done, timeoutMs);
    box.wake.add(done);
  });
}

scope.addEventListener('install', () => scope.skipWaiting());
scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));

// The page's input for a box: {type: 'wasmbox-input', box, data?, eof?,
// signal?, size?, close?}; or {type: 'wasmbox-claim'}: a page this one
// does not control yet asks it to.
scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type === 'wasmbox-claim') event.waitUntil(scope.clients.claim());
  if (message?.type !== 'wasmbox-input') return;
  if (message.close) {
    boxes.delete(message.box);
    return;
  }
  const box = boxOf(message.box);
  if (message.data) box.data.push(message.data);
  if (message.eof) box.eof = true;
  if (message.signal) box.signals |= 1 << message.signal;
  if (message.size) box.size = message.size;
  for (const wake of [...box.wake]) wake();
});

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!url.pathname.endsWith(WAIT_PATH)) return;
  const timeout = Math.max(0, Number(url.searchParams.get('timeout')) || 0);
  event.respondWith(wait(url.searchParams.get('box'), timeout));
});
