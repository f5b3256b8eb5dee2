// Actions on the phone page and the facilitator's page (issue 20), in Debian's chromium at
// 390x844 against the real host:
// - the phone's list in Swedish: each action with its status word, who and by when, its note;
//   "Vi kan ta det här" -> type who -> "Väntar på mötesledaren" (sent, kept after the facilitator
//   has it); the same list in Arabic (right to left), where the offer shows as "someone offered";
// - the facilitator's actions section: the vote's top items, one tap each makes an action; a
//   volunteer confirmed with a tap; a status set with a note; the phones follow;
// - actions.js, actions.css and i18n/actions/<lang>.json are fetched only when needed, and the
//   words are in every language with the placeholders of en.json.
// Screenshots: tests/out/phone-actions-sv*.png, phone-actions-ar.png, facilitator-actions-sv.png
// (docs/img/phone-actions-sv.png).
//   node --test tests/browser/actions.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const WEB = path.join(ROOT, 'participant-web');
const LANGS = ['sv', 'en', 'ar', 'fa', 'ti', 'so', 'uk'];
const aw = (lang) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'actions', `${lang}.json`), 'utf8'));
const roles = (lang) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'roles', `${lang}.json`), 'utf8'));
const SV = aw('sv'), AR = aw('ar');
const IDEAS = ['Belysning på gångvägen', 'En grillplats vid dammen', 'Läxhjälp på tisdagar'];

fs.mkdirSync(OUT, { recursive: true });
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });

describe('actions on the phone and on the facilitator\'s page', () => {
  let host, browser, dir, fac, key;
  const errors = [];

  async function phone(lang, name) {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { locale: lang === 'ar' ? 'ar' : 'sv-SE' }));
    await ctx.addInitScript((l) => localStorage.setItem('medskapa.lang', l), lang);
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error' && !/WebSocket connection/.test(m.text())) errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    const loaded = [];
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(host.url);
    await page.waitForSelector('#join-form', { state: 'visible' });
    await page.fill('#name', name);
    await page.click('#join-button');
    await page.waitForSelector('#room', { state: 'visible' });
    await until(page, () => document.getElementById('status').getAttribute('data-state') === 'connected');
    return { page, ctx, loaded };
  }

  before(async () => {
    dir = tmpdir('medskapa-actions-b-');
    const template = path.join(dir, 'template.json');
    fs.writeFileSync(template, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'Rådrum: vad gör vi nu?', lang: 'sv',
      activities: [
        { kind: 'ideas', title: 'Idéer', prompt: 'Vad behöver parken?' },
        { kind: 'vote', title: 'Prioritera', prompt: 'Vad är viktigast?', source: 1, budget: 3, max_per_item: 3 },
        { kind: 'actions', title: 'Vad gör vi nu?', prompt: 'Vem gör vad, och när?', source: 2 },
      ],
    }));
    host = await startHost(['--template', template, '--session', path.join(dir, 'session.json')]);
    key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
    fac = await peer(host.wsUrl, { key });
    browser = await chromium.launch(LAUNCH);
    // Ideas and a vote, by people without a phone.
    await fac.ask({ type: 'phase', activity: 1, phase: 'open' });
    for (const text of IDEAS) await fac.ask({ type: 'idea.post', activity: 1, text });
    const bo = await fac.ask({ type: 'proxy.add', name: 'Bo' });
    await fac.ask({ type: 'goto', activity: 2 });
    await fac.ask({ type: 'phase', activity: 2, phase: 'open' });
    await fac.ask({ type: 'vote', item: 1, dots: 2, as: bo.participant });
    await fac.ask({ type: 'vote', item: 3, dots: 1, as: bo.participant });
    await fac.ask({ type: 'phase', activity: 2, phase: 'revealed' });
  });

  after(async () => {
    if (browser) await browser.close();
    if (fac) fac.ws.close();
    if (host) await host.stop('SIGKILL');
  });

  it('has the actions words in every language, with the placeholders of en.json', () => {
    const en = aw('en');
    const holes = (s) => (s.match(/\{\w+\}/g) || []).sort();
    for (const lang of LANGS) {
      const w = aw(lang);
      assert.deepEqual(Object.keys(w).sort(), Object.keys(en).sort(), lang);
      for (const k of Object.keys(en)) {
        assert.ok(w[k].trim() && w[k] === w[k].trim(), `${lang}.${k}`);
        assert.deepEqual(holes(w[k]), holes(en[k]), `${lang}.${k} placeholders`);
      }
    }
  });

  let sv, ar;
  it('loads actions.js only in an actions activity', async () => {
    sv = await phone('sv', 'Anna');
    assert.ok(!sv.loaded.some((p) => /actions\.(js|css)$|i18n\/actions\//.test(p)), 'not before');
    await fac.ask({ type: 'goto', activity: 3 });
    await fac.ask({ type: 'phase', activity: 3, phase: 'open' });
    await sv.page.waitForSelector('#actions .note', { state: 'visible' });
    assert.equal(await sv.page.textContent('#actions .note'), SV.act_none);
    assert.ok(sv.loaded.includes('/actions.js') && sv.loaded.includes('/i18n/actions/sv.json'));
  });

  it('gives the facilitator the vote\'s top items: one tap each makes an action', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    await page.goto(`${host.url}#key=${key}`);
    await page.waitForSelector('#fs-actions', { state: 'visible', timeout: WAIT });
    assert.ok(await page.$('#fs-add input[name=kind][value=actions]'), 'the add form offers an actions activity');
    assert.ok(await page.isHidden('.fcns-progress'), 'no "0 of 2 have answered" in an actions activity');
    await until(page, () => document.querySelectorAll('#fs-actions .fact-top-item').length === 2);
    const top = await page.$$eval('#fs-actions .fact-top-item bdi', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(top, [IDEAS[0], IDEAS[2]]);
    await page.click('#fs-actions .fact-top-item:nth-child(1) button');
    await until(page, () => document.querySelectorAll('#fs-actions .fact-item').length === 1);
    await page.click('#fs-actions .fact-top-item:nth-child(2) button');
    await until(page, () => document.querySelectorAll('#fs-actions .fact-item').length === 2);
    // a typed one with who and by when
    await page.fill('.fact-add input[name=text]', 'Fråga skolan om en lokal');
    await page.fill('.fact-add input[name=who]', 'Fritidsgården');
    await page.fill('.fact-add input[name=due]', '2027-03-31');
    await page.click('.fact-add button[type=submit]');
    await until(page, () => document.querySelectorAll('#fs-actions .fact-item').length === 3);
    assert.ok(await page.isDisabled('#fs-actions .fact-top-item:nth-child(1) button'), 'taken once');
    // a status with a note on the first
    await page.selectOption('#fs-actions .fact-item:nth-child(1) select[name=status]', 'started');
    await page.fill('#fs-actions .fact-item:nth-child(1) input[name=note]', 'Offert beställd');
    await page.click('#fs-actions .fact-item:nth-child(1) .fact-set button');
    await fac.next((m) => m.type === 'state' && (m.actions || []).some((a) => a.status === 'started' && a.note === 'Offert beställd'));
    F.page = page;
    F.ctx = ctx;
  });
  const F = {};

  it('shows the phone the list; "Vi kan ta det här" waits for the facilitator, who confirms', async () => {
    const { page } = sv;
    await until(page, () => document.querySelectorAll('#actions .act').length === 3);
    const st = await page.$$eval('#actions .act-status', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(st, [SV.act_status_started, SV.act_status_planned, SV.act_status_planned]);
    assert.equal(await page.textContent('#actions .act:nth-child(1) .act-note'), 'Offert beställd');
    assert.ok((await page.textContent('#actions .act:nth-child(3) .act-facts')).includes('Fritidsgården'));
    assert.ok((await page.textContent('#actions .act:nth-child(3) .act-facts')).includes('2027-03-31'));
    assert.ok(await page.isHidden('#idea-form'), 'no idea box');
    assert.ok(!/ph_actions|act_|f_act/.test(await page.textContent('#room')), 'no key names on the page');
    await page.screenshot({ path: path.join(OUT, 'phone-actions-sv.png'), fullPage: true });
    fs.copyFileSync(path.join(OUT, 'phone-actions-sv.png'), path.join(ROOT, 'docs', 'img', 'phone-actions-sv.png'));
    // no who yet on the second: volunteer
    await page.click('#actions .act:nth-child(2) .act-offer');
    await page.waitForSelector('#actions .act-input', { state: 'visible' });
    const box = await (await page.$('#actions .act-input')).boundingBox();
    assert.ok(box.height >= 44, 'a big field');
    await page.fill('#actions .act-input', 'Fotbollsklubben');
    await page.screenshot({ path: path.join(OUT, 'phone-actions-sv-offer.png') });
    await page.click('#actions .act-form button[type=submit]');
    const want = SV.act_waiting.replace('{who}', 'Fotbollsklubben');
    await until(page, (w) => (document.querySelector('#actions .act:nth-child(2) .act-wait') || {}).textContent === w, want);
    await page.screenshot({ path: path.join(OUT, 'phone-actions-sv-waiting.png') });

    // Arabic: the same list, right to left; the offer is "someone offered", never who typed it.
    ar = await phone('ar', 'Omar');
    await until(ar.page, () => document.querySelectorAll('#actions .act').length === 3);
    assert.equal(await ar.page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await ar.page.textContent('#actions .act:nth-child(2) .act-wait'), AR.act_offered);
    assert.ok(!(await ar.page.textContent('#actions')).includes('Fotbollsklubben'));
    const arSt = await ar.page.$$eval('#actions .act-status', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(arSt, [AR.act_status_started, AR.act_status_planned, AR.act_status_planned]);
    await ar.page.screenshot({ path: path.join(OUT, 'phone-actions-ar.png'), fullPage: true });

    // The facilitator sees the offer and confirms it.
    const fp = F.page, R = roles('sv');
    await until(fp, (w) => (document.querySelector('#fs-actions .fact-item:nth-child(2) .fact-offer-text') || {}).textContent === w,
      R.f_act_offer.replace('{who}', 'Fotbollsklubben'));
    assert.ok(!/ph_actions|f_act_|act_kind/.test(await fp.textContent('#fs-actions')), 'no key names in the section');
    await (await fp.$('#fs-actions')).screenshot({ path: path.join(OUT, 'facilitator-actions-sv.png') });
    await fp.click('#fs-actions .fact-item:nth-child(2) .fact-offer .btn-primary');
    await until(page, () => /Fotbollsklubben/.test((document.querySelector('#actions .act:nth-child(2) .act-facts') || {}).textContent || ''));
    assert.equal(await page.$('#actions .act:nth-child(2) .act-wait'), null);
    await until(ar.page, () => /Fotbollsklubben/.test((document.querySelector('#actions .act:nth-child(2) .act-facts') || {}).textContent || ''));
    await page.screenshot({ path: path.join(OUT, 'phone-actions-sv-confirmed.png'), fullPage: true });
    await F.ctx.close();
    assert.deepEqual(errors, []);
  });
});
