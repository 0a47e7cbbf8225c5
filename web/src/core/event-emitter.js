// Events as xterm.js has them (IEvent<T> returning IDisposable): `event`
// is a function a listener is given to, which returns what detaches it.
// No DOM or Node APIs: the same in every environment.

/**
 * @template {unknown[]} A
 * @typedef {(listener: (...args: A) => void) => {dispose(): void}} Event
 */

/** @template {unknown[]} A  what a listener is told */
export class EventEmitter {
  constructor() {
    /** @type {Set<(...args: A) => void>} */
    this._listeners = new Set();
    /** @type {Event<A>} */
    this.event = (listener) => {
      // Each subscription its own: the same function given twice is heard twice.
      const entry = (/** @type {A} */ ...args) => listener(...args);
      this._listeners.add(entry);
      return { dispose: () => { this._listeners.delete(entry); } };
    };
  }

  /** Whether anyone listens. */
  get heard() {
    return this._listeners.size > 0;
  }

  /**
   * Tells every listener, in the order they came.
   * @param {A} args
   */
  fire(...args) {
    for (const listener of [...this._listeners]) listener(...args);
  }

  /** Detaches every listener. */
  dispose() {
    this._listeners.clear();
  }
}
