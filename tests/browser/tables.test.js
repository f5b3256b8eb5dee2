// Tables and rounds (issue 19) on the phone page, in Debian's chromium at 390x844 against the
// real host:
// - choosing a table: a big button per table, the table in the header, "change table", and the
//   scribe's mark "Du skriver för bord 3" (the host seats the phone: table.join);
// - a round: "Runda 1 av 4 · Ensam" in the question card with its timer in the dock; "Ta vidare
//   för vårt bord" on the ideas of one's own table in the round now (idea.forward), one pick per
//   table and round; in the next round the idea brought forward is first and marked;
// - the kiosk (#kiosk=2, a shared tablet in Persian): it joins as the scribe of table 2, keeps no
//   name or draft, and after each idea says "Thank you! Next writer" and starts clean, the last
//   writer's text nowhere on the page or in its storage; the host has each idea at table 2;
// - the facilitator's page: how many sit at each table, each tablet's link, the next round by
//   name, and what each table brings forward;
// - tables.js, tables.css and their words stay out of a participant's first load until needed.
// Screenshots (looked at): tests/out/phone-table-{sv,fa}.png, phone-round-{sv,fa}.png,
// phone-kiosk-{fa,sv}.png, facilitator-tables-sv.png (and -seats-sv.png, with people fed in).
//   node --test tests/browser/tables.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const WEB = path.join(ROOT, 'participant-web', 'i18n');
const words = (lang) => Object.assign(JSON.parse(fs.readFileSync(path.join(WEB, `${lang}.json`), 'utf8')),
  JSON.parse(fs.readFileSync(path.join(WEB, 'tables', `${lang}.json`), 'utf8')),
  JSON.parse(fs.readFileSync(path.join(WEB, 'roles', `${lang}.json`), 'utf8')));
const SV = words('sv'), FA = words('fa');
const fill = (s, v) => s.replace(/\{(\w+)\}/g, (a, k) => (k in v ? String(v[k]) : a));
const PROMPT = 'Hur får fler nyanlända plats i föreningslivet?';
const ROUNDS = [{ title: 'Ensam', seconds: 60 }, { title: 'I par', seconds: 120 }, { title: 'I fyra', seconds: 240 },
  { title: 'Alla', seconds: 300 }];

fs.mkdirSync(OUT, { recursive: true });

// The axe accessibility rules on the page as it is now: no violation.
async function axe(page, where) {
  const r = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(r.violations.map((x) => `${x.id}: ${x.help} ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], `axe in ${where}`);
}

describe('tables and rounds on the phone', () => {
  let host, browser, key, fac, ctxs = [];
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  };
  const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });
  const text = (page, sel) => page.$eval(sel, (e) => e.textContent.replace(/[\u2066-\u2069]/g, '').trim());
  const phone = async (lang, hash = '') => {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { locale: lang === 'fa' ? 'fa-AF' : 'sv-SE' }));
    ctxs.push(ctx);
    const page = await ctx.newPage();
    watch(page);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    page.fetched = fetched;
    await page.goto(host.url + hash);
    return page;
  };
  const joinAs = async (page, name, s) => {
    await page.getByRole('textbox', { name: s.name_label }).fill(name);
    await page.getByRole('button', { name: s.join_button }).click();
    await until(page, () => !!window.Medskapa.S.welcomed);
  };

  before(async () => {
    const file = path.join(tmpdir('medskapa-tables-'), 'session.json');
    fs.writeFileSync(file, JSON.stringify({
      format: 'medskapa-session', version: 3, title: 'Rådrum', lang: 'sv',
      created: '2026-12-07T17:00:00.000Z', saved: '2026-12-07T17:00:00.000Z', current_activity: 1,
      activities: [{ id: 1, kind: 'ideas', title: 'Välkommen', prompt: 'Vad tar du med dig hit i kväll?', phase: 'open' }],
      participants: [], ideas: [],
    }));
    host = await startHost(['--session', file]);
    key = /Mötesledare:\s+\S*#key=([0-9a-f]{32})/.exec(host.output())[1];
    fac = await peer(host.wsUrl, { key });
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (fac) fac.ws.close();
    for (const c of ctxs) await c.close();
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('a meeting without tables fetches nothing of tables.js', async () => {
    const page = await phone('sv');
    await joinAs(page, 'Utan', SV);
    await page.waitForTimeout(300);
    assert.deepEqual(page.fetched.filter((p) => /tables/.test(p)), []);
    assert.equal(await page.$('#seat'), null);
    await page.context().close();
    ctxs = ctxs.filter((c) => c !== page.context());
  });

  let amal;
  it('choosing a table: a button per table, the table in the header, the scribe mark', async () => {
    await fac.ask({ type: 'tables.set', count: 4 });
    amal = await phone('sv');
    await joinAs(amal, 'Amal', SV);
    await until(amal, () => document.querySelectorAll('#seat .seat-btn').length === 4);
    assert.ok(amal.fetched.includes('/tables.js') && amal.fetched.includes('/i18n/tables/sv.json'));
    assert.equal(await text(amal, '#seat-title'), SV.tbl_pick);
    assert.ok(await amal.$eval('#seat-chip', (e) => e.hidden), 'no table in the header before one is chosen');
    // The buttons are big enough for a thumb.
    const box = await amal.getByRole('button', { name: fill(SV.tbl_seat, { n: 3 }) }).boundingBox();
    assert.ok(box.height >= 56 && box.width >= 56, JSON.stringify(box));
    await amal.getByRole('button', { name: fill(SV.tbl_seat, { n: 3 }) }).click();
    await until(amal, () => !document.getElementById('seat-chip').hidden);
    assert.equal(await text(amal, '#seat-chip'), 'Bord 3');
    assert.ok(await amal.$eval('#seat .seat-grid', (e) => e.hidden), 'the buttons go once seated');
    assert.match(await text(amal, '#seat .seat-line'), /^Bord 3\s+Byt bord$/);
    assert.deepEqual(await amal.evaluate(() => window.Medskapa.S.seat), { table: 3, scribe: false });
    // Changing: the buttons again, the table now pressed.
    await amal.getByRole('button', { name: SV.tbl_change }).click();
    assert.equal(await amal.getByRole('button', { name: 'Bord 3' }).getAttribute('aria-pressed'), 'true');
    await amal.screenshot({ path: path.join(OUT, 'phone-table-pick-sv.png') });
    await axe(amal, 'the table picker');
    await amal.getByRole('button', { name: 'Bord 3' }).click();
    await until(amal, () => document.querySelector('#seat .seat-grid').hidden);
    // The scribe of the table.
    await amal.getByRole('button', { name: SV.tbl_be_scribe }).click();
    await until(amal, () => !document.querySelector('#seat .seat-mark').hidden);
    assert.equal(await text(amal, '#seat .seat-mark'), 'Du skriver för bord 3');
    assert.deepEqual(await amal.evaluate(() => window.Medskapa.S.seat), { table: 3, scribe: true });
    await amal.screenshot({ path: path.join(OUT, 'phone-table-sv.png') });
    // A table that does not exist: the host says no_table, the page says it in Swedish.
    const err = await amal.evaluate(() => new Promise((res) => window.Medskapa.request({ type: 'table.join', table: 9 }, (e) => res(e && e.code))));
    assert.equal(err, 'no_table');
    assert.equal(await amal.evaluate(() => window.Medskapa.errorText('no_table')), SV.err_no_table);
  });

  let act, bilal;
  it('a round: its name and timer, bringing an idea forward, and the next round starts from it', async () => {
    act = (await fac.ask({ type: 'activity.add', kind: 'ideas', title: '1-2-4-alla', prompt: PROMPT, rounds: ROUNDS })).activity;
    await fac.ask({ type: 'goto', activity: act });
    await fac.ask({ type: 'phase', activity: act, phase: 'open' });
    bilal = await peer(host.wsUrl, { name: 'Bilal', lang: 'sv' });
    await bilal.ask({ type: 'table.join', table: 3 });
    const other = await peer(host.wsUrl, { name: 'Cecilia', lang: 'sv' });
    await other.ask({ type: 'table.join', table: 1 });
    await fac.ask({ type: 'round.next', activity: act });
    await until(amal, () => !document.getElementById('round').hidden);
    assert.equal(await text(amal, '#round'), 'Runda 1 av 4 · Ensam');
    await until(amal, () => !document.getElementById('timer').hidden);
    assert.match(await text(amal, '#timer-time'), /^(1:00|0:5\d)$/);
    // Amal writes; Bilal at the same table and Cecilia at another write too.
    await amal.getByRole('textbox', { name: SV.idea_label }).fill('Fadder i varje förening');
    await amal.getByRole('button', { name: SV.send }).click();
    const b1 = (await bilal.ask({ type: 'idea.post', text: 'Prova-på-dagar för familjer' })).idea;
    const c1 = (await other.ask({ type: 'idea.post', text: 'Annonser på fler språk' })).idea;
    await until(amal, () => document.querySelectorAll('#idea-list .idea').length === 3);
    const ideaLi = (t) => amal.locator('#idea-list .idea', { hasText: t });
    // The button is on the ideas of table 3 in this round, not on table 1's.
    assert.equal(await ideaLi('Fadder').locator('.btn-forward').count(), 1);
    assert.equal(await ideaLi('Prova-på').locator('.btn-forward').count(), 1);
    assert.equal(await ideaLi('Annonser').locator('.btn-forward').count(), 0);
    await ideaLi('Prova-på').getByRole('button', { name: SV.tbl_bring }).click();
    await until(amal, () => !!document.querySelector('#idea-list .idea.is-forward'));
    assert.equal(await ideaLi('Prova-på').locator('.btn-forward').getAttribute('aria-pressed'), 'true');
    assert.equal(await ideaLi('Prova-på').locator('.tag-forward').textContent(), SV.tbl_forwarded);
    // One pick per table and round: Amal's own idea replaces it.
    await ideaLi('Fadder').getByRole('button', { name: SV.tbl_bring }).click();
    await until(amal, () => document.querySelectorAll('#idea-list .idea.is-forward').length === 1 &&
      /Fadder/.test(document.querySelector('#idea-list .idea.is-forward').textContent));
    // Bilal, not a scribe, may pick for his own table; not Cecilia's idea (wrong_table).
    const wrong = await new Promise((res) => {
      bilal.ws.send(JSON.stringify({ type: 'idea.forward', idea: c1, cid: 'w1' }));
      bilal.next((m) => m.cid === 'w1').then(res);
    });
    assert.equal(wrong.code, 'wrong_table');
    assert.ok(b1 > 0);
    await amal.screenshot({ path: path.join(OUT, 'phone-round-sv.png'), fullPage: true });
    await axe(amal, 'a round with a pick');

    // Round 2: its name, the pick of round 1 first and marked, no button on round 1's ideas.
    await fac.ask({ type: 'round.next', activity: act });
    await until(amal, () => /Runda 2/.test(document.getElementById('round').textContent));
    assert.equal(await text(amal, '#round'), 'Runda 2 av 4 · I par');
    await bilal.ask({ type: 'idea.post', text: 'Fadder och prova-på tillsammans' });
    await until(amal, () => document.querySelectorAll('#idea-list .idea').length === 4);
    const order = await amal.$$eval('#idea-list .idea .idea-text', (ps) => ps.map((p) => p.textContent));
    assert.equal(order[0], 'Fadder i varje förening', JSON.stringify(order));
    assert.equal(await ideaLi('Fadder i varje').locator('.btn-forward').count(), 0);
    assert.equal(await ideaLi('tillsammans').locator('.btn-forward').count(), 1);
    await amal.screenshot({ path: path.join(OUT, 'phone-round-2-sv.png'), fullPage: true });
    other.ws.close();
  });

  it('shows the table, the round and the marks in Persian, right to left', async () => {
    const page = await phone('fa');
    await joinAs(page, 'مریم', FA);
    await until(page, () => document.querySelectorAll('#seat .seat-btn').length === 4);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await text(page, '#seat-title'), FA.tbl_pick);
    await page.screenshot({ path: path.join(OUT, 'phone-table-pick-fa.png') });
    await page.getByRole('button', { name: fill(FA.tbl_seat, { n: 3 }) }).click();
    await until(page, () => !document.getElementById('seat-chip').hidden);
    assert.equal(await text(page, '#seat-chip'), fill(FA.tbl_seat, { n: 3 }));
    assert.equal(await text(page, '#round'), fill(FA.tbl_round_of, { i: 2, n: 4 }) + ' · I par');
    await page.screenshot({ path: path.join(OUT, 'phone-table-fa.png') });
    await page.screenshot({ path: path.join(OUT, 'phone-round-fa.png'), fullPage: true });
  });

  it('a kiosk tablet writes for its table and starts clean for each writer', async () => {
    const page = await phone('fa', '#kiosk=2');
    // Straight in, no name asked, seated as the scribe of table 2.
    await until(page, () => { const s = window.Medskapa.S.seat; return !!s && s.table === 2 && s.scribe; });
    assert.equal(await page.evaluate(() => window.Medskapa.S.name), '');
    assert.equal(await text(page, '#seat-title'), fill(FA.tbl_kiosk, { n: 2 }));
    assert.ok(await page.$eval('#ideas', (e) => getComputedStyle(e).display === 'none'), 'no list of earlier ideas');
    const first = 'ایدهٔ نویسندهٔ اول: کلاس زبان در باشگاه';
    const box = page.locator('#idea');
    await box.fill(first);
    // Typing leaves nothing on the tablet: no draft kept.
    assert.equal(await page.evaluate(() => localStorage.getItem('medskapa.draft')), null);
    await page.locator('#send').click();
    const got = await fac.next((m) => m.type === 'idea.added' && m.idea.text === first);
    assert.equal(got.idea.table, 2);
    await until(page, () => !document.getElementById('thanks').hidden);
    assert.equal(await text(page, '#thanks .thanks-title'), FA.tbl_thanks);
    assert.ok(await page.$eval('#idea-form', (e) => getComputedStyle(e).display === 'none'));
    assert.equal(await box.inputValue(), '');
    const seen = await page.evaluate(() => document.body.innerText + JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage)));
    assert.ok(!seen.includes('کلاس زبان'), 'the last writer\'s text is nowhere on the page or in its storage');
    assert.ok(!/medskapa\.name/.test(seen) || !/"medskapa\.name":"[^"]/.test(seen), 'no name kept');
    await page.screenshot({ path: path.join(OUT, 'phone-kiosk-fa.png') });
    await axe(page, 'the kiosk\'s thanks');
    // The next writer.
    await page.getByRole('button', { name: FA.tbl_start }).click();
    await until(page, () => document.getElementById('thanks').hidden && getComputedStyle(document.getElementById('idea-form')).display !== 'none');
    assert.equal(await box.inputValue(), '');
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'idea');
    await page.screenshot({ path: path.join(OUT, 'phone-kiosk-next-fa.png') });
    const second = 'دومین نویسنده: روز خانوادگی';
    await box.fill(second);
    await page.locator('#send').click();
    const got2 = await fac.next((m) => m.type === 'idea.added' && m.idea.text === second);
    assert.equal(got2.idea.table, 2);
    assert.equal(got2.idea.author, got.idea.author, 'one participant: the table\'s tablet');
    await until(page, () => !document.getElementById('thanks').hidden);
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes('روز خانوادگی'));
  });

  it('a kiosk in Swedish says "Tack! Nästa skribent"; on a phone used before, it is not that person', async () => {
    // Amal's own browser: the tablet's page joins as a participant of its own, without her name.
    const page = await amal.context().newPage();
    watch(page);
    await page.goto(host.url + '#kiosk=4');
    await until(page, () => { const s = window.Medskapa.S.seat; return !!s && s.table === 4 && s.scribe; });
    const ids = [await amal.evaluate(() => window.Medskapa.S.you.id), await page.evaluate(() => window.Medskapa.S.you.id)];
    assert.notEqual(ids[1], ids[0]);
    assert.equal(await page.evaluate(() => window.Medskapa.S.name), '');
    await page.locator('#idea').fill('Läxhjälp på biblioteket');
    await page.locator('#send').click();
    await until(page, () => !document.getElementById('thanks').hidden);
    assert.equal(await text(page, '#thanks .thanks-title'), 'Tack! Nästa skribent');
    await page.screenshot({ path: path.join(OUT, 'phone-kiosk-sv.png') });
  });

  it('a kiosk for a table that does not exist says so', async () => {
    const page = await phone('sv', '#kiosk=9');
    await until(page, () => !!window.Medskapa.S.welcomed && !!document.querySelector('#seat .form-msg.is-error'));
    assert.equal(await text(page, '#seat .form-msg'), SV.err_no_table);
    assert.equal(await page.evaluate(() => window.Medskapa.S.seat && window.Medskapa.S.seat.table), 0);
  });

  it("the facilitator's page: tables with how many sit there, tablet links, the next round, the picks", async () => {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { viewport: { width: 390, height: 1600 } }));
    ctxs.push(ctx);
    const page = await ctx.newPage();
    watch(page);
    await page.goto(host.url + '#key=' + key);
    await until(page, () => !!document.querySelector('#fs-tables .ftable'));
    await until(page, () => document.querySelectorAll('#fs-tables .ftable').length === 4);
    const heads = await page.$$eval('#fs-tables .ftable strong', (s) => s.map((x) => x.textContent));
    assert.deepEqual(heads, ['Bord 1', 'Bord 2', 'Bord 3', 'Bord 4']);
    const link = await page.$eval('#fs-tables .ftable[data-table="2"] a.flink', (a) => a.href);
    assert.match(link, /#kiosk=2$/);
    // The next round by name; table 3's pick of round 2 none yet.
    assert.match(await text(page, '#f-round-next'), /runda 3 av 4 ·\s+I fyra$/);
    assert.equal(await text(page, '#fs-tables .ftable[data-table="3"] .ftable-pick'), SV.f_tbl_no_pick);
    const r2 = await bilal.ask({ type: 'idea.post', text: 'Ett kafé efter träningen' });
    await bilal.ask({ type: 'idea.forward', idea: r2.idea });
    await until(page, () => /kafé/.test(document.querySelector('#fs-tables .ftable[data-table="3"] .ftable-pick').textContent));
    await page.locator('#fs-tables').screenshot({ path: path.join(OUT, 'facilitator-tables-sv.png') });
    // How many sit at each table: the page shows session.seats ([{table, people, scribe}]) once
    // the host sends it to the facilitator (asked for in issue 19; not sent yet): fed here.
    await page.evaluate(() => {
      window.Medskapa.hooks.message({ type: 'state', session: { seats: [{ table: 1, people: 4, scribe: true }, { table: 2, people: 1, scribe: false }] } });
      window.Medskapa.renderAll();
    });
    assert.equal(await text(page, '#fs-tables .ftable[data-table="1"] .ftable-people'), '· 4 personer · skribent');
    assert.equal(await text(page, '#fs-tables .ftable[data-table="2"] .ftable-people'), '· 1 person');
    await page.locator('#fs-tables').screenshot({ path: path.join(OUT, 'facilitator-tables-seats-sv.png') });
    // Next round from the page; then dealing everyone out in pairs.
    await page.locator('#f-round-next').click();
    await until(amal, () => /Runda 3/.test(document.getElementById('round').textContent));
    await page.getByRole('button', { name: SV.f_tbl_assign }).click();
    await until(page, () => /./.test(document.querySelector('#fs-tables .form-msg').textContent));
    assert.equal(await text(page, '#fs-tables .form-msg'), SV.f_tbl_assigned);
  });

  it("the facilitator adds an activity in rounds, by table, from the page's form", async () => {
    const page = ctxs[ctxs.length - 1].pages()[0];
    await page.locator('#fs-add > summary').click();
    await page.locator('#fs-add textarea[name=prompt]').fill('Vad tar vi med oss?');
    await page.getByRole('textbox', { name: SV.f_tbl_rounds }).fill('Ensam, 1\nI par; 2,5\nAlla');
    await page.getByRole('checkbox', { name: SV.f_tbl_by_table }).check();
    await page.getByRole('button', { name: SV.f_add }).click();
    const st = await fac.next((m) => m.type === 'state' && m.activity && m.activity.prompt === 'Vad tar vi med oss?');
    assert.deepEqual(st.activity.rounds, [{ title: 'Ensam', seconds: 60 }, { title: 'I par', seconds: 150 }, { title: 'Alla', seconds: 0 }]);
    assert.equal(st.activity.by_table, true);
    // A line that is not "name, minutes" is refused on the page, in its words.
    await page.locator('#fs-add textarea[name=prompt]').fill('Till');
    await page.getByRole('textbox', { name: SV.f_tbl_rounds }).fill('Ensam, 1\n, 2');
    await page.getByRole('button', { name: SV.f_add }).click();
    await until(page, (w) => document.querySelector('#fs-add .form-msg').textContent === w, SV.err_f_tbl_bad_rounds);
  });

  it('no errors in any page', () => {
    assert.deepEqual(errors, []);
  });
});
