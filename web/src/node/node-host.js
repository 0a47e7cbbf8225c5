// The Node host of a box: clocks from process.hrtime, randomness from
// WebCrypto, stdout/stderr written straight to the process's fds (so output
// appears as written, also inside shell pipelines), stdin through a pump.
// On a real terminal the host terminal is put in raw mode while a guest
// runs, and the kernel's line discipline does what the terminal did.
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { Worker } from 'node:worker_threads';

import { Errno } from '../core/abi.js';
import { fillRandom } from '../core/random.js';
import { StdinSource } from './stdin.js';

const ERRNO_BY_CODE = { EPIPE: Errno.PIPE, EBADF: Errno.BADF, ENOSPC: Errno.NOSPC };

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Keyboard input goes through the kernel when stdin is a terminal that
// can also show the echo.
function onTerminal() {
  return isatty(0) && (isatty(1) || isatty(2));
}

// A process worker's stack, in MB (see startThread).
const PROCESS_STACK_MB = 32;

/**
 * @param {object} [options]
 * @param {boolean} [options.terminal]  run guests on this process's
 *   terminal (default: when stdin and stdout or stderr are one)
 */
export function nodeHost({ terminal = onTerminal() } = {}) {
  const monoBase = process.hrtime.bigint();
  const realBase = BigInt(Date.now()) * 1_000_000n;
  const stdin = new StdinSource();
  // Input goes to the box as it comes (its processes run in workers).
  let feeding = false;

  return {
    clock(id) {
      const now = process.hrtime.bigint();
      if (id === 0) return realBase + (now - monoBase);
      if (id === 1) return now;
      const { user, system } = process.cpuUsage();
      return BigInt(user + system) * 1000n;
    },

    random: fillRandom,

    streamWrite(stream, bytes) {
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(stream, bytes, done, bytes.length - done);
        } catch (e) {
          if (e.code === 'EAGAIN') {
            sleep(1);  // a non-blocking pipe is full: let the reader drain it
            continue;
          }
          return done > 0 ? done : -(ERRNO_BY_CODE[e.code] ?? Errno.IO);
        }
      }
      return done;
    },

    isatty(stream) {
      return isatty(stream);
    },

    terminal,

    // Raw mode: keys reach the kernel as typed, ^C included: through the
    // pump thread, unless they are fed as they come (feedInput).
    enterTerminal() {
      if (!process.stdin.isTTY) return;
      process.stdin.setRawMode(true);
      if (!feeding) stdin.start();
    },

    leaveTerminal() {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    },

    interruptKey(key) {
      stdin.setInterruptKey(key);
    },

    // The real terminal's size now. The SIGWINCH listener that updates
    // `columns` cannot run while a guest does, so ask the terminal.
    terminalSize() {
      const out = [process.stdout, process.stderr].find((s) => s.isTTY);
      if (!out) return null;
      // Node's own (tty.WriteStream), undocumented: reads the size now.
      /** @type {any} */ (out)._refreshSize?.();
      return { cols: out.columns, rows: out.rows };
    },

    // A box whose processes run in workers (Box.create threads): each
    // worker serves core/threads/process-thread.js, and is let go of
    // (unref) while it waits for a process, so it never keeps this
    // process alive. Its stack is larger than Node's 4 MB default: a
    // program's recursion runs on it too (jq's tests nest 10000 deep), and
    // wasm frames there are larger than native ones in Linux's 8 MiB.
    startThread() {
      const worker = new Worker(new URL('./process-worker.js', import.meta.url),
        { resourceLimits: { stackSizeMb: PROCESS_STACK_MB } });
      return {
        post: (message, transfer) => worker.postMessage(message, transfer),
        listen: (receive) => worker.on('message', receive),
        onError: (failed) => worker.on('error', failed),
        terminate: () => worker.terminate().then(() => {}),
        keepAlive: (on) => (on ? worker.ref() : worker.unref()),
      };
    },

    // What a process worker's host needs of this one.
    threadConfig() {
      return { terminal, roots: this.fs?.roots ?? [] };
    },

    // Feeds stdin and the terminal's size to the box as they come, until
    // the returned function is called.
    feedInput({ data, end, resize }) {
      const out = [process.stdout, process.stderr].find((s) => s.isTTY);
      const resized = () => resize(out.columns, out.rows);
      feeding = true;
      process.stdin.on('data', data);
      process.stdin.on('end', end);
      out?.on('resize', resized);
      process.stdin.resume();
      return () => {
        feeding = false;
        process.stdin.off('data', data);
        process.stdin.off('end', end);
        out?.off('resize', resized);
        process.stdin.pause();
      };
    },

    waitInput(mask, timeoutMs) {
      if ((mask & 1) === 0) {
        if (timeoutMs > 0 && timeoutMs !== Infinity) sleep(timeoutMs);
        return [];
      }
      const got = stdin.read(timeoutMs);
      return got ? [{ stream: 0, data: got.data, eof: got.eof }] : [];
    },
  };
}
