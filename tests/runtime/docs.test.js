// The API reference set-up makes from the typings (scripts/docs, TypeDoc,
// into web/dist/docs, shipped with the package): a page for every name
// each entry exports, and none for what is not exported.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './helpers.js';

const DOCS = join(ROOT, 'web', 'dist', 'docs');
const pages = readdirSync(DOCS, { recursive: true }).map(String);

// The names web/types/MODULE.d.ts exports itself.
function exported(module) {
  const text = readFileSync(join(ROOT, 'web', 'types', `${module}.d.ts`), 'utf8');
  return [...text.matchAll(/^export (?:declare )?(?:function|class|interface|type|const) (\w+)/gm)].map((m) => m[1]);
}

test.each(['core', 'browser', 'node', 'terminal'])('every name web/types/%s.d.ts exports has its page', (module) => {
  const names = exported(module);
  expect(names.length).toBeGreaterThan(0);
  const missing = names.filter((name) => !pages.some((p) => p.endsWith(`${module}.${name}.html`)));
  expect(missing).toEqual([]);
});

test('the pages of the two boxes say what each method does', () => {
  for (const page of ['classes/browser.WorkerBox.html', 'classes/node.NodeBox.html', 'interfaces/core.CommonBox.html']) {
    const html = readFileSync(join(DOCS, page), 'utf8');
    expect(html).toContain('Runs');
    expect(html).toMatch(/onExit/);
  }
});
