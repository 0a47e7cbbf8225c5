// The page wasmbox_add_executable(... PAGE) emits: one program in a
// terminal filling its element, with a progress bar while its files
// download and the error, if any, in the page. It is bundled with
// xterm.js into dist/app.js, beside dist/worker.js and dist/kernel.wasm.

import { fetchBytes } from '../core/fetch-bytes.js';
import { registerServiceWorker } from './relay-channel.js';
import { openTerminal } from './terminal.js';
import { blockingSupport, createBox } from './worker-box.js';

const NOTE_STYLE = 'position:fixed;left:50%;top:40%;transform:translate(-50%,-50%);max-width:80%;' +
  'padding:12px 16px;border-radius:8px;font:15px/1.4 system-ui,sans-serif;white-space:pre-wrap;';

// A note over the terminal: download progress, or what went wrong.
function makeNote() {
  const note = document.createElement('div');
  note.setAttribute('role', 'status');
  note.hidden = true;
  document.body.append(note);
  return {
    progress: (label) => (loaded, total) => {
      note.hidden = false;
      note.style.cssText = `${NOTE_STYLE}background:#1b2027;color:#d8dee9;`;
      const kb = (n) => `${Math.round(n / 1024)} KB`;
      const part = total ? `${kb(loaded)} of ${kb(total)}` : kb(loaded);
      note.textContent = `Downloading ${label}: ${part}`;
    },
    error: (message) => {
      note.hidden = false;
      note.setAttribute('role', 'alert');
      note.style.cssText = `${NOTE_STYLE}background:#3a1d1d;color:#f28b82;border:1px solid #f28b82;`;
      note.textContent = message;
    },
    hide: () => { note.hidden = true; },
  };
}

/**
 * Runs one program in a terminal in `element`.
 * @param {object} options
 * @param {HTMLElement} options.element
 * @param {string} options.module  the module's URL
 * @param {string | null} [options.image]  the URL of the program's files:
 *   a wasmbox image, mounted at / and read as used (changes kept in
 *   memory), or a tar archive, downloaded and unpacked
 * @param {string[]} options.args  argv, including argv[0]
 * @param {Record<string, string>} [options.env]
 * @returns {Promise<import('../core/box.js').RunResult | null>} null when it could not start
 */
export async function runApp({ element, module, image = null, args, env = {} }) {
  const note = makeNote();
  try {
    // Neither JSPI nor cross-origin isolation: wasmbox's Service Worker,
    // emitted beside the page, lets the program wait.
    if (blockingSupport() === null && 'serviceWorker' in navigator) {
      await registerServiceWorker(new URL('../wasmbox-service-worker.js', import.meta.url));
    }
    const box = await createBox({
      terminal: true,
      workerUrl: new URL('./worker.js', import.meta.url),
      kernelUrl: new URL('./kernel.wasm', import.meta.url),
    });
    const { terminal } = openTerminal(element, box);
    if (image?.endsWith('.img')) await box.mountImage(image, '/', { writable: true });
    else if (image) await box.loadImage(await fetchBytes(image, note.progress(image)), '/', { name: image });
    const bytes = await fetchBytes(module, note.progress(module));
    note.hide();
    const result = await box.run(bytes, { args, env: { TERM: 'xterm-256color', HOME: '/', ...env } });
    const how = result.trap ? `trapped: ${result.trap.message}` : `exited with status ${result.exitCode}`;
    await new Promise((resolve) => terminal.write('', () => resolve(undefined)));  // xterm.js took all output
    // A program that did not end normally may have left the alternate
    // screen on and the cursor hidden.
    if (terminal.buffer.active.type === 'alternate') terminal.write('\x1b[?1049l');
    terminal.write(`\x1b[?25h\x1b[0m\r\n\x1b[2m[${args[0]} ${how}]\x1b[0m\r\n`);
    return result;
  } catch (e) {
    note.error(e.message);
    return null;
  }
}
