// This file defines the trace of guest calls (`wasmbox run --trace`): one
// line per call a guest makes to the kernel, like strace's, written to a
// sink the caller gives. imports.js wraps the handlers in it only when a
// trace is asked for, so an untraced process pays nothing.
//
//   [pid 1] fd_write(1, 0x11160, 2, 0x1115c) = 0
//   [pid 1] fd_prestat_get(4, 0x11708) = 8 EBADF
//   [pid 1] __syscall_openat(-100, 0x4ac, 32833, NULL) = -44 ENOENT
//   [pid 1] proc_exit(0)
//   [pid 1] +++ exited with 0 +++
//
// Arguments follow the import's parameter types (abi.js): i32 in decimal,
// guest addresses in hex (NULL for 0), i64 in decimal. WASI and extension
// calls answer an errno, syscalls a value or a negative errno; errors are
// named. A call that waits shows once, when it has its final answer; one
// that ends the process shows "= ?".

import { ERRNO_NAMES, IMPORT_SIGNATURES, NO_RESULT, SYSCALL_MODULE, WASI_MODULE } from './abi.js';
import { ProcessExec } from './errors.js';

/**
 * Where trace lines go: called with each line, without its newline.
 * @typedef {(line: string) => void} TraceSink
 */

function argument(kind, value) {
  if (kind === 'p') return value === 0 ? 'NULL' : `0x${(value >>> 0).toString(16)}`;
  return String(value);
}

function errno(n) {
  const name = ERRNO_NAMES[n];
  return name && n !== 0 ? `${n} ${name}` : String(n);
}

function syscallResult(r) {
  return r < 0 && ERRNO_NAMES[-r] ? `${r} ${ERRNO_NAMES[-r]}` : String(r);
}

/**
 * Wraps `fn`, the handler of import `key` ("module.name") for process
 * `pid`, so each call it answers writes a line to `write`.
 * @param {TraceSink} write
 * @param {number} pid
 * @param {string} key
 * @param {Function} fn  may return a promise (a JSPI slow path)
 * @param {object} [options]
 * @param {boolean} [options.pidFirst]  `fn` is the kernel export, which
 *   takes the pid before the import's arguments
 * @param {number} [options.pending]  the kernel's "would block" answer: a
 *   call answering it writes nothing, as the slow path writes it
 * @returns {Function}
 */
export function traced(write, pid, key, fn, { pidFirst = false, pending } = {}) {
  const dot = key.indexOf('.');
  const module = key.slice(0, dot);
  const name = key.slice(dot + 1);
  const kinds = IMPORT_SIGNATURES[module][name];
  const result = module === SYSCALL_MODULE ? syscallResult : errno;
  const call = (args) => `[pid ${pid}] ${name}(${args.map((a, i) => argument(kinds[i], a)).join(', ')})`;

  if (module === WASI_MODULE && NO_RESULT.has(name)) {
    return (...args) => {
      write(call(pidFirst ? args.slice(1) : args));
      return fn(...args);
    };
  }
  return (...args) => {
    const shown = pidFirst ? args.slice(1) : args;
    const done = (r) => {
      if (r !== pending) write(`${call(shown)} = ${result(r)}`);
      return r;
    };
    // An exec that succeeded unwinds the guest, as exits do, but returned 0.
    const failed = (e) => {
      write(`${call(shown)} = ${e instanceof ProcessExec ? result(0) : '?'}`);
      throw e;
    };
    let r;
    try {
      r = fn(...args);
    } catch (e) {
      failed(e);
    }
    return r instanceof Promise ? r.then(done, failed) : done(r);
  };
}

/**
 * The line that ends a process's trace.
 * @param {number} pid
 * @param {import('./box.js').RunResult} result
 */
export function endLine(pid, result) {
  let how = `exited with ${result.exitCode}`;
  if (result.trap) how = `trapped${result.trap.function ? ` in ${result.trap.function}` : ''}: ${result.trap.message}`;
  else if (result.signal) how = `killed by signal ${result.signal}`;
  return `[pid ${pid}] +++ ${how} +++`;
}
