// The Web Worker a browser box lives in: the kernel and its guests, so the
// page stays responsive while they run. It answers the page's calls
// (`{type: 'call', id, method, args}` → `{type: 'reply', id, value | error}`)
// and passes its other messages (input, resize, signals) to the host.

import { Box } from '../core/box.js';
import { InputReader } from './input-channel.js';
import { OutputWriter } from './output-ring.js';
import { workerHost } from './worker-host.js';

const post = (message, transfer = []) => self.postMessage(message, transfer);
let box = null;
let host = null;

const calls = {
  // `kernel`: kernel.wasm (kernel-shared.wasm with `processWorkerUrl`:
  // each process in a worker of its own), compiled by the page.
  async boot({ kernel, terminal, inputBuffer, outputBuffer, processWorkerUrl, size, maxFds, memfsCapacity }) {
    const input = inputBuffer ? new InputReader(inputBuffer) : null;
    const output = outputBuffer ? new OutputWriter(outputBuffer, () => post({ type: 'outputReady' })) : null;
    host = workerHost({ terminal, post, input, output, processWorkerUrl });
    if (size) host.receive({ type: 'resize', ...size });
    box = await Box.create({ kernelWasm: kernel, host, maxFds, memfsCapacity, threads: Boolean(processWorkerUrl) });
  },

  loadImage(bytes, at, name) {
    box.loadImage(bytes, at, name);
  },

  mountTar(bytes, at, name) {
    box.mountTar(bytes, at, name);
  },

  readFile(path) {
    return box.readFile(path);
  },

  writeFile(path, data, options) {
    box.writeFile(path, data, options);
  },

  async run(module, options) {
    const size = host.terminalSize();
    if (size) box.resizeTerminal(size.cols, size.rows);
    try {
      return await box.run(module, options);
    } finally {
      host.flush();
    }
  },
};

// Errors cross as plain data; the page makes them errors of the same class.
function describe(e) {
  if (e?.name === 'WasmboxError' || e?.name === 'InvalidModuleError') {
    return { name: e.name, message: e.message, code: e.code };
  }
  return { name: 'WasmboxError', message: `internal error: ${e?.message ?? e}`, code: 'EINTERNAL' };
}

self.onmessage = async ({ data: message }) => {
  if (message.type !== 'call') {
    host?.receive(message);
    return;
  }
  try {
    post({ type: 'reply', id: message.id, value: await calls[message.method](...message.args) });
  } catch (e) {
    post({ type: 'reply', id: message.id, error: describe(e) });
  }
};
