// Debian's Chromium, headless, driven by playwright-core: for the browser
// tests and the startup benchmark. Without the networking flags Chromium
// keeps trying to reach the network (../shared/TOOLCHAIN-NOTES.md).
import { chromium } from 'playwright-core';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}

/**
 * Serves `page` without the cross-origin isolation headers, as a plain
 * static host would (no SharedArrayBuffer): its box takes turns with JSPI.
 */
export function withoutIsolation(page) {
  return page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
}

/** A browser whose profile (storage included) lives in `dir`: a context. */
export function launchChromiumWithProfile(dir, options = {}) {
  return chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: FLAGS, ...options });
}
