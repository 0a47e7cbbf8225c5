// A process worker's side: an instance of the kernel attached to the box's
// shared memory (kernel.js, the gate in kernel-gate.js), on which the
// worker runs the processes the box hands it, one at a time. A process
// calls the kernel wasm to wasm, waits in Atomics.wait on the gate when a
// call would block (blocking.js makeChangeBlocker), and tells the box of
// the processes it spawns and forks, which start in workers of their own.
//
// Messages, box → worker:
//   {type: 'attach', kernel, memory, gate, slot, stack, host}  once, first
//   {type: 'start', pid, module?, fork?, traced, host}  run process `pid`:
//     the host's first process (its module), a fork's child (`fork`: the
//     module and the parent's snapshot) or a spawned one (neither: its
//     program is in the kernel)
// worker → box:
//   {type: 'ready'}  attached; {type: 'failed', error} it could not
//   {type: 'spawned', pid, traced} / {type: 'forked', pid, fork, traced}
//   {type: 'ended', pid, result} or {type: 'ended', pid, error}

import { makeChangeBlocker } from '../blocking.js';
import { GuestMemories } from '../guest-memory.js';
import { Kernel } from '../kernel.js';
import { Processes } from '../processes.js';

/**
 * A channel to the box: `post` sends (moving the buffers of `transfer`),
 * `listen` receives.
 * @typedef {object} ThreadPort
 * @property {(message: object, transfer?: ArrayBuffer[]) => void} post
 * @property {(receive: (message: any) => void) => void} listen
 */

/**
 * Serves the box's messages in this worker.
 * @param {ThreadPort} port
 * @param {(config: any) => import('../kernel.js').KernelHost & {update?: (config: object) => void}} makeHost
 *   this worker's host, from what the box says of its own (`host` in the
 *   messages: cloneable, such as the host directories it mounted)
 */
export function serveProcessThread(port, makeHost) {
  let host = null;
  let processes = null;
  const encoder = new TextEncoder();
  const traceSink = (line) => host.streamWrite(2, encoder.encode(`${line}\n`));

  const attach = async ({ kernel: wasm, memory, gate, slot, stack, host: config }) => {
    host = makeHost(config);
    const memories = new GuestMemories();
    const kernel = await Kernel.load({ wasm, host, memories, shared: { memory, gate, slot, stack } });
    processes = new Processes(kernel, memories, host, {
      spawner: {
        spawned: (pid, { traced }) => port.post({ type: 'spawned', pid, traced }),
        forked: (pid, fork, { traced }) => port.post({ type: 'forked', pid, fork, traced }, [/** @type {ArrayBuffer} */ (fork.snapshot.memory.buffer)]),
      },
    });
    processes.block = makeChangeBlocker(kernel, host, (pid, entry, sig) => processes.callGuest(pid, entry, sig));
    port.post({ type: 'ready' });
  };

  const start = async ({ pid, module, fork, traced, host: config }) => {
    const trace = traced ? traceSink : undefined;
    let ended;
    try {
      host.update?.(config);
      const result = module
        ? await processes.run(pid, module, { trace })
        : await processes.runChild(pid, fork, { trace });
      ended = { type: 'ended', pid, result };
    } catch (e) {
      ended = { type: 'ended', pid, error: { name: e?.name, message: String(e?.message ?? e), code: e?.code } };
    }
    host.flush?.();
    port.post(ended);
  };

  // A worker that cannot attach says so: a page's worker reports no
  // rejection by itself.
  port.listen((message) => {
    if (message.type === 'attach') {
      attach(message).catch((e) => port.post({ type: 'failed', error: { message: String(e?.message ?? e) } }));
    } else if (message.type === 'start') {
      start(message);
    }
  });
}
