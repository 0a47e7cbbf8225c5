// A real terminal for tests: a tmux session on a private server, running
// bash, driven with send-keys and read with capture-pane.
import { execFileSync } from 'node:child_process';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Terminal {
  constructor({ cols = 80, rows = 24 } = {}) {
    this._socket = `wasmbox-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
    this._tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(cols), '-y', String(rows),
      'env', 'PS1=$ ', 'bash', '--norc', '--noprofile');
  }

  _tmux(...args) {
    return execFileSync('tmux', ['-L', this._socket, ...args], { encoding: 'utf8' });
  }

  /** Types `text` and presses Enter. */
  run(text) {
    this._tmux('send-keys', '-t', 'main', '-l', text);
    this._tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** Presses keys by tmux's names (Up, BSpace, C-c) or types literal text. */
  keys(...keys) {
    this._tmux('send-keys', '-t', 'main', ...keys);
  }

  screen() {
    return this._tmux('capture-pane', '-p', '-t', 'main');
  }

  resize(cols, rows) {
    this._tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
  }

  /** Waits until the screen matches `pattern`; returns the screen. */
  async waitFor(pattern, timeoutMs = 15000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > end) throw new Error(`the screen never matched ${pattern}:\n${screen}`);
      await sleep(100);
    }
  }

  close() {
    try {
      this._tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
