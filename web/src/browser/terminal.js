// A box's terminal in the page: xterm.js, fitted to its element. Keys go
// to the box (the kernel's line discipline echoes and edits them), output
// comes back through it, and the fitted size is the window size programs
// see (TIOCGWINSZ, SIGWINCH on change).

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';

/**
 * Opens a terminal in `element` for `box` (created with `terminal: true`).
 * @param {HTMLElement} element
 * @param {import('./worker-box.js').WorkerBox} box
 * @param {import('@xterm/xterm').ITerminalOptions} [options]  for xterm.js
 * @returns {{terminal: Terminal, fit: FitAddon, dispose(): void}}
 */
export function openTerminal(element, box, options = {}) {
  const terminal = new Terminal({ cursorBlink: true, scrollback: 5000, ...options });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(element);
  box.onOutput = (_stream, bytes) => terminal.write(bytes);
  const subscriptions = [
    terminal.onData((keys) => box.input(keys)),
    // Mouse reports in the X10 encoding are bytes, not text.
    terminal.onBinary((s) => box.input(Uint8Array.from(s, (c) => c.charCodeAt(0)))),
    terminal.onResize(({ cols, rows }) => box.resizeTerminal(cols, rows)),
  ];
  fit.fit();
  box.resizeTerminal(terminal.cols, terminal.rows);
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(element);
  terminal.focus();
  return {
    terminal,
    fit,
    dispose() {
      observer.disconnect();
      for (const s of subscriptions) s.dispose();
      terminal.dispose();
    },
  };
}
