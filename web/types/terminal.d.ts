// "wasmbox/terminal": a box's terminal in the page, with xterm.js.
import type { FitAddon } from '@xterm/addon-fit';
import type { ITerminalAddon, ITerminalOptions, Terminal } from '@xterm/xterm';

import type { WorkerBox } from './browser.js';

/**
 * An xterm.js addon that attaches a box (created with `terminal: true`)
 * to a Terminal the page already has: `terminal.loadAddon(new
 * BoxAddon(box))`. Keys go to the box, output comes back, and the
 * terminal's size is the window size programs see. `dispose()` (or the
 * terminal's) detaches them: both go on, apart.
 */
export class BoxAddon implements ITerminalAddon {
  constructor(box: WorkerBox);
  activate(terminal: Terminal): void;
  dispose(): void;
}

/**
 * Opens an xterm.js terminal in `element` for `box` (created with
 * `terminal: true`), fitted to the element, with a BoxAddon loaded.
 * `dispose()` ends the terminal and detaches the box.
 */
export function openTerminal(
  element: HTMLElement,
  box: WorkerBox,
  options?: ITerminalOptions,
): { terminal: Terminal; fit: FitAddon; addon: BoxAddon; dispose(): void };
