// Debian's Firefox ESR, headless, driven by puppeteer-core over WebDriver
// BiDi (Playwright drives only its own Firefox build): for the browser
// tests. Its pages answer the part of Playwright's Page the tests use, so
// that one test runs in either browser.
import puppeteer from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';

// A key chord as Playwright names it ("Control+W") pressed with
// puppeteer's keyboard, which presses one key at a time.
async function pressChord(keyboard, chord) {
  const keys = chord.split('+');
  const key = keys.pop();
  for (const modifier of keys) await keyboard.down(modifier);
  await keyboard.press(key);
  for (const modifier of keys.reverse()) await keyboard.up(modifier);
}

// What differs between Playwright's Page and puppeteer's, as the tests use
// them; everything else is puppeteer's own.
function playwrightShaped(page) {
  const keyboard = new Proxy(page.keyboard, {
    get: (target, name) => (name === 'press' ? (chord) => pressChord(target, chord) : target[name].bind(target)),
  });
  const own = {
    keyboard,
    textContent: (selector) => page.$eval(selector, (e) => e.textContent),
    selectOption: (selector, value) => page.select(selector, value),
    setViewportSize: (size) => page.setViewport(size),
    addInitScript: (script) => page.evaluateOnNewDocument(script),
    waitForFunction: (fn, arg, { timeout = 30000 } = {}) => page.waitForFunction(fn, { timeout }, arg),
  };
  return new Proxy(page, {
    get: (target, name) => {
      if (Object.hasOwn(own, name)) return own[name];
      const value = target[name];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Firefox with a fresh profile; `newPage()` gives pages shaped as
 * Playwright's (see playwrightShaped).
 */
export async function launchFirefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  return {
    name: 'firefox',
    newPage: async () => playwrightShaped(await browser.newPage()),
    close: () => browser.close(),
  };
}
