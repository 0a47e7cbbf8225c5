// "wasmbox/terminal": a box's terminal in the page, with xterm.js.
import type { FitAddon } from '@xterm/addon-fit';
import type { ITerminalOptions, Terminal } from '@xterm/xterm';

import type { WorkerBox } from './browser.js';

/**
 * Opens an xterm.js terminal in `element` for `box` (created with
 * `terminal: true`), fitted to the element: keys go to the box, output
 * comes back, and the fitted size is the window size programs see.
 */
export function openTerminal(
  element: HTMLElement,
  box: WorkerBox,
  options?: ITerminalOptions,
): { terminal: Terminal; fit: FitAddon; dispose(): void };
