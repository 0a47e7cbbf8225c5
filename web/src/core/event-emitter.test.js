// Events: listeners hear what fires, in order, until they are disposed.
import { EventEmitter } from './event-emitter.js';

test('listeners hear each value in the order they came, until disposed', () => {
  const emitter = new EventEmitter();
  const heard = [];
  const first = emitter.event((v) => heard.push(`a${v}`));
  emitter.event((v) => heard.push(`b${v}`));
  expect(emitter.heard).toBe(true);
  emitter.fire(1);
  first.dispose();
  first.dispose();  // twice is harmless
  emitter.fire(2);
  expect(heard).toEqual(['a1', 'b1', 'b2']);
});

test('the same function subscribed twice is heard twice, and each detaches alone', () => {
  const emitter = new EventEmitter();
  let count = 0;
  const listener = () => { count += 1; };
  const one = emitter.event(listener);
  emitter.event(listener);
  emitter.fire();
  one.dispose();
  emitter.fire();
  expect(count).toBe(3);
});

test('a listener that detaches another while being told does not stop the round', () => {
  const emitter = new EventEmitter();
  const heard = [];
  let second = null;
  emitter.event(() => { heard.push('first'); second.dispose(); });
  second = emitter.event(() => heard.push('second'));
  emitter.fire();
  emitter.fire();
  expect(heard).toEqual(['first', 'second', 'first']);
  emitter.dispose();
  expect(emitter.heard).toBe(false);
});
