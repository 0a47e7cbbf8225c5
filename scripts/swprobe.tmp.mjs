import { serveStatic } from '../web/src/node/static-server.js';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
const { server, url } = await serveStatic({ '/': '/tmp/swtest' }, { port: 0, isolated: false });
for (const launch of [launchChromium, launchFirefox]) {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.result, undefined, { timeout: 10000 });
    console.log(launch.name, JSON.stringify(await page.evaluate(() => window.result)));
  } catch (e) { console.log(launch.name, 'failed', e.message.slice(0, 100)); }
  await browser.close();
}
server.close();
