// The facilitator key lives only as long as the tab: in sessionStorage, never in localStorage,
// so a borrowed phone whose tab was closed is a plain participant's phone again. A key left in
// localStorage by an earlier version of the page is removed, not taken over.
//   node --test tests/browser/facilitator-key.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT } = require('../lib/browser.js');
const { startHost, tmpdir } = require('../lib/host.js');


// Every localStorage value of the page, to see that the key is in none of them.
const local = (page) => page.evaluate(() => {
  const o = {};
  for (let i = 0; i < localStorage.length; i++) o[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
  return o;
});
// What the page sent on its WebSockets: a hello with a key would make it the facilitator.
const SPY = () => {
  window.sent = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (d) { window.sent.push(JSON.parse(d)); return send.call(this, d); };
};
const facControls = (page) => page.waitForSelector('#fs-now', { state: 'visible', timeout: WAIT });
const joinScreen = (page) => page.waitForSelector('#join-form', { state: 'visible', timeout: WAIT });

describe('the facilitator key is kept for the tab only', () => {
  let host, browser, key;
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  };

  before(async () => {
    const file = path.join(tmpdir('medskapa-key-'), 'session.json');
    fs.writeFileSync(file, JSON.stringify({
      format: 'medskapa-session', version: 1, title: 'Rådrum', lang: 'sv',
      created: '2026-11-23T17:00:00.000Z', saved: '2026-11-23T17:00:00.000Z', current_activity: 1,
      activities: [{ id: 1, kind: 'ideas', title: 'Idéer', prompt: 'Vad vill du ändra?' }], participants: [], ideas: [],
    }));
    host = await startHost(['--session', file]);
    const m = /Mötesledare:\s+\S*#key=([0-9a-f]{32})/.exec(host.output());
    assert.ok(m, 'the host prints the facilitator address:\n' + host.output());
    key = m[1];
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('keeps the key in sessionStorage only: a reload keeps it, a new tab does not have it', async () => {
    const ctx = await browser.newContext(PHONE);
    await ctx.addInitScript(SPY);
    const fac = await ctx.newPage();
    watch(fac);
    await fac.goto(`${host.url}#key=${key}`);
    await facControls(fac);
    assert.equal(await fac.evaluate(() => sessionStorage.getItem('medskapa.key')), key);
    const stored = await local(fac);
    assert.equal(stored['medskapa.key'], undefined, 'no medskapa.key in localStorage');
    assert.ok(!Object.values(stored).some((v) => String(v).toLowerCase().includes(key)),
      'the key is in no localStorage value: ' + JSON.stringify(stored));

    // A reload in the same tab: still the facilitator, though the address has no key any more.
    assert.equal(new URL(fac.url()).hash, '');
    await fac.reload();
    await facControls(fac);
    assert.equal(await fac.evaluate(() => sessionStorage.getItem('medskapa.key')), key);
    assert.equal(await fac.evaluate(() => localStorage.getItem('medskapa.key')), null);

    // A new tab in the same browser (what is left after the facilitator's tab is closed):
    // a plain participant, asked for a name, who never sends the key.
    const tab = await ctx.newPage();
    watch(tab);
    await tab.goto(host.url);
    await joinScreen(tab);
    assert.equal(await tab.isVisible('#modes'), false);
    assert.equal(await tab.locator('#fac *').count(), 0);
    assert.equal(await tab.evaluate(() => sessionStorage.getItem('medskapa.key')), null);
    await tab.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill('Lånad telefon');
    await tab.getByRole('button', { name: 'Gå med' }).click();
    await tab.waitForFunction(() => document.getElementById('status-text').textContent.trim() === 'Ansluten', null, { timeout: WAIT });
    const hellos = await tab.evaluate(() => window.sent.filter((m) => m.type === 'hello'));
    assert.ok(hellos.length > 0);
    assert.ok(hellos.every((h) => !('key' in h)), 'no hello carries a key: ' + JSON.stringify(hellos));
    assert.equal(await tab.isVisible('#modes'), false, 'no facilitator controls');
    await ctx.close();
    assert.deepEqual(errors, []);
  });

  it('removes a key that an earlier version left in localStorage, and does not use it', async () => {
    const ctx = await browser.newContext(PHONE);
    await ctx.addInitScript(SPY);
    // Plant the old key from a page of the host's origin, then open the page afresh in a new tab.
    const planter = await ctx.newPage();
    watch(planter);
    await planter.goto(host.url);
    await joinScreen(planter);
    await planter.evaluate((k) => localStorage.setItem('medskapa.key', k), key);
    await planter.close();

    const page = await ctx.newPage();
    watch(page);
    await page.goto(host.url);
    await joinScreen(page);
    await page.waitForFunction(() => localStorage.getItem('medskapa.key') === null, null, { timeout: WAIT });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('medskapa.key')), null, 'not copied to sessionStorage');
    assert.equal(await page.isVisible('#modes'), false);
    assert.equal(await page.locator('#fac *').count(), 0);
    const hellos = await page.evaluate(() => window.sent.filter((m) => m.type === 'hello' && 'key' in m));
    assert.deepEqual(hellos, []);
    await ctx.close();
    assert.deepEqual(errors, []);
  });
});
