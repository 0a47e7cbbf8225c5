// jq (examples/jq: Debian's jq built with the wasi toolchain, with
// oniguruma): its own test suites, from the same Debian source package,
// pass in the box (as built natively from that source: jq.test 340 of 340,
// onig.test 22 of 22), and command lines print what Debian's jq prints.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, tempDir, wasmbox } from '../runtime/helpers.js';
import { unpackSource } from '../../scripts/debian-source.mjs';
import recipe from '../../examples/jq/recipe.mjs';
import { appModule, sideBySide } from './apps.js';

const tests = join(unpackSource(recipe, join(tempDir(), 'jq')), 'tests');

// jq.test: the language; onig.test: regular expressions (oniguruma).
test.each(['jq.test', 'onig.test'])("jq's own tests/%s passes in the box", (suite) => {
  expect(readdirSync(tests)).toContain(suite);
  const r = wasmbox(['run', '--dir', `${tests}::/tests`, appModule('jq'), '-L', '/tests/modules', '--run-tests', `/tests/${suite}`]);
  const summary = r.stdout.trim().split('\n').at(-1);
  const [, passed, total, malformed] = /^(\d+) of (\d+) tests passed \((\d+) malformed\)$/.exec(summary) ?? [];
  expect({ summary, stderr: r.stderr.slice(-500) }).toEqual({ summary: `${total} of ${total} tests passed (0 malformed)`, stderr: '' });
  expect(Number(passed)).toBeGreaterThan(20);
  expect(malformed).toBe('0');
  expect(r.status).toBe(0);
}, 120000);

const DOC = JSON.stringify({
  users: [{ name: 'ada', langs: ['c', 'lua'], age: 36 }, { name: 'bob', langs: [], age: 25 }, { name: 'cy', langs: ['jq'], age: null }],
  meta: { count: 3, tags: { a: 1, b: [true, false, null] } },
});

// Regular expressions, through oniguruma.
const RE = String.raw`[.users[].name | test("^[ab]")],
(.users | map(.name | sub("(?<c>.)"; "\(.c | ascii_upcase)"))),
["a1b22c333" | match("[0-9]+"; "g") | .string],
("x,y;z" | [splits("[,;]")])`;

const LINES = {
  'pretty, compact, raw and sorted output': 'jq . doc.json; jq -c .meta doc.json; jq -r ".users[].name" doc.json; jq -S -c .meta.tags doc.json',
  'filters, maps, reductions and paths': 'jq -c "[.users[] | select(.age != null and .age > 30) | .name], (.users | map(.langs | length) | add), [paths(type == \\"boolean\\")], (reduce .users[] as \\$u (0; . + (\\$u.age // 0)))" doc.json',
  'arguments and slurping': 'jq -n -c --arg who you --argjson n 3 "{greeting: (\\"hi \\" + \\$who), n: (\\$n * 2)}"; printf "1 2\\n3" | jq -s -c "[., add]"; printf "a\\nb\\n" | jq -R -c "ascii_upcase"',
  'formats and string functions': 'jq -r ".users[] | [.name, .age] | @csv, @tsv" doc.json; jq -r "@base64 \\"\\(.meta.count)\\", (\\"a,b,c\\" | split(\\",\\") | join(\\"-\\")), (\\"x\\" * 3), @json \\"\\(.meta.tags.b)\\"" doc.json',
  'exit statuses and errors': 'jq -e .nothing doc.json; echo "status $?"; echo "{" | jq .; echo "status $?"; jq -n "error(\\"custom\\")"; echo "status $?"; jq "bad syntax (" doc.json; echo "status $?"',
  'regular expressions (a filter from a file)': 'jq -c -f re.jq doc.json',
  'numbers, dates and sorting': 'jq -c -n "[1e1000, -0, 3.0, 10 / 3, (\\"1.5\\" | tonumber), ([3, 1, 2] | sort), ([{\\"a\\": 2}, {\\"a\\": 1}] | sort_by(.a) | map(.a)), (1700000000 | todate), (\\"2015-03-05T23:51:47Z\\" | fromdate)]"',
};

describe('command lines print what the native jq prints', () => {
  for (const [name, line] of Object.entries(LINES)) {
    test(name, () => {
      const { box, host } = sideBySide(line, { commands: { jq: 'jq' }, files: { 'doc.json': DOC, 're.jq': RE } });
      expect(box.stderr).toBe(host.stderr);
      expect(box.stdout).toBe(host.stdout);
      expect(box.status).toBe(host.status);
    }, 60000);
  }
});
