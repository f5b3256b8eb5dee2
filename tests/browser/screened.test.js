// Screened ideas (issue 19) on the phone page, in Debian's chromium at 390x844 against the real
// host: an own idea "waiting to be shown" (calm, not an error) in Swedish and Persian, and a
// rejection with its reason in the phone's own words and the facilitator's note, in Arabic and
// in Persian; other phones never get the waiting idea; the facilitator's queue on her phone:
// show, edit and show, and not show with a reason and a note.
// Screenshots: tests/out/phone-waiting-sv.png, phone-waiting-fa.png, phone-rejected-ar.png,
// phone-rejected-fa.png, facilitator-queue.png, facilitator-queue-reject.png.
//   node --test tests/browser/screened.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const WEB = path.join(ROOT, 'participant-web');
const words = (lang, roles) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', roles ? 'roles' : '', `${lang}.json`), 'utf8'));
const SV = words('sv'), AR = words('ar'), FA = words('fa'), SVR = words('sv', true);
const PROMPT = 'Vad behöver nya i kommunen?';
const SV_IDEA = 'Läxhjälp på biblioteket på lördagar';
const AR_IDEA = 'الجيران في الطابق الثالث مزعجون';
const AR_NOTE = 'Ta gärna upp det med mig i pausen.';
const FA_IDEA = 'شماره تلفن من ۰۷۰۱۲۳۴۵۶۷ است';

fs.mkdirSync(OUT, { recursive: true });

function watch(page, errors) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
}
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });
const card = (page, text) => page.locator('#idea-list .idea').filter({ hasText: text });

describe('screened ideas on the phone and on the facilitator\'s phone', () => {
  let host, browser, key, fac, other;
  const errors = [];

  async function phone(lang, name) {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { locale: lang === 'ar' ? 'ar-SY' : 'sv-SE' }));
    if (lang === 'fa') await ctx.addInitScript(() => localStorage.setItem('medskapa.lang', 'fa'));
    const page = await ctx.newPage();
    watch(page, errors);
    await page.goto(host.url);
    await page.waitForSelector('#join-form', { state: 'visible' });
    await page.fill('#name', name);
    await page.click('#join-button');
    await page.waitForSelector('#room', { state: 'visible' });
    await until(page, () => document.getElementById('status').getAttribute('data-state') === 'connected');
    return page;
  }
  async function post(page, text) {
    await page.fill('#idea', text);
    await page.click('#send');
    const added = await fac.next((m) => m.type === 'idea.added' && m.idea.text === text);
    assert.equal(added.idea.status, 'waiting');
    await card(page, text).waitFor({ timeout: WAIT });
    return added.idea.id;
  }
  async function shot(page, name, text) {
    await card(page, text).scrollIntoViewIfNeeded();
    await page.locator('#idea').blur();
    await page.screenshot({ path: path.join(OUT, name) });
  }

  before(async () => {
    const dir = tmpdir('medskapa-screened-b-');
    const template = path.join(dir, 'template.json');
    fs.writeFileSync(template, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'Rådrum: granskade idéer', lang: 'sv',
      activities: [{ kind: 'ideas', title: 'Idéer', prompt: PROMPT, screened: true }],
    }));
    host = await startHost(['--template', template, '--session', path.join(dir, 'session.json')]);
    key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
    fac = await peer(host.wsUrl, { key });
    other = await peer(host.wsUrl, { name: 'Yonas', lang: 'ti' });
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (browser) await browser.close();
    for (const p of [fac, other]) if (p) p.ws.close();
    if (host) await host.stop();
  });

  it('Swedish: my idea waits to be shown, calmly; once shown the mark goes', async () => {
    const page = await phone('sv', 'Lena');
    const id = await post(page, SV_IDEA);
    await until(page, (w) => document.querySelector('#idea-msg').textContent.trim() === w, SV.sent_silent);
    const c = card(page, SV_IDEA);
    assert.equal((await c.locator('.tag-waiting').textContent()).trim(), SV.scr_waiting);
    // calm: not the error colour, not the hidden mark
    const look = await c.locator('.tag-waiting').evaluate((n) => getComputedStyle(n).color);
    const err = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--error').trim());
    assert.notEqual(look, 'rgb(163, 34, 26)', `not the error colour ${err}`);
    assert.equal(await c.locator('.tag-hidden').count(), 0);
    await shot(page, 'phone-waiting-sv.png', SV_IDEA);
    // Another phone has not got it.
    assert.ok(!other.welcome.ideas.some((i) => i.id === id));
    await fac.ask({ type: 'idea.approve', idea: id });
    await until(page, (t) => { const n = [...document.querySelectorAll('#idea-list .idea')].find((x) => x.textContent.includes(t)); return n && !n.querySelector('.tag-waiting'); }, SV_IDEA);
    await other.next((m) => m.type === 'idea.changed' && m.idea.id === id);
    await page.context().close();
  });

  it('Arabic: a rejected idea says why in Arabic, with the facilitator\'s note as she wrote it', async () => {
    const page = await phone('ar', 'عمر');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const id = await post(page, AR_IDEA);
    assert.equal((await card(page, AR_IDEA).locator('.tag-waiting').textContent()).trim(), AR.scr_waiting);
    await fac.ask({ type: 'idea.reject', idea: id, reason: 'off_topic', note: AR_NOTE });
    const c = card(page, AR_IDEA);
    await c.locator('.tag-hidden').waitFor({ timeout: WAIT });
    assert.equal((await c.locator('.tag-hidden').textContent()).trim(), `${AR.hidden_mine}: ${AR.scr_off_topic_why}`);
    assert.equal((await c.locator('.idea-note').textContent()).trim(), `${AR.facilitator}: ${AR_NOTE}`);
    assert.equal(await c.locator('.tag-waiting').count(), 0);
    await shot(page, 'phone-rejected-ar.png', AR_IDEA);
    await page.context().close();
  });

  it('Persian: waiting, then not shown for personal details', async () => {
    const page = await phone('fa', 'سارا');
    const id = await post(page, FA_IDEA);
    assert.equal((await card(page, FA_IDEA).locator('.tag-waiting').textContent()).trim(), FA.scr_waiting);
    await shot(page, 'phone-waiting-fa.png', FA_IDEA);
    await fac.ask({ type: 'idea.reject', idea: id, reason: 'personal' });
    const c = card(page, FA_IDEA);
    await c.locator('.tag-hidden').waitFor({ timeout: WAIT });
    assert.equal((await c.locator('.tag-hidden').textContent()).trim(), `${FA.hidden_mine}: ${FA.scr_personal_why}`);
    assert.equal(await c.locator('.idea-note').count(), 0, 'no note given, none shown');
    await shot(page, 'phone-rejected-fa.png', FA_IDEA);
    await page.context().close();
  });

  it('the facilitator\'s queue: show, edit and show, not show with a reason and a note', async () => {
    const a = await peer(host.wsUrl, { name: 'Amal', lang: 'sv' });
    const ids = [];
    for (const text of ['Fler bänkar i parken', 'Simskola för vuxna', 'Samma som förut']) {
      ids.push((await a.ask({ type: 'idea.post', text })).idea);
    }
    const page = await (await browser.newContext(PHONE)).newPage();
    watch(page, errors);
    await page.goto(`${host.url}#key=${key}`);
    await page.waitForSelector('#fs-scr .fscr', { state: 'visible', timeout: WAIT });
    await until(page, () => document.querySelectorAll('#fs-scr .fscr').length === 3);
    assert.equal((await page.textContent('#fs-scr .fsec-title')).trim(), SVR.f_scr_queue.replace('{n}', '3'));
    await page.locator('#fs-scr').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'facilitator-queue.png') });

    // In the moderation list a waiting idea says so, and offers neither a group nor a merge.
    await page.locator('#fs-mod summary').click();
    const mod = page.locator('#fs-mod .fmod').filter({ hasText: 'Simskola för vuxna' });
    assert.match(await mod.locator('.fm-meta').textContent(), new RegExp(SV.scr_waiting));
    await mod.locator('.fm-head').click();
    assert.equal(await mod.locator('.fm-g').isVisible(), false);
    assert.equal(await mod.locator('.fm-merge').isVisible(), false);
    await mod.locator('.fm-head').click();
    await page.locator('#fs-mod summary').click();

    const row = (text) => page.locator('#fs-scr .fscr').filter({ hasText: text });
    // Show as it is.
    await row('Fler bänkar').getByRole('button', { name: SVR.f_scr_approve, exact: true }).click();
    const shown = await a.next((m) => m.type === 'idea.changed' && m.idea.id === ids[0]);
    assert.equal(shown.idea.status, undefined);
    await until(page, () => document.querySelectorAll('#fs-scr .fscr').length === 2);
    // Edit and show.
    await row('Simskola').getByRole('button', { name: SVR.f_scr_edit, exact: true }).click();
    await row('Simskola').locator('textarea').fill('Simskola för vuxna på kvällar');
    await row('Simskola').locator('.fscr-edit').getByRole('button', { name: SVR.f_scr_approve, exact: true }).click();
    const edited = await a.next((m) => m.type === 'idea.changed' && m.idea.id === ids[1]);
    assert.equal(edited.idea.text, 'Simskola för vuxna på kvällar');
    assert.equal(edited.idea.edited, true);
    await until(page, () => document.querySelectorAll('#fs-scr .fscr').length === 1);
    // Not show: the six reasons to pick from, then a note.
    const r = row('Samma som förut');
    await r.getByRole('button', { name: SVR.f_scr_reject, exact: true }).click();
    const reasons = await r.locator('.fscr-rej .chip').allTextContents();
    assert.deepEqual(reasons.map((x) => x.trim()), ['off_topic', 'duplicate', 'personal', 'hurtful', 'unclear', 'other'].map((k) => SV['scr_' + k + '_why']));
    await r.locator('.chip', { hasText: SV.scr_duplicate_why }).click();
    await r.getByRole('textbox', { name: SVR.f_scr_note }).fill('Den finns redan som nummer 1.');
    await r.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'facilitator-queue-reject.png') });
    await r.getByRole('button', { name: SVR.f_scr_send, exact: true }).click();
    const told = await a.next((m) => m.type === 'idea.changed' && m.idea.id === ids[2]);
    assert.equal(told.idea.status, 'rejected');
    assert.equal(told.idea.reject, 'duplicate');
    assert.equal(told.idea.reject_note, 'Den finns redan som nummer 1.');
    await until(page, () => document.querySelectorAll('#fs-scr .fscr').length === 0);
    assert.equal((await page.textContent('#fs-scr .fsec-title')).trim(), SVR.f_scr_queue.replace('{n}', '0'));
    assert.equal(await page.isVisible('#fs-scr [data-i18n="f_scr_none"]'), true);
    a.ws.close();
    assert.deepEqual(errors, []);
  });
});
