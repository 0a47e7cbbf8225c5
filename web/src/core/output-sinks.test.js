// A run's output targets: callbacks or writers, each given bytes of its
// own; what has no sink goes to the host, and the host's other members
// are its own.
import { outputSink, routedHost } from './output-sinks.js';

test('a callback is the sink; a writer is written to; nothing is no sink', () => {
  const written = [];
  const callback = (bytes) => written.push(['callback', bytes]);
  expect(outputSink(callback, 'stdout')).toBe(callback);
  outputSink({ write: (bytes) => written.push(['writer', bytes]) }, 'stdout')(Uint8Array.of(1));
  expect(written).toEqual([['writer', Uint8Array.of(1)]]);
  expect(outputSink(undefined, 'stdout')).toBeNull();
  expect(outputSink(null, 'stdout')).toBeNull();
});

test('anything else is refused, naming the option', () => {
  expect(() => outputSink('out.txt', 'stderr'))
    .toThrow(expect.objectContaining({ code: 'EINVAL', message: 'the stderr option must be a function or have a write() method' }));
});

test('a routed host sends a stream with a sink there, a copy of the bytes, and the others to the host', () => {
  const toHost = [];
  const host = { streamWrite: (stream, bytes) => toHost.push([stream, [...bytes]]) && bytes.length, terminal: true };
  const routed = routedHost(host);
  const taken = [];
  routed.sinks[1] = (bytes) => taken.push(bytes);
  const bytes = Uint8Array.of(7, 8);
  expect(routed.streamWrite(1, bytes)).toBe(2);
  expect(routed.streamWrite(2, Uint8Array.of(9))).toBe(1);
  bytes[0] = 0;  // the kernel's memory changes after the call
  expect(taken).toEqual([Uint8Array.of(7, 8)]);
  expect(toHost).toEqual([[2, [9]]]);
  expect(routed.terminal).toBe(true);
  routed.stores = new Map();  // set on the routed host, not the host
  expect(host.stores).toBeUndefined();
});
