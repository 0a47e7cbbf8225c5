// wasmbox's Service Worker, run in a sandbox that stands for a Service
// Worker's scope: a wait is answered at once with what was queued, when
// input arrives, or empty when its time is up; each box has its own input.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

function serviceWorker() {
  const listeners = {};
  const scope = {
    addEventListener: (type, listener) => { listeners[type] = listener; },
    skipWaiting: () => {},
    clients: { claim: () => Promise.resolve() },
  };
  vm.runInNewContext(readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8'),
    { self: scope, Response, URL, setTimeout, clearTimeout });
  const post = (message) => listeners.message({ data: { type: 'wasmbox-input', ...message }, waitUntil: () => {} });
  // Resolves to the answer to the worker's request, as it reads it.
  const wait = (box, timeout) => {
    let answer = null;
    listeners.fetch({
      request: { url: `https://site.test/app/.wasmbox-wait?box=${box}&timeout=${timeout}` },
      respondWith: (response) => { answer = response; },
    });
    return answer.then(async (r) => ({
      data: [...new Uint8Array(await r.arrayBuffer())],
      eof: r.headers.get('X-Wasmbox-Eof'),
      signals: r.headers.get('X-Wasmbox-Signals'),
      size: r.headers.get('X-Wasmbox-Size'),
    }));
  };
  return { post, wait, listeners };
}

test('input posted before the wait is its answer, all of it, in order', async () => {
  const sw = serviceWorker();
  sw.post({ box: 'a', data: Uint8Array.of(1, 2) });
  sw.post({ box: 'a', data: Uint8Array.of(3) });
  sw.post({ box: 'a', size: { cols: 80, rows: 24 } });
  expect(await sw.wait('a', 5000)).toEqual({ data: [1, 2, 3], eof: '0', signals: '0', size: '80x24' });
});

test('a wait is answered when input comes, and each box has its own', async () => {
  const sw = serviceWorker();
  const waiting = sw.wait('a', 5000);
  sw.post({ box: 'b', data: Uint8Array.of(9) });
  sw.post({ box: 'a', signal: 2 });
  sw.post({ box: 'a', eof: true });
  expect(await waiting).toEqual({ data: [], eof: '0', signals: '4', size: '' });
  expect(await sw.wait('a', 5000)).toMatchObject({ eof: '1', signals: '0' });
  expect(await sw.wait('b', 5000)).toMatchObject({ data: [9] });
});

test('a wait with nothing to take ends empty when its time is up; a closed box is forgotten', async () => {
  const sw = serviceWorker();
  expect(await sw.wait('a', 20)).toEqual({ data: [], eof: '0', signals: '0', size: '' });
  sw.post({ box: 'a', data: Uint8Array.of(1) });
  sw.post({ box: 'a', close: true });
  expect(await sw.wait('a', 20)).toMatchObject({ data: [] });
});

test('requests for anything else go to the network', () => {
  const sw = serviceWorker();
  let answered = false;
  sw.listeners.fetch({ request: { url: 'https://site.test/app/index.html' }, respondWith: () => { answered = true; } });
  expect(answered).toBe(false);
});
