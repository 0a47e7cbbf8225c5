// clang's diagnostics, as the terminal shows them (colours and all), read
// back for the editor's marks: `file:line:col: severity: message`.

// ANSI escape sequences (clang's colours).
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;]*[A-Za-z]/g;
const LINE = /^([^:\n]+):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;

/**
 * The diagnostics in `text`, each with its file, 1-based line and column.
 * @param {string} text
 * @returns {{file: string, line: number, column: number, severity: 'error' | 'warning' | 'info', message: string}[]}
 */
export function parseDiagnostics(text) {
  const found = [];
  for (const line of text.replace(ESCAPES, '').split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) continue;
    const severity = m[4] === 'warning' ? 'warning' : m[4] === 'note' ? 'info' : 'error';
    found.push({ file: m[1], line: Number(m[2]), column: Number(m[3]), severity, message: m[5] });
  }
  return found;
}
