// The blockers never wait while a signal the process catches is pending:
// one that arrived before the call was issued (while the process computed
// between two preemption points, say) changed the kernel before the
// blocker read its count, so only taking it first can deliver it.
import { jest } from '@jest/globals';

import { makeBlocker, makeChangeBlocker } from './blocking.js';
import { ProcessExit } from './errors.js';

const SIGINT = 2;
const ENTRY = 7;  // where the guest's dispatcher is in its table

// A kernel whose process 1 has `pending` signals (a mask) to take, ended
// with `status` unless it is -1, and waits for input when `inputs` is set.
function fakeKernel({ pending = 0, status = -1, inputs = 0 } = {}) {
  const kernel = {
    exitStatus: () => status,
    takeSignals: () => {
      const signals = pending;
      pending = 0;
      return { signals, entry: ENTRY };
    },
    waitSpec: () => ({ deadline: null, inputs, own: false }),
    changes: () => 5,
    gate: { waitForChange: jest.fn(), waitForOwn: jest.fn(), own: () => 0 },
    raise: (sig) => {
      pending |= 1 << sig;
    },
  };
  return kernel;
}

const host = { clock: () => 0n };

describe('a process that waits for the kernel to change (makeChangeBlocker)', () => {
  test('a signal pending when the call is first issued is delivered, and the call issued again', () => {
    const kernel = fakeKernel({ pending: 1 << SIGINT });
    const runHandler = jest.fn();
    const wait = makeChangeBlocker(kernel, host, runHandler);
    expect(wait(1)).toBeUndefined();
    expect(runHandler).toHaveBeenCalledWith(1, ENTRY, SIGINT);
  });

  test('a signal pending before the count was read is delivered instead of waited for', () => {
    const kernel = fakeKernel({ pending: 1 << SIGINT });
    const runHandler = jest.fn();
    const wait = makeChangeBlocker(kernel, host, runHandler);
    wait(1, wait.changes(1));
    expect(kernel.gate.waitForChange).not.toHaveBeenCalled();
    expect(runHandler).toHaveBeenCalledWith(1, ENTRY, SIGINT);
  });

  test('with nothing pending it waits for the count it read, then delivers what came', () => {
    const kernel = fakeKernel();
    kernel.gate.waitForChange.mockImplementation(() => kernel.raise(SIGINT));
    const runHandler = jest.fn();
    const wait = makeChangeBlocker(kernel, host, runHandler);
    wait(1, { all: 5, own: 0 });
    expect(kernel.gate.waitForChange).toHaveBeenCalledWith(5, Infinity);
    expect(runHandler).toHaveBeenCalledWith(1, ENTRY, SIGINT);
  });

  test('a process a signal ended unwinds instead of waiting', () => {
    const wait = makeChangeBlocker(fakeKernel({ status: 130 }), host, jest.fn());
    expect(() => wait(1, { all: 5, own: 0 })).toThrow(ProcessExit);
  });
});

describe('a nested process (makeBlocker)', () => {
  test('a pending signal is delivered before any wait for input', () => {
    const kernel = fakeKernel({ pending: 1 << SIGINT, inputs: 2 });
    const waitInput = jest.fn(() => []);
    const runHandler = jest.fn();
    const wait = makeBlocker(kernel, { ...host, waitInput }, { runHandler, runOthers: () => false });
    expect(wait(1)).toBeUndefined();
    expect(waitInput).not.toHaveBeenCalled();
    expect(runHandler).toHaveBeenCalledWith(1, ENTRY, SIGINT);
  });
});
