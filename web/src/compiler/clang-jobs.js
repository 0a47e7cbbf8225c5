// What `clang -###` prints: the jobs the driver would run (clang -cc1,
// wasm-ld), one per line with each argument in double quotes, after a
// header (version, target...). The compiler in the box cannot spawn, so
// the driver's jobs are run one by one as processes of the box instead.

// The lines clang prints before its jobs.
const HEADER = /^(clang version |Target: |Thread model: |InstalledDir: |Build config: )/;

// One quoted argument: backslash escapes ", \ and $.
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/**
 * The jobs in `output` (each an argv whose first element is the tool's
 * name: clang or wasm-ld), and what else it says (warnings), without the
 * header unless `verbose`.
 * @param {string} output
 * @param {{verbose?: boolean}} [options]
 * @returns {{jobs: string[][], messages: string}}
 */
export function parseJobs(output, { verbose = false } = {}) {
  const jobs = [];
  const messages = [];
  for (const line of output.split('\n')) {
    if (line.startsWith(' "')) jobs.push(unquote(line));
    else if (line === ' (in-process)') continue;
    else if (verbose || !HEADER.test(line)) messages.push(line);
  }
  // The executable's path comes first, empty: the tool is named after it.
  for (const job of jobs) if (job[0] === '') job.shift();
  return { jobs, messages: messages.join('\n').replace(/^\n+|\n+$/g, '') };
}

function unquote(line) {
  return Array.from(line.matchAll(QUOTED), (m) => m[1].replace(/\\(.)/g, '$1'));
}
