// What an `emcc -sSTANDALONE_WASM` module imports from "env" besides the
// syscalls: the runtime support Emscripten's own JS would give it. Setjmp/
// longjmp go through invoke_<sig> wrappers that call a table entry and
// catch the longjmp; the i64 high-word register; memory-growth notices;
// signal-handler calls; system(). None of these touch the kernel.

class Longjmp extends Error {}

// Exit status system() reports for a command: the box has no shell yet, so
// as "sh: command not found" (127).
const NO_SHELL_STATUS = 127 << 8;

const INVOKE = /^invoke_([vijfd])[ijfd]*$/;

// Under JSPI a handler runs on a stack of its own, where it may suspend.
function callHandler(guest, suspending) {
  const handler = (fp) => guest().__indirect_function_table.get(fp);
  if (suspending) return new WebAssembly.Suspending((fp, sig) => WebAssembly.promising(handler(fp))(sig));
  return (fp, sig) => handler(fp)(sig);
}

function makeFixed(guest, suspending) {
  let tempRet0 = 0;
  return {
    getTempRet0: () => tempRet0,
    setTempRet0: (v) => { tempRet0 = v; },
    _emscripten_throw_longjmp: () => { throw new Longjmp(); },
    emscripten_notify_memory_growth: () => {},
    __call_sighandler: callHandler(guest, suspending),
    system: (command) => (command === 0 ? 0 : NO_SHELL_STATUS),
  };
}

const FIXED_NAMES = new Set(Object.keys(makeFixed(null, false)));

// The glue imports the box provides (all of "env" but the syscalls).
export function isGlueImport(name) {
  return INVOKE.test(name) || FIXED_NAMES.has(name);
}

// Calls table entry `index` as invoke_<sig> does, turning a longjmp out
// of it into setThrew. Under JSPI the entry runs on a stack of its own and
// the wrapper is itself suspending, so the guest can block inside it.
function invoke(guest, resultType, suspending) {
  const failed = resultType === 'j' ? 0n : resultType === 'v' ? undefined : 0;
  const caught = (ex, sp, e) => {
    if (!(e instanceof Longjmp)) throw e;
    ex.stackRestore(sp);
    ex.setThrew(1, 0);
    return failed;
  };
  if (suspending) {
    return new WebAssembly.Suspending(async (index, ...args) => {
      const ex = guest();
      const sp = ex.stackSave();
      try {
        return await WebAssembly.promising(ex.__indirect_function_table.get(index))(...args);
      } catch (e) {
        return caught(ex, sp, e);
      }
    });
  }
  return (index, ...args) => {
    const ex = guest();
    const sp = ex.stackSave();
    try {
      return ex.__indirect_function_table.get(index)(...args);
    } catch (e) {
      return caught(ex, sp, e);
    }
  };
}

/**
 * The glue functions `module` imports, bound to the instance `attach` is
 * given once it exists.
 * @param {WebAssembly.Module} module
 * @param {boolean} [suspending]  the guest runs under JSPI
 */
export function emscriptenGlue(module, suspending = false) {
  let exports = null;
  const guest = () => exports;
  const fixed = makeFixed(guest, suspending);
  const imports = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    if (from !== 'env') continue;
    const m = INVOKE.exec(name);
    if (m) imports[name] = invoke(guest, m[1], suspending);
    else if (Object.hasOwn(fixed, name)) imports[name] = fixed[name];
  }
  return { imports, attach: (instance) => { exports = instance.exports; } };
}
