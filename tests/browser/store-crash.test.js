// The demo's home folder when the browser dies: Chromium is killed (every
// one of its processes, SIGKILL) in the middle of a stream of writes, then
// started again on the same profile. Every write the shell saw complete is
// there, and no file is torn.
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { launchChromiumWithProfile } from '../../scripts/chromium.mjs';
import { ROOT } from '../runtime/helpers.js';
import { openPage, screenText, serveDemo, waitForScreen } from './browser.js';

jest.setTimeout(120000);

const PROMPT = /user@wasmbox:\/home\/user\$$/m;
let server;
let url;
beforeAll(async () => ({ server, url } = await serveDemo(ROOT, { port: 0 })));
afterAll(() => server?.close());

// Every process whose command line names `profile`: the browser's.
function killBrowser(profile) {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(profile)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch { /* gone already */ }
    }
  }
}

async function shellPage(context, options) {
  const page = await openPage(context, url, options);
  await page.waitForFunction(() => window.wasmboxDemo, null, { timeout: 30000 });
  await page.evaluate(() => { window.term = window.wasmboxDemo.terminal; });
  await waitForScreen(page, PROMPT, { timeout: 30000 });
  return page;
}

test.each([
  ['processes in workers', {}],
  ['taking turns with JSPI', { isolated: false }],
])('a browser killed in the middle of writes loses no write the shell saw complete (%s)', async (_, options) => {
  const profile = mkdtempSync(path.join(tmpdir(), 'wasmbox-profile-'));
  try {
    const first = await launchChromiumWithProfile(profile);
    const page = await shellPage(first, options);
    expect(await page.textContent('#home-note')).toMatch(/is kept in this browser/);
    await page.keyboard.type('i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo "line $i" >> ~/log; echo $i > ~/counter; echo "done $i"; done');
    await page.keyboard.press('Enter');
    await waitForScreen(page, /^done [1-9]\d\d$/m, { timeout: 30000 });
    const seen = Math.max(...[...(await screenText(page)).matchAll(/^done (\d+)$/gm)].map((m) => Number(m[1])));
    killBrowser(profile);
    await first.close().catch(() => {});

    const second = await launchChromiumWithProfile(profile);
    const again = await shellPage(second, options);
    await again.keyboard.type('awk \'$0 != "line " NR { bad = 1 } END { print (bad ? "torn" : "whole"), NR }\' ~/log; echo "counter $(cat ~/counter)"');
    await again.keyboard.press('Enter');
    const text = await waitForScreen(again, /^(whole|torn) \d+\ncounter \d*$/m);
    const [, state, lines] = text.match(/^(whole|torn) (\d+)$/m);
    const counter = Number(text.match(/^counter (\d*)$/m)[1]);
    expect(state).toBe('whole');
    expect(Number(lines)).toBeGreaterThanOrEqual(seen);
    expect([Number(lines) - 1, Number(lines)]).toContain(counter);
    await second.close();
  } finally {
    killBrowser(profile);
    rmSync(profile, { recursive: true, force: true });
  }
});
