// The phone goes offline and comes back while someone is typing: the text stays in the box,
// the page shows that it is reconnecting, reconnects by itself when the network is back, and
// the idea then sent arrives once.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startHost, tmpdir, OUT } = require('../lib/host.js');

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

test('offline and online again while typing: nothing typed is lost, nothing doubled', async (t) => {
  const dir = tmpdir('medskapa-offline-');
  const session = path.join(dir, 's.json');
  const host = await startHost(['--session', session]);
  t.after(() => host.stop('SIGKILL'));
  const browser = await chromium.launch(LAUNCH);
  t.after(() => browser.close());
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2, locale: 'sv-SE' });
  const page = await ctx.newPage();
  await page.goto(host.url);
  await page.fill('#name', 'Leyla');
  await page.click('#join-button');
  await page.waitForSelector('#room:not([hidden])');
  await page.waitForFunction(() => document.getElementById('status-text').textContent.includes('Ansluten'));

  await page.type('#idea', 'Läxhjälp på ');
  await ctx.setOffline(true);
  // The browser says it is offline; the page must not lose the connection state silently.
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await page.type('#idea', 'lördagar också');
  await ctx.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForFunction(() => document.getElementById('status-text').textContent.includes('Ansluten'), null, { timeout: 10000 });
  assert.equal(await page.inputValue('#idea'), 'Läxhjälp på lördagar också', 'the text typed across the outage is all there');
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'phone-offline-online.png') });
  await page.click('#send');
  await page.waitForFunction(() => document.getElementById('idea').value === '', null, { timeout: 5000 });
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0);
  const saved = JSON.parse(fs.readFileSync(session, 'utf8'));
  assert.deepEqual(saved.ideas.map((i) => i.text), ['Läxhjälp på lördagar också'], 'sent once');
  assert.equal(saved.participants.length, 1, 'the same participant after the outage');
});
