// A consent round and "need more time?" on the phone page (issue 19), in Debian's chromium at
// 390x844 against the real host:
// - the four consent buttons in Swedish; an objection asks for a reason (sending none is
//   refused in the phone's words), then the answer shows as given and hidden until revealed;
//   the facilitator sees the count and the reason; revealed, the phone shows the room's bars;
// - "need more time?": three big buttons in Persian (right to left) over the activity; the
//   facilitator gets the answer;
// - a shuffled poll: each phone's own order, the same after a reload;
// - consent.js, consent.css and i18n/consent/<lang>.json are fetched only when needed, and the
//   consent words are in every language with the placeholders of en.json.
// Screenshots: tests/out/phone-consent-sv*.png, phone-moretime-fa.png, phone-shuffle-sv.png.
//   node --test tests/browser/consent.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
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
const cw = (lang) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'consent', `${lang}.json`), 'utf8'));
const SV = cw('sv'), FA = cw('fa');
const PROPOSAL = 'Vi provar tysta rundor på alla möten i ett år.';
const CHOICES = ['Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Fredag', 'Lördag'];

fs.mkdirSync(OUT, { recursive: true });

const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });

describe('consent and need more time on the phone', () => {
  let host, browser, dir, fac;
  const errors = [];

  async function phone(lang, name) {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { locale: lang === 'fa' ? 'fa-AF' : 'sv-SE' }));
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
    dir = tmpdir('medskapa-consent-b-');
    const template = path.join(dir, 'template.json');
    fs.writeFileSync(template, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'Rådrum: beslut', lang: 'sv',
      activities: [
        { kind: 'consent', title: 'Beslut', prompt: PROPOSAL },
        { kind: 'poll', title: 'Dag', prompt: 'Vilken dag passar?', poll: 'single', choices: CHOICES, shuffle: true },
        { kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?' },
        { kind: 'vote', title: 'Prioritera', prompt: 'Vad först?', source: 3, budget: 3, max_per_item: 2, shuffle: true },
      ],
    }));
    host = await startHost(['--template', template, '--session', path.join(dir, 'session.json')]);
    fac = await peer(host.wsUrl, { key: /#key=([0-9a-f]{32})/.exec(host.output())[1] });
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (browser) await browser.close();
    if (fac) fac.ws.close();
    if (host) await host.stop('SIGKILL');
  });

  it('has the consent words in every language, with the placeholders of en.json', () => {
    const en = cw('en');
    const holes = (s) => (s.match(/\{\w+\}/g) || []).sort();
    for (const lang of LANGS) {
      const w = cw(lang);
      assert.deepEqual(Object.keys(w).sort(), Object.keys(en).sort(), lang);
      for (const k of Object.keys(en)) {
        assert.ok(w[k].trim() && w[k] === w[k].trim(), `${lang}.${k}`);
        assert.deepEqual(holes(w[k]), holes(en[k]), `${lang}.${k} placeholders`);
      }
    }
  });

  let sv, fa;
  it('shows the four answers; an objection asks for a reason; the answer stays hidden until revealed', async () => {
    sv = await phone('sv', 'Anna');
    const { page } = sv;
    await page.waitForSelector('#consent .cns-btn', { state: 'visible' });
    const words = await page.$$eval('#consent .cns-btn .cns-word', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(words, [SV.cns_yes, SV.cns_live, SV.cns_concern, SV.cns_objection]);
    assert.equal(await page.textContent('#prompt'), PROPOSAL);
    assert.ok(await page.isHidden('#idea-form'), 'no idea box in a consent round');
    // every button is a big target
    for (const b of await page.$$('#consent .cns-btn')) assert.ok((await b.boundingBox()).height >= 48);
    await page.screenshot({ path: path.join(OUT, 'phone-consent-sv.png') });

    await page.click('#consent .cns-objection');
    await page.waitForSelector('#cns-reason', { state: 'visible' });
    assert.equal(await page.textContent('#consent .cns-chosen'), SV.cns_objection);
    await page.click('#consent .send-row .btn-primary');   // no reason: refused kindly, before sending
    await until(page, () => /\S/.test((document.querySelector('#consent .form-msg.is-error') || {}).textContent || ''));
    await page.fill('#cns-reason', 'Det tar för lång tid på korta möten.');
    await page.screenshot({ path: path.join(OUT, 'phone-consent-sv-reason.png') });
    await page.click('#consent .send-row .btn-primary');
    await page.waitForSelector('#consent .cns-mine', { state: 'visible' });
    assert.equal(await page.textContent('#consent .cns-mine'), SV.cns_your_answer.replace('{answer}', SV.cns_objection));
    assert.equal(await page.textContent('#consent .note'), SV.cns_answered);
    assert.equal(await page.$('#consent .cns-bars'), null, 'no counts before the reveal');
    await page.screenshot({ path: path.join(OUT, 'phone-consent-sv-answered.png') });

    const st = await fac.next((m) => m.type === 'state' && m.results && m.results.objection === 1);
    assert.equal(st.results.reasons[0].reason, 'Det tar för lång tid på korta möten.');
  });

  it('asks "need more time?" with three big buttons, in Persian', async () => {
    fa = await phone('fa', 'Bahar');
    const { page } = fa;
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await fac.ask({ type: 'moretime.ask' });
    await page.waitForSelector('#moretime .mt-btn', { state: 'visible' });
    const words = await page.$$eval('#moretime .mt-btn', (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(words, [FA.cns_mt_done, FA.cns_mt_little, FA.cns_mt_more]);
    assert.equal(await page.textContent('#moretime .section-title'), FA.cns_mt_question);
    for (const b of await page.$$('#moretime .mt-btn')) assert.ok((await b.boundingBox()).height >= 48);
    await page.click('#moretime .mt-more');
    await until(page, () => document.querySelector('#moretime .mt-more').getAttribute('aria-pressed') === 'true');
    await fac.next((m) => m.type === 'state' && m.activity.moretime && m.activity.moretime.counts.more === 1);
    await page.screenshot({ path: path.join(OUT, 'phone-moretime-fa.png') });
    await fac.ask({ type: 'moretime.close' });
    await until(page, () => /1/.test((document.querySelector('#moretime .hint') || {}).textContent || ''));
  });

  it('shows the room\'s answer once revealed, in bars', async () => {
    const { page } = sv;
    await fac.ask({ type: 'phase', phase: 'revealed' });
    await page.waitForSelector('#consent .cns-bars', { state: 'visible' });
    const n = await page.$$eval('#consent .cns-bar-n', (ns) => ns.map((x) => x.textContent));
    assert.deepEqual(n, ['0', '0', '0', '1']);
    await page.screenshot({ path: path.join(OUT, 'phone-consent-sv-revealed.png'), fullPage: true });
  });

  it('gives the facilitator "1 av 2 har svarat", the counts, the reasons without names, and the amendment', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    await page.goto(`${host.url}#key=${/#key=([0-9a-f]{32})/.exec(host.output())[1]}`);
    await page.waitForSelector('#fs-now', { state: 'visible', timeout: WAIT });
    const roles = JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', 'roles', 'sv.json'), 'utf8'));
    const want = roles.f_cns_progress_answered.replace('{done}', '1').replace('{of}', '2');
    await until(page, (w) => (document.querySelector('.fcns-progress') || {}).textContent === w, want);
    await until(page, () => /Det tar för lång tid/.test((document.querySelector('.fcns-reasons') || {}).textContent || ''));
    assert.ok(!(await page.textContent('.fcns-reasons')).includes('Anna'), 'never who');
    assert.ok(await page.isVisible('#fs-add input[value=consent]') || await page.$('#fs-add input[value=consent]'));
    await page.fill('.fcns-amend textarea', 'Vi provar tysta rundor på varannat möte.');
    await page.click('.fcns-amend button[type=submit]');
    await until(sv.page, () => /2/.test((document.querySelector('#consent .eyebrow') || {}).textContent || ''));
    await sv.page.waitForSelector('#consent .cns-btn', { state: 'visible' });
    await page.screenshot({ path: path.join(OUT, 'phone-consent-facilitator-sv.png'), fullPage: true });
    await ctx.close();
  });

  it('shows a shuffled poll in an order of each phone\'s own, the same after a reload', async () => {
    await fac.ask({ type: 'goto', activity: 2 });
    await fac.ask({ type: 'phase', activity: 2, phase: 'open' });
    const order = async (p) => {
      await p.page.waitForSelector('#poll .opt-text', { state: 'visible' });
      return p.page.$$eval('#poll .opt-text', (ns) => ns.map((n) => n.textContent));
    };
    const a = await order(sv), b = await order(fa);
    assert.deepEqual([...a].sort(), [...CHOICES].sort());
    assert.deepEqual([...b].sort(), [...CHOICES].sort());
    assert.ok(JSON.stringify(a) !== JSON.stringify(CHOICES) || JSON.stringify(b) !== JSON.stringify(CHOICES), 'shuffled');
    await sv.page.screenshot({ path: path.join(OUT, 'phone-shuffle-sv.png') });
    await sv.page.reload();
    await until(sv.page, () => document.getElementById('status').getAttribute('data-state') === 'connected');
    assert.deepEqual(await order(sv), a, 'the same order after a reload');
    // the answer is the choice's own index, whatever its place
    await sv.page.click(`#poll .opt:has-text("${CHOICES[3]}")`);
    await fac.next((m) => m.type === 'results' && m.activity === 2 && m.rows.some((r) => r.item === 3 && r.count === 1));
  });

  it('shows a shuffled vote in an order of each phone\'s own, the same after a reload', async () => {
    await fac.ask({ type: 'goto', activity: 3 });
    await fac.ask({ type: 'phase', activity: 3, phase: 'open' });
    for (const text of CHOICES) await fac.ask({ type: 'idea.post', activity: 3, text: `Idé ${text}` });
    await fac.ask({ type: 'goto', activity: 4 });
    await fac.ask({ type: 'phase', activity: 4, phase: 'open' });
    const order = async (p) => {
      await until(p.page, (n) => document.querySelectorAll('#vote-list .vitem-text').length === n, CHOICES.length);
      return p.page.$$eval('#vote-list .vitem-text', (ns) => ns.map((n) => n.textContent));
    };
    const a = await order(sv), b = await order(fa), posted = CHOICES.map((c) => `Idé ${c}`);
    assert.deepEqual([...a].sort(), [...posted].sort());
    assert.ok(JSON.stringify(a) !== JSON.stringify(posted) || JSON.stringify(b) !== JSON.stringify(posted), 'shuffled');
    await sv.page.reload();
    await until(sv.page, () => document.getElementById('status').getAttribute('data-state') === 'connected');
    assert.deepEqual(await order(sv), a, 'the same order after a reload');
  });

  it('fetched the consent part only when needed, and had no errors', () => {
    for (const f of ['/consent.js', '/consent.css', '/i18n/consent/sv.json']) assert.ok(sv.loaded.includes(f), f);
    assert.ok(fa.loaded.includes('/i18n/consent/fa.json'));
    // consent.js and consent.css: nothing too new for browsers about five years old
    const src = fs.readFileSync(path.join(WEB, 'consent.js'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
      .replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
    assert.doesNotMatch(src, /\?\.(?!\d)|\?\?|\.at\(|\b(replaceAll|structuredClone)\b/);
    assert.doesNotMatch(fs.readFileSync(path.join(WEB, 'consent.css'), 'utf8'), /:has\(|inset\s*:|(?:margin|padding)-block\s*:/);
    assert.deepEqual(errors, []);
  });
});
