// The phone page in each of its seven languages, at phone size (390x844, touch, DPR 2) in Debian's
// chromium against the real host: join, write, vote, results, a poll, reconnecting, and the
// facilitator's view. In every state: zero axe-core violations, touch targets of 44 px, labelled
// controls, no sideways scrolling at 200 % text; right to left for Arabic and Persian; the language
// the phone chose is the one the host saves for the participant. Screenshots: tests/out/i18n-<lang>-<state>.png
//   node --test tests/browser/i18n.test.js        (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');
const WebSocket = require('ws');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Europe/Stockholm' };
const WEB = path.join(ROOT, 'participant-web');
const BUDGET = 100000;

// Each language: the phone's browser locale, how it gets there (the browser's language, or the
// picker at join on a phone set to Swedish), a participant's name and idea in that language.
const LANGS = [
  { code: 'sv', locale: 'sv-SE', via: 'browser', name: 'Lena', idea: 'Läxhjälp och fika på biblioteket på tisdagar' },
  { code: 'en', locale: 'sv-SE', via: 'picker', name: 'Sam', idea: 'A club fair in the sports hall, 3 times a year' },
  { code: 'ar', locale: 'ar-SY', via: 'browser', name: 'أمل', idea: 'أنشطة رياضية للنساء فقط في المساء، مرتين في الأسبوع' },
  { code: 'fa', locale: 'fa-AF', via: 'browser', name: 'رضا', idea: 'برای خانواده‌ها فعالیت‌هایی باشد که اطفال و والدین با هم بیایند' },
  { code: 'ti', locale: 'sv-SE', via: 'picker', name: 'ዮናስ', idea: 'ሓበሬታ ብዛዕባ ማሕበራት ብትግርኛ ይወሃብ' },
  { code: 'so', locale: 'so-SO', via: 'browser', name: 'Hodan', idea: 'Kooxo ciyaareed oo haweenka u gaar ah' },
  { code: 'uk', locale: 'sv-SE', via: 'picker', name: 'Олена', idea: 'Спортивні гуртки для дітей, перші 2 місяці безкоштовно' },
];
const OWN_NAME = { sv: 'Svenska', en: 'English', ar: 'العربية', fa: 'دری', ti: 'ትግርኛ', so: 'Soomaali', uk: 'Українська' };

const TEMPLATE = {
  format: 'medskapa-template', version: 1, title: 'Rådrum: Vägen in i föreningslivet', lang: 'sv',
  activities: [
    { kind: 'ideas', title: 'Idéer', prompt: 'Vad skulle göra det lättare för nyanlända att börja i en förening här?',
      categories: ['Information', 'Kostnad', 'Gemenskap', 'Språk'] },
    { kind: 'vote', title: 'Prioritera', prompt: 'Vilka idéer ska vi börja med?', source: 1, budget: 5, max_per_item: 3, timer_s: 180 },
    { kind: 'poll', title: 'Nästa träff', prompt: 'När passar nästa rådrum bäst?', poll: 'single',
      choices: ['Vardag dagtid', 'Vardag kväll', 'Lördag förmiddag'] },
  ],
};
const OTHERS = ['Prova-på-dagar i sporthallen med flera föreningar', 'دروس سباحة للأطفال يوم السبت الساعة 10'];

fs.mkdirSync(OUT, { recursive: true });
const strings = (code) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', `${code}.json`), 'utf8'));
const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));

const waitText = (page, sel, want, timeout = 8000) => page.waitForFunction(([s, w]) => {
  const n = document.querySelector(s);
  return !!n && n.textContent.trim() === w;
}, [sel, want], { timeout });
const waitHas = (page, sel, want, timeout = 8000) => page.waitForFunction(([s, w]) => {
  const n = document.querySelector(s);
  return !!n && n.textContent.indexOf(w) >= 0;
}, [sel, want], { timeout });

// A raw WebSocket peer: the facilitator's remote, or another phone.
function peer(url, hello) {
  const ws = new WebSocket(url, 'medskapa.v1');
  const inbox = [];
  let waiters = [];
  ws.on('message', (d) => { inbox.push(JSON.parse(d)); const w = waiters; waiters = []; w.forEach((f) => f()); });
  const next = (pred, ms = 5000) => new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('no such message: ' + JSON.stringify(inbox.slice(-5)))), ms);
    const check = () => { const m = inbox.find(pred); if (m) { clearTimeout(timer); res(m); } else waiters.push(check); };
    check();
  });
  let seq = 0;
  const ask = async (o) => { // send and wait for its ack
    o.cid = 'c' + (++seq);
    ws.send(JSON.stringify(o));
    const m = await next((x) => (x.type === 'ack' || x.type === 'error') && x.cid === o.cid);
    assert.equal(m.type, 'ack', `${o.type}: ${JSON.stringify(m)}`);
    return m;
  };
  return new Promise((res, rej) => {
    ws.on('error', rej);
    ws.on('open', async () => {
      ws.send(JSON.stringify(Object.assign({ type: 'hello', proto: 1 }, hello)));
      await next((m) => m.type === 'welcome');
      res({ ws, inbox, next, ask, close: () => ws.close() });
    });
  });
}

// Axe on the page as it stands: any violation fails, with what and where.
async function axe(page, where) {
  const r = await new AxeBuilder({ page }).analyze();
  const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ` +
    x.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join('\n    '));
  assert.deepEqual(v, [], `axe in ${where}`);
  return r.passes.length;
}

// What a person with a finger, a screen reader or large text needs, on what is shown now.
async function usable(page, where) {
  const r = await page.evaluate(() => {
    const bad = [];
    const nameOf = (c) => {
      if (c.getAttribute('aria-label')) return c.getAttribute('aria-label');
      const by = c.getAttribute('aria-labelledby');
      if (by) return by.split(/\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ');
      if (c.labels && c.labels.length) return Array.from(c.labels).map((l) => l.textContent).join(' ');
      return /^(BUTTON|SUMMARY|A)$/.test(c.tagName) ? c.textContent : '';
    };
    for (const c of document.querySelectorAll('button, input, textarea, select, summary, a[href]')) {
      if (c.offsetParent === null && getComputedStyle(c).position !== 'fixed') continue;
      // A radio or checkbox is touched through its label, which holds it.
      const box = (/^(radio|checkbox)$/.test(c.type) && c.closest('label') || c).getBoundingClientRect();
      if (!box.width && !box.height) continue;
      if (box.height < 44 || box.width < 44) bad.push(`${c.id || c.className || c.tagName} is ${Math.round(box.width)}x${Math.round(box.height)} px`);
      if (!nameOf(c).trim()) bad.push(`${c.id || c.className || c.tagName} has no label`);
    }
    document.documentElement.style.fontSize = '200%';
    const wide = document.documentElement.scrollWidth - window.innerWidth;
    document.documentElement.style.fontSize = '';
    return { bad, wide, dir: document.documentElement.dir, lang: document.documentElement.lang };
  });
  assert.deepEqual(r.bad, [], where);
  assert.ok(r.wide <= 0, `${where}: ${r.wide} px sideways scrolling at 200 % text`);
  return r;
}

// Wait until every animation and transition on the page that ends has ended (the arrival
// highlight, the bars growing): a deadline, not a guess at how long they take on a loaded machine.
const settled = (page, timeout = 8000) => page.waitForFunction(() => document.getAnimations()
  .every((a) => a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity), null, { timeout });

async function check(page, L, state, opts = {}) {
  const where = `${L.code} ${state}`;
  await settled(page); // arrivals and bars have finished moving
  const r = await usable(page, where);
  assert.equal(r.lang, L.code, where);
  assert.equal(r.dir, L.code === 'ar' || L.code === 'fa' ? 'rtl' : 'ltr', where);
  await axe(page, where);
  await page.screenshot({ path: path.join(OUT, `i18n-${L.code}-${state}.png`) });
  if (opts.large) {
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; window.scrollTo(0, 0); });
    await page.screenshot({ path: path.join(OUT, `i18n-${L.code}-${state}-200.png`) });
    await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
  }
}

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { if (browser) await browser.close(); });

for (const L of LANGS) {
  describe(`the phone page in ${L.code} (${OWN_NAME[L.code]})`, () => {
    const s = strings(L.code);
    let host, file, key, fac, other, page, ctx;
    const errors = [];
    const rtl = L.code === 'ar' || L.code === 'fa';

    before(async () => {
      const dir = tmpdir('medskapa-i18n-');
      const tpl = path.join(dir, 'template.json');
      file = path.join(dir, 'session.json');
      fs.writeFileSync(tpl, JSON.stringify(TEMPLATE));
      host = await startHost(['--template', tpl, '--session', file]);
      key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
      fac = await peer(host.wsUrl, { key });
      await fac.ask({ type: 'goto', activity: 1 });
      await fac.ask({ type: 'phase', activity: 1, phase: 'open' });
      other = await peer(host.wsUrl, { name: 'Erik', lang: 'sv' });
      for (const text of OTHERS) await other.ask({ type: 'idea.post', text });
    });

    after(async () => {
      if (ctx) await ctx.close();
      if (fac) fac.close();
      if (other) other.close();
      if (host) await host.stop();
    });

    it(`joins in ${L.code} (${L.via === 'browser' ? 'the browser language ' + L.locale : 'chosen at join'}), light and labelled`, async () => {
      ctx = await browser.newContext(Object.assign({ locale: L.locale }, PHONE));
      page = await ctx.newPage();
      page.on('console', (m) => { if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
      const loaded = [];
      page.on('response', async (res) => {
        try { loaded.push([new URL(res.url()).pathname, (await res.body()).length]); } catch (e) { /* redirect or gone */ }
      });
      await page.goto(host.url);
      if (L.via === 'picker') {
        await waitText(page, '#join-button', strings('sv').join_button);
        // Found by its label, in the language the page is in now; each language named in itself.
        const picker = page.getByRole('combobox', { name: strings('sv').language_label });
        assert.deepEqual(await picker.locator('option').allTextContents(), Object.values(OWN_NAME));
        await picker.selectOption(L.code);
      }
      await waitText(page, '#join-button', s.join_button);
      assert.equal(await page.getAttribute('html', 'lang'), L.code);
      assert.equal(await page.getAttribute('html', 'dir'), rtl ? 'rtl' : 'ltr');
      assert.equal(await page.inputValue('#lang'), L.code);
      assert.equal(await page.evaluate(() => localStorage.getItem('medskapa.lang')), L.via === 'picker' ? L.code : null);
      await page.waitForLoadState('networkidle');
      await check(page, L, 'join', { large: true });
      // What a participant's phone loaded: no facilitator files, within the budget.
      const files = loaded.filter(([p]) => !/^\/i18n\//.test(p) || p === `/i18n/${L.code}.json`);
      assert.ok(!files.some(([p]) => /facilitator/.test(p)), 'no facilitator files for a participant');
      for (const f of ['/', '/style.css', '/app.js', `/i18n/${L.code}.json`]) assert.ok(files.some(([p]) => p === f), `${f} loaded`);
      const total = files.reduce((n, [, b]) => n + b, 0);
      console.log(`# ${L.code}: the page loaded ${total} bytes: ${files.map(([p, b]) => `${p} ${b}`).join(', ')}`);
      assert.ok(total <= BUDGET, `${total} bytes`);
    });

    it('writes an idea with a topic; the counter stays left to right', async () => {
      await page.getByRole('textbox', { name: s.name_label }).fill(L.name);
      await page.getByRole('button', { name: s.join_button }).click();
      await waitText(page, '#status-text', s.status_connected);
      await waitHas(page, '#phase-text', s.ph_ideas_open);
      assert.equal(await page.isVisible('#lang'), true, 'the picker is still at hand in the room');
      const box = page.getByRole('textbox', { name: s.idea_label });
      await box.fill(L.idea);
      await page.getByRole('button', { name: 'Gemenskap' }).click();
      const n = Array.from(L.idea).length;
      assert.equal(await page.textContent('#counter'), `${n} / 280`);
      assert.deepEqual(await page.$eval('#counter', (c) => [getComputedStyle(c).direction, getComputedStyle(c).unicodeBidi]), ['ltr', 'isolate']);
      assert.equal(await page.textContent('#counter-text'), fill(s.counter_left, { n: 280 - n }));
      // The chosen topic shows a check mark, not only a colour.
      assert.equal(await page.$eval('.chip[aria-pressed="true"]', (c) => getComputedStyle(c, '::before').content), '"✓"');
      await page.locator('#idea').blur();
      await check(page, L, 'write');
      await page.getByRole('button', { name: s.send, exact: true }).click();
      await page.waitForSelector('#idea-list .idea.is-mine');
      await waitText(page, '#idea-msg', s.sent);
      assert.equal(await page.textContent('#idea-list .idea.is-mine .idea-text'), L.idea);
      assert.equal(await page.textContent('#idea-list .idea.is-mine .badge'), s.you);
      await check(page, L, 'ideas');
    });

    it('votes with dots; "voting is open" is announced', async () => {
      await fac.ask({ type: 'goto', activity: 2 });
      await fac.ask({ type: 'phase', activity: 2, phase: 'open' });
      await fac.ask({ type: 'timer', activity: 2, action: 'start' });
      await waitHas(page, '#announce', s.ph_vote_open);
      assert.equal(await page.getAttribute('#announce', 'aria-live'), 'polite');
      await page.waitForSelector('#vote-list .vitem');
      const items = page.locator('#vote-list .vitem');
      assert.equal(await items.count(), 3);
      const plus = (i) => items.nth(i).getByRole('button', { name: s.dot_more });
      await plus(0).click();
      await waitText(page, '#dots-text', fill(s.dots_left, { n: 4, budget: 5 }));
      await plus(0).click();
      await waitText(page, '#dots-text', fill(s.dots_left, { n: 3, budget: 5 }));
      await plus(2).click();
      await waitText(page, '#dots-text', fill(s.dots_left, { n: 2, budget: 5 }));
      const cat = (n) => (L.code === 'ar' ? ['zero', 'one', 'two'][n] : n === 1 ? 'one' : 'other');
      assert.equal(await items.nth(0).locator('.vcount').textContent(), fill(s[`dots_on_${cat(2)}`] || s.dots_on_other, { n: 2 }));
      // Dots are filled shapes and words, not a colour: 2 filled of 3 on the first item.
      assert.equal(await items.nth(0).locator('.pip.is-on').count(), 2);
      // Right to left: + is on the left (the end of the row), − on the right.
      const [minusX, plusX] = await items.nth(0).locator('.vbtn').evaluateAll((b) => b.map((x) => x.getBoundingClientRect().x));
      assert.equal(plusX < minusX, rtl, 'the row follows the writing direction');
      assert.equal(await page.$eval('#timer-time', (t) => getComputedStyle(t).direction), 'ltr');
      await check(page, L, 'vote', { large: true });
    });

    it('shows the results as bars from the start of the line', async () => {
      await fac.ask({ type: 'phase', activity: 2, phase: 'revealed' });
      await waitHas(page, '#announce', s.ph_vote_revealed);
      await page.waitForSelector('#results:not([hidden]) .rrow');
      await waitText(page, '#results-title', s.results_vote);
      await settled(page); // the bars have grown
      const bar = await page.$eval('#result-list .rrow .rbar', (b) => {
        const r = b.getBoundingClientRect(), f = b.firstChild.getBoundingClientRect();
        return { left: Math.abs(f.left - r.left) < 1, right: Math.abs(f.right - r.right) < 1, full: Math.abs(f.width - r.width) < 1 };
      });
      assert.equal(bar.full, true, 'the winner has a full bar');
      const bar2 = await page.$$eval('#result-list .rrow .rbar', (bs) => bs.slice(1).map((b) => {
        const r = b.getBoundingClientRect(), f = b.firstChild.getBoundingClientRect();
        return { left: Math.abs(f.left - r.left) < 1, right: Math.abs(f.right - r.right) < 1, w: f.width };
      }));
      const part = bar2.find((b) => b.w > 0);
      assert.ok(part, 'a shorter bar');
      assert.equal(rtl ? part.right : part.left, true, 'a bar starts where the line starts');
      assert.equal(await page.textContent('#results-sum'), fill(s.voters_one, { n: 1 }));
      await check(page, L, 'results');
    });

    it('answers a poll', async () => {
      await fac.ask({ type: 'goto', activity: 3 });
      await fac.ask({ type: 'phase', activity: 3, phase: 'open' });
      await waitHas(page, '#announce', s.ph_poll_open);
      await page.getByRole('radio', { name: 'Vardag kväll' }).check();
      await waitText(page, '#poll-msg', s.answer_saved);
      assert.equal(await page.$eval('.opt input:checked + .opt-box .opt-mark', (m) => getComputedStyle(m, '::before').content), '"✓"');
      await check(page, L, 'poll');
    });

    it("opens the facilitator's view in the same language", async () => {
      const fctx = await browser.newContext(Object.assign({ locale: L.locale }, PHONE));
      try {
        const fp = await fctx.newPage();
        if (L.via === 'picker') await fctx.addInitScript((c) => localStorage.setItem('medskapa.lang', c), L.code);
        await fp.goto(host.url + '#key=' + key);
        await fp.waitForSelector('#fac .fsec', { timeout: 8000 });
        await waitText(fp, '#mode-lead', s.mode_lead);
        for (const id of ['now', 'agenda']) {
          const d = fp.locator(`#fs-${id}`);
          if (!(await d.evaluate((n) => n.open))) await d.locator('summary').click();
        }
        await check(fp, L, 'facilitator');
      } finally {
        await fctx.close();
      }
    });

    it('says it is reconnecting while the host is away, and comes back', async () => {
      const port = host.port;
      await host.stop();
      await waitText(page, '#status-text', s.status_reconnecting);
      assert.equal(await page.getAttribute('#status', 'role'), 'status');
      await check(page, L, 'reconnecting');
      // The saved session knows the phone's language.
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      const me = saved.participants.find((p) => p.name === L.name);
      assert.ok(me, `${L.name} in ${JSON.stringify(saved.participants)}`);
      assert.equal(me.lang, L.code);
      host = await startHost(['--session', file, '--port', String(port)]);
      await waitText(page, '#status-text', s.status_connected, 15000);
      fac.close();
      fac = null;
      assert.deepEqual(errors, []);
    });
  });
}

describe('changing the language in the room', () => {
  it('takes effect at once and reaches the saved session', async () => {
    const dir = tmpdir('medskapa-i18n-');
    const tpl = path.join(dir, 'template.json');
    const file = path.join(dir, 'session.json');
    fs.writeFileSync(tpl, JSON.stringify(TEMPLATE));
    let host = await startHost(['--template', tpl, '--session', file]);
    const ctx = await browser.newContext(Object.assign({ locale: 'sv-SE' }, PHONE));
    try {
      const page = await ctx.newPage();
      await ctx.addInitScript(() => { window.sent = []; const send = WebSocket.prototype.send; WebSocket.prototype.send = function (d) { window.sent.push(JSON.parse(d)); return send.call(this, d); }; });
      await page.goto(host.url);
      await page.fill('#name', 'Nour');
      await page.click('#join-button');
      await waitText(page, '#status-text', strings('sv').status_connected);
      // In the room the picker is a globe, still named by its label.
      const picker = page.getByRole('combobox', { name: strings('sv').language_label });
      await page.evaluate(() => {
        window.said = [];
        new MutationObserver(() => window.said.push(document.getElementById('status-text').textContent))
          .observe(document.getElementById('status-text'), { childList: true, characterData: true, subtree: true });
      });
      await picker.selectOption('ar');
      await waitText(page, '#status-text', strings('ar').status_connected);
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await page.waitForFunction(() => window.sent.filter((m) => m.type === 'hello').map((m) => m.lang).join() === 'sv,ar');
      // Quietly: the status never said "reconnecting" on the way.
      const said = await page.evaluate(() => window.said);
      assert.ok(!said.some((x) => /…/.test(x)), JSON.stringify(said));
      await page.screenshot({ path: path.join(OUT, 'i18n-ar-switched.png') });
      // Dari by its own code is Persian/Dari; a language without strings falls back to English.
      for (const [locale, want] of [['prs-AF', 'fa'], ['fa-IR', 'fa'], ['ti-ER', 'ti'], ['de-DE', 'en']]) {
        const c = await browser.newContext(Object.assign({}, PHONE, { locale }));
        const p = await c.newPage();
        await p.goto(host.url);
        await waitText(p, '#join-button', strings(want).join_button);
        assert.equal(await p.getAttribute('html', 'lang'), want, locale);
        await c.close();
      }
      const { code } = await host.stop();
      assert.equal(code, 0);
      host = null;
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(saved.participants.map((p) => [p.name, p.lang]), [['Nour', 'ar']]);
      // Remembered: a reload stays in Arabic.
      assert.equal(await page.evaluate(() => localStorage.getItem('medskapa.lang')), 'ar');
    } finally {
      await ctx.close();
      if (host) await host.stop();
    }
  });
});
