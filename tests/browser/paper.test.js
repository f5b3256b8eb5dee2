// Paper counts on the facilitator's page and a phone (issue 20), in Debian's chromium at 390x844
// against the real host: the facilitator enters a sheet's tally in the Paper block (table, the
// vote's idea, count), sees the batch in the list, corrects it (the old one struck through);
// a phone's results say "5 på papper". Screenshots: tests/out/facilitator-paper.png,
// tests/out/phone-results-paper-sv.png.
//   node --test tests/browser/paper.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const WEB = path.join(ROOT, 'participant-web');
const ROLES = JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'roles', 'sv.json'), 'utf8'));
const SV = JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'sv.json'), 'utf8'));
fs.mkdirSync(OUT, { recursive: true });
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });

describe('paper counts on the facilitator page and a phone', () => {
  let host, browser, dir, fac, key;
  const errors = [];

  before(async () => {
    dir = tmpdir('medskapa-paper-b-');
    const template = path.join(dir, 'template.json');
    fs.writeFileSync(template, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'Rådrum: papper', lang: 'sv', tables: 4,
      activities: [
        { kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs i parken?' },
        { kind: 'vote', title: 'Prioritera', prompt: 'Vad är viktigast?', source: 1, budget: 3, max_per_item: 2 },
      ],
    }));
    host = await startHost(['--template', template, '--session', path.join(dir, 'session.json')]);
    key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
    fac = await peer(host.wsUrl, { key });
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (browser) await browser.close();
    if (fac) fac.ws.close();
    if (host) await host.stop('SIGKILL');
  });

  it('enters a batch, corrects it, and the phone sees the paper part', async () => {
    const anna = await peer(host.wsUrl, { name: 'Anna', lang: 'sv' });
    await fac.ask({ type: 'phase', activity: 1, phase: 'open' });
    await anna.ask({ type: 'idea.post', text: 'Fler bänkar' });
    await anna.ask({ type: 'idea.post', text: 'Mer ljus på kvällen' });
    await fac.ask({ type: 'goto', activity: 2 });
    await fac.ask({ type: 'phase', activity: 2, phase: 'open' });
    await anna.ask({ type: 'vote', item: 1, dots: 1 });

    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    await page.goto(`${host.url}#key=${key}`);
    await page.waitForSelector('#fpap', { state: 'visible', timeout: WAIT });
    assert.equal((await page.textContent('#fpap .label')).trim(), ROLES.f_pap_title);
    const options = await page.$$eval('#fpap select option', (os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(options, [['1', '#1 Fler bänkar'], ['2', '#2 Mer ljus på kvällen']]);
    await page.fill('#fpap input[name=table]', '3');
    await page.selectOption('#fpap select', '2');
    await page.fill('#fpap input[name=count]', '4');
    await page.click('#fpap .fpap-add button[type=submit]');
    await until(page, () => document.querySelectorAll('#fpap .fpap-batch').length === 1);
    const first = await page.textContent('#fpap .fpap-batch .fpap-what');
    assert.ok(first.includes(ROLES.f_pap_table_n.replace('{table}', '3')) && first.includes('#2 Mer ljus på kvällen: 4'), first);
    // A count out of range is refused on the page, nothing sent.
    await page.fill('#fpap input[name=count]', '-2');
    await page.click('#fpap .fpap-add button[type=submit]');
    await until(page, () => document.querySelector('#fpap .form-msg').classList.contains('is-error'));
    // The correction: the right count replaces the batch, which stays struck through.
    await page.fill('#fpap .fpap-fix input', '5');
    await page.click('#fpap .fpap-fix button');
    await until(page, () => document.querySelectorAll('#fpap .fpap-batch').length === 2 &&
      document.querySelectorAll('#fpap .fpap-batch.is-replaced').length === 1);
    const replaced = await page.textContent('#fpap .fpap-batch.is-replaced');
    assert.ok(replaced.includes(ROLES.f_pap_replaced), replaced);
    assert.equal(await page.locator('#fpap .fpap-batch.is-replaced form').count(), 0, 'a replaced batch has no correct button');
    await page.locator('#fpap').scrollIntoViewIfNeeded();
    await page.locator('#fpap').screenshot({ path: path.join(OUT, 'facilitator-paper.png') });

    // Revealed: a phone's results say "5 på papper".
    await fac.ask({ type: 'phase', activity: 2, phase: 'revealed' });
    const pctx = await browser.newContext(PHONE);
    await pctx.addInitScript(() => localStorage.setItem('medskapa.lang', 'sv'));
    const phone = await pctx.newPage();
    phone.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    await phone.goto(host.url);
    await phone.waitForSelector('#join-form', { state: 'visible' });
    await phone.fill('#name', 'Bo');
    await phone.click('#join-button');
    const want = SV.pap_on_paper.replace('{n}', '5');
    await until(phone, (w) => [...document.querySelectorAll('#results .rcount')].some((e) => e.textContent.includes(w)), want);
    await phone.screenshot({ path: path.join(OUT, 'phone-results-paper-sv.png') });
    assert.deepEqual(errors, []);
    await ctx.close();
    await pctx.close();
    anna.ws.close();
  });
});
