// README.md's examples run as they are written: each code block marked
// `<!-- test: node, chromium, sh -->` runs where the marker says (Node: as
// a module of a project that installed the package; Chromium: in a page
// of such a project, served cross-origin isolated; sh: line by line, from
// the repository's root), and every JavaScript or HTML block has a marker.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { jest } from '@jest/globals';

import { serveStatic } from '../../web/src/node/static-server.js';
import { ROOT, example, tempDir } from '../runtime/helpers.js';
import { openPage, useBrowser } from './browser.js';

jest.setTimeout(60000);

/** README.md's code blocks: {lang, where (the marker's list), code, line}. */
function readmeBlocks() {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    const marker = /^<!-- test: ([\w, ]+) -->$/.exec(lines[i - 1] ?? '');
    blocks.push({
      lang: fence[1], line: i + 1, code: lines.slice(i + 1, end).join('\n'),
      where: marker ? marker[1].split(',').map((w) => w.trim()) : [],
    });
    i = end;
  }
  return blocks;
}

const BLOCKS = readmeBlocks();
const runIn = (where) => BLOCKS.filter((b) => b.where.includes(where)).map((b) => [b.line, b]);

// A project that installed the package, with the files the examples name.
function project() {
  const dir = tempDir();
  mkdirSync(join(dir, 'node_modules', '@xterm'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'wasmbox'));
  for (const name of ['xterm', 'addon-fit']) {
    symlinkSync(join(ROOT, 'node_modules', '@xterm', name), join(dir, 'node_modules', '@xterm', name));
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme', private: true, type: 'module' }));
  copyFileSync(join(ROOT, 'web', 'dist', 'base.tar'), join(dir, 'base.tar'));
  copyFileSync(example('hello'), join(dir, 'app.wasm'));
  copyFileSync(example('fortune', 'wasi', 'img'), join(dir, 'app.img'));
  mkdirSync(join(dir, 'data'));
  return dir;
}

// A page of the project: the import map a page needs without a bundler
// (examples/web/index.html's), then `body`.
const IMPORT_MAP = /<script type="importmap">([^]*?)<\/script>/
  .exec(readFileSync(join(ROOT, 'examples', 'web', 'index.html'), 'utf8'))[1];
const page = (body) => `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">${IMPORT_MAP}</script></head><body>${body}</body></html>`;

test('every JavaScript and HTML block of README.md says where it runs', () => {
  const unmarked = BLOCKS.filter((b) => ['js', 'html'].includes(b.lang) && b.where.length === 0).map((b) => b.line);
  expect(unmarked).toEqual([]);
  expect(runIn('node').length + runIn('chromium').length).toBeGreaterThanOrEqual(3);
});

test.each(runIn('node'))('the block at line %i runs in Node', (_, { code }) => {
  const dir = project();
  writeFileSync(join(dir, 'main.js'), code);
  const r = spawnSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
});

describe('in Chromium', () => {
  const dir = project();
  const session = useBrowser(() => serveStatic({ '/': dir }, { port: 0 }));

  test.each(runIn('chromium'))('the block at line %i runs in a page', async (line, { lang, code }) => {
    const name = `block-${line}.html`;
    const script = `${code}\nwindow.readmeDone = true;`;
    writeFileSync(join(dir, name), page(lang === 'html' ? code : `<script type="module">${script}</script>`));
    const opened = await openPage(session.browser, `${session.url}${name}`);
    if (lang === 'html') {
      // The page's program writes to its terminal.
      await opened.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent.includes('from inside the box'));
    } else {
      await opened.waitForFunction(() => window.readmeDone);
    }
    expect(opened.errors).toEqual([]);
    await opened.close();
  });
});

test.each(runIn('sh'))('the block at line %i runs in a shell', (_, { code }) => {
  for (const command of code.split('\n').filter((l) => l.trim() && !l.startsWith('#'))) {
    const r = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8', input: '', timeout: 30000 });
    expect({ command, status: r.status, stderr: r.stderr }).toEqual({ command, status: 0, stderr: '' });
  }
});
