// A box's terminal in the page, with xterm.js. BoxAddon attaches a box to
// a Terminal the page already has (`terminal.loadAddon(new BoxAddon(box))`,
// as @xterm/addon-attach attaches a socket): keys go to the box (the
// kernel's line discipline echoes and edits them), output comes back,
// and the terminal's size is the window size programs see (TIOCGWINSZ,
// SIGWINCH on change). openTerminal is the short way: a Terminal fitted to
// an element, with the addon loaded.

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';

/** An xterm.js addon that connects a terminal to a box (created with `terminal: true`). */
export class BoxAddon {
  /** @param {import('./worker-box.js').WorkerBox} box */
  constructor(box) {
    this._box = box;
    this._subscriptions = [];
  }

  /** @param {Terminal} terminal  (xterm.js calls it from loadAddon) */
  activate(terminal) {
    const box = this._box;
    this._subscriptions.push(
      box.onOutput((_stream, bytes) => terminal.write(bytes)),
      terminal.onData((keys) => box.input(keys)),
      // Mouse reports in the X10 encoding are bytes, not text.
      terminal.onBinary((s) => box.input(Uint8Array.from(s, (c) => c.charCodeAt(0)))),
      terminal.onResize(({ cols, rows }) => box.resizeTerminal(cols, rows)),
    );
    box.resizeTerminal(terminal.cols, terminal.rows);
  }

  /** Detaches the terminal from the box: both go on, apart. */
  dispose() {
    for (const s of this._subscriptions.splice(0)) s.dispose();
  }
}

/**
 * Opens a terminal in `element` for `box` (created with `terminal: true`),
 * fitted to the element as it resizes.
 * @param {HTMLElement} element
 * @param {import('./worker-box.js').WorkerBox} box
 * @param {import('@xterm/xterm').ITerminalOptions} [options]  for xterm.js
 * @returns {{terminal: Terminal, fit: FitAddon, addon: BoxAddon, dispose(): void}}
 */
export function openTerminal(element, box, options = {}) {
  const terminal = new Terminal({ cursorBlink: true, scrollback: 5000, ...options });
  const fit = new FitAddon();
  const addon = new BoxAddon(box);
  terminal.loadAddon(fit);
  terminal.open(element);
  fit.fit();
  terminal.loadAddon(addon);
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(element);
  terminal.focus();
  return {
    terminal,
    fit,
    addon,
    dispose() {
      observer.disconnect();
      terminal.dispose();  // and its addons
    },
  };
}
