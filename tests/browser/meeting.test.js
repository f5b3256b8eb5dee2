// A short meeting run from the facilitator's phone, with two participants' phones, in Debian's
// chromium against the real host: a dot vote on the ideas (budget, per-item limit, withdrawing,
// results with a tie), a poll, a timer counting down, hiding an idea, and what a phone without
// the facilitator key can and cannot do.
//   node --test tests/browser/meeting.test.js       (host binary: build/medskapa, or MEDSKAPA_BIN)
// Screenshots of each step go to tests/out/meeting-*.png; with PHONE_DOCS_SCREENSHOT=1 a few also
// go to docs/img/phone-*.png for the README.
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const WebSocket = require('ws');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
};
const PHONE = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
};
const PROMPT = 'Vad skulle göra det lättare för nyanlända att börja i en förening här?';
const IDEAS = [
  ['Amal', 'Läxhjälp och fika på biblioteket på tisdagar'],
  ['Erik', 'Prova-på-dagar i sporthallen med flera föreningar'],
  ['Amal', 'En fadder i varje förening de första gångerna'],
];

fs.mkdirSync(OUT, { recursive: true });
const DOCS = process.env.PHONE_DOCS_SCREENSHOT ? path.join(ROOT, 'docs', 'img') : null;
async function shot(page, name, doc) {
  const file = path.join(OUT, `meeting-${name}.png`);
  await page.screenshot({ path: file });
  if (DOCS && doc) {
    fs.mkdirSync(DOCS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS, `phone-${doc}.png`));
    fs.chmodSync(path.join(DOCS, `phone-${doc}.png`), 0o644);
  }
}
const text = (page, sel) => page.locator(sel).first().textContent().then((s) => s.trim());
const waitFor = (page, fn, arg, timeout = 8000) => page.waitForFunction(fn, arg, { timeout });
// Wait until the element's text is want (a string) or matches it (a RegExp).
const waitText = (page, sel, want, timeout) => waitFor(page, ([s, w, re]) => {
  const n = document.querySelector(s);
  return !!n && (re ? new RegExp(re).test(n.textContent) : n.textContent.trim() === w);
}, [sel, String(want), want instanceof RegExp ? want.source : ''], timeout);
const waitMatch = waitText;
const shown = (page, sel) => page.locator(sel).first().isVisible();

function watch(page, into) {
  page.on('console', (m) => { if (m.type() === 'error') into.push(m.text()); });
  page.on('pageerror', (e) => into.push('pageerror: ' + e.message));
}

// The vote items as a phone shows them: text, its dots and whether + is refused.
const voteItems = (page) => page.$$eval('#vote-list .vitem', (lis) => lis.map((li) => ({
  text: li.querySelector('.vitem-text').textContent,
  count: li.querySelector('.vcount').textContent,
  pips: li.querySelectorAll('.pip.is-on').length,
})));
// Wait until every animation and transition on the page that ends has ended (the arrival
// highlight, the bars growing): a deadline, not a guess at how long they take on a loaded machine.
const settled = (page, timeout = 8000) => page.waitForFunction(() => document.getAnimations()
  .every((a) => a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity), null, { timeout });
// The result rows once the bars stand still.
const resultRows = async (page) => (await settled(page), page.$$eval('#result-list .rrow', (lis) => lis.map((li) => ({
  text: li.querySelector('.rtext').textContent,
  rank: li.querySelector('.rank-n') ? li.querySelector('.rank-n').textContent : '',
  shared: !!li.querySelector('.rank-tie'),
  place: li.querySelector('.rank .sr-only') ? li.querySelector('.rank .sr-only').textContent : '',
  count: li.querySelector('.rcount').textContent,
  bar: Math.round(100 * li.querySelector('.rfill').getBoundingClientRect().width /
    li.querySelector('.rbar').getBoundingClientRect().width),
}))));
const item = (page, t) => page.locator('#vote-list .vitem').filter({ hasText: t });
const plus = (page, t) => item(page, t).getByRole('button', { name: 'Lägg till en prick' }).click({ force: true });
const minus = (page, t) => item(page, t).getByRole('button', { name: 'Ta bort en prick' }).click();
const dotsLeft = (page, n) => waitText(page, '#dots-text', `Prickar kvar: ${n} av 5`);
const section = async (page, id) => { // open a facilitator section: now, agenda, add, mod, proxy
  const d = page.locator(`#fs-${id}`);
  if (!(await d.evaluate((n) => n.open))) await d.locator('summary').click();
  return d;
};

// A raw WebSocket peer, for what a page never sends.
function rawPeer(url, hello) {
  const ws = new WebSocket(url, 'medskapa.v1');
  const inbox = [];
  const waiters = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d);
    inbox.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  const next = (pred, ms = 5000) => new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('no such message: ' + JSON.stringify(inbox))), ms);
    const check = () => {
      const m = inbox.find(pred);
      if (m) { clearTimeout(timer); res(m); } else waiters.push(check);
    };
    check();
  });
  return new Promise((res, rej) => {
    ws.on('error', rej);
    ws.on('open', () => { ws.send(JSON.stringify(Object.assign({ type: 'hello', proto: 1 }, hello))); res({ ws, inbox, next }); });
  });
}

describe('a meeting run from the facilitator phone', () => {
  let host, browser, key, fac, amal, erik, dir;
  const errors = [];

  before(async () => {
    dir = tmpdir('medskapa-meeting-');
    const file = path.join(dir, 'session.json');
    fs.writeFileSync(file, JSON.stringify({
      format: 'medskapa-session', version: 1, title: 'Rådrum: föreningslivet', lang: 'sv',
      created: '2026-11-23T17:00:00.000Z', saved: '2026-11-23T17:00:00.000Z', current_activity: 1,
      activities: [{ id: 1, kind: 'ideas', title: 'Idéer', prompt: PROMPT }], participants: [], ideas: [],
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

  async function join(name) {
    const ctx = await browser.newContext(PHONE);
    await ctx.addInitScript(() => { // every message the page sends, to see what it keeps to itself
      window.sent = [];
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (d) { window.sent.push(JSON.parse(d)); return send.call(this, d); };
    });
    const page = await ctx.newPage();
    watch(page, errors);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill(name);
    await page.getByRole('button', { name: 'Gå med' }).click();
    await waitText(page, '#status-text', 'Ansluten');
    return page;
  }

  it('opens the facilitator view from the address with the key, and hides the key', async () => {
    fac = await (await browser.newContext(PHONE)).newPage();
    watch(fac, errors);
    await fac.goto(`${host.url}#key=${key}`);
    await fac.waitForSelector('#fs-now', { state: 'visible' });
    assert.equal(new URL(fac.url()).hash, '', 'the key is gone from the address bar');
    assert.equal(await fac.evaluate(() => sessionStorage.getItem('medskapa.key')), key);
    assert.equal(await fac.getAttribute('#mode-lead', 'aria-pressed'), 'true');
    // Still the facilitator after a reload, though the address no longer holds the key.
    await fac.reload();
    await fac.waitForSelector('#fs-now', { state: 'visible' });
    const agenda = await section(fac, 'agenda');
    assert.match(await agenda.textContent(), /1\. Idéer/);
  });

  it('two participants join and post ideas', async () => {
    amal = await join('Amal');
    erik = await join('Erik');
    for (const [who, idea] of IDEAS) {
      const page = who === 'Amal' ? amal : erik;
      await page.fill('#idea', idea);
      await page.click('#send');
      await waitFor(page, () => document.getElementById('idea').value === '');
    }
    await waitFor(erik, (n) => document.querySelectorAll('#idea-list .idea').length === n, IDEAS.length);
    // The phones of participants show no facilitator controls.
    for (const p of [amal, erik]) {
      assert.equal(await shown(p, '#modes'), false);
      assert.equal(await p.locator('#fac *').count(), 0);
      assert.equal(await p.getByRole('button', { name: 'Led mötet' }).count(), 0);
    }
  });

  it('the facilitator adds a vote on the ideas; phones wait until it opens', async () => {
    const add = await section(fac, 'add');
    await add.getByRole('radio', { name: 'Prickröstning', exact: true }).check();
    await add.getByRole('textbox', { name: 'Fråga' }).fill('Vilka idéer ska vi börja med?');
    await add.getByRole('textbox', { name: 'Kort namn (frivilligt)' }).fill('Prioritera');
    assert.equal(await add.getByRole('combobox', { name: 'Rösta på idéerna från' }).inputValue(), '1');
    await add.getByRole('button', { name: 'Lägg till på dagordningen' }).click();
    await waitMatch(fac, '#fs-add .form-msg', /Tillagd/);
    for (const p of [amal, erik]) {
      await waitText(p, '#prompt', 'Vilka idéer ska vi börja med?');
      await waitText(p, '#phase-text', 'Prickröstningen har inte börjat än');
      assert.equal(await p.isDisabled('#vote-list .vitem >> nth=0 >> .vbtn-plus'), true);
      assert.equal(await shown(p, '#idea-form'), false);
    }
    await (await section(fac, 'now')).getByRole('button', { name: 'Öppna', exact: true }).click();
    await waitText(amal, '#phase-text', 'Prickröstningen är öppen');
    await waitText(amal, '#announce', /Prickröstningen är öppen/);
    await fac.evaluate(() => window.scrollTo(0, 0));
    await shot(fac, 'facilitator', 'facilitator');
    assert.equal(await fac.getAttribute('#fs-now [data-phase="open"]', 'aria-pressed'), 'true');
    await dotsLeft(amal, 5);
    assert.deepEqual((await voteItems(amal)).map((i) => i.text).sort(), IDEAS.map((i) => i[1]).sort());
  });

  it('places dots, refuses more than 3 on one and more than 5 in all, and withdraws', async () => {
    const [i1, i2, i3] = IDEAS.map((i) => i[1]);
    for (let k = 0; k < 3; k++) await plus(amal, i1);
    await dotsLeft(amal, 2);
    const votes = () => amal.evaluate(() => window.sent.filter((m) => m.type === 'vote').length);
    const sent = await votes();
    assert.equal(sent, 3, 'one message a dot');
    await plus(amal, i1); // a fourth on one idea: refused on the phone, nothing sent
    await waitText(amal, '#dock-msg', 'Du kan sätta högst 3 prickar på samma.');
    assert.equal(await votes(), sent);
    await plus(amal, i2);
    await plus(amal, i2);
    await dotsLeft(amal, 0);
    await plus(amal, i3); // a sixth dot
    await waitText(amal, '#dock-msg', /Du har använt alla 5 prickar/);
    assert.equal(await votes(), sent + 2);
    // Absolute counts with a cid, as the protocol asks.
    const last = await amal.evaluate(() => window.sent.filter((m) => m.type === 'vote').pop());
    assert.equal(last.dots, 2);
    assert.match(last.cid, /^[A-Za-z0-9_-]{1,64}$/);
    assert.equal(await amal.locator('#dock').isVisible(), true);
    await shot(amal, 'vote-refused');
    await minus(amal, i2); // change of mind: one dot moves from i2 to i3
    await dotsLeft(amal, 1);
    await plus(amal, i3);
    await dotsLeft(amal, 0);
    // What the host holds, after a reload: 3, 1, 1.
    await amal.reload();
    await dotsLeft(amal, 0);
    const items = await voteItems(amal);
    assert.deepEqual(IDEAS.map((i) => items.find((x) => x.text === i[1]).pips), [3, 1, 1]);
    assert.equal(items.find((x) => x.text === i1).count, '3 prickar');

    // The host's own refusal is shown too: a phone that believes the budget is 6 sends a sixth dot.
    await amal.evaluate(() => { window.Medskapa.S.activity.budget = 6; window.Medskapa.renderAll(); });
    await waitText(amal, '#dots-text', 'Prickar kvar: 1 av 6');
    await plus(amal, i2);
    await waitText(amal, '#dock-msg', /Du har använt alla/);
    await waitFor(amal, (t) => [...document.querySelectorAll('#vote-list .vitem')]
      .some((li) => li.querySelector('.vitem-text').textContent === t && li.querySelectorAll('.pip.is-on').length === 1), i2);
    await amal.reload();
    await dotsLeft(amal, 0);

    // Erik: one on i1, then withdrawn; two on i2 and one on i3.
    await plus(erik, i1);
    await dotsLeft(erik, 4);
    await minus(erik, i1);
    await dotsLeft(erik, 5);
    await plus(erik, i2);
    await plus(erik, i2);
    await plus(erik, i3);
    await dotsLeft(erik, 2);
    assert.equal(await shown(erik, '#results'), false, 'no results before the reveal');
    await erik.evaluate(() => window.scrollTo(0, 0));
    await shot(erik, 'vote', 'vote');
  });

  it('the facilitator sees the count before the reveal; phones see the ranking after it, with ties', async () => {
    await fac.click('#mode-part');
    await waitFor(fac, () => document.querySelectorAll('#result-list .rrow').length === 3);
    assert.match(await text(fac, '#results-note'), /Bara du ser detta/);
    await fac.click('#mode-lead');
    await (await section(fac, 'now')).getByRole('button', { name: 'Visa', exact: true }).click();
    for (const p of [amal, erik]) {
      await waitFor(p, () => document.querySelectorAll('#result-list .rrow').length === 3);
      await waitText(p, '#phase-text', 'Prickröstningen är stängd – se resultatet');
      assert.equal(await shown(p, '#vote'), false);
    }
    const rows = await resultRows(erik);
    // i1: 3 (Amal), i2: 1 + 2 = 3, i3: 1 + 1 = 2.
    assert.deepEqual(rows.map((r) => [r.rank, r.shared, r.count.split(' · ')[0]]),
      [['1', true, '3 prickar'], ['1', true, '3 prickar'], ['3', false, '2 prickar']]);
    assert.deepEqual(rows.slice(0, 2).map((r) => r.text).sort(), [IDEAS[0][1], IDEAS[1][1]].sort());
    assert.equal(rows[2].text, IDEAS[2][1]);
    assert.equal(rows[0].place, 'Delad plats 1');
    assert.deepEqual(rows.map((r) => r.bar), [100, 100, 67]);
    assert.match(rows.find((r) => r.text === IDEAS[1][1]).count, /2 av dem dina/);
    assert.match(await text(erik, '#results-sum'), /2 personer har röstat/);
    await shot(erik, 'results', 'results');
  });

  it('runs a poll: one answer, changed, then the result as bars', async () => {
    const add = await section(fac, 'add');
    await add.getByRole('radio', { name: 'Snabbfråga', exact: true }).check();
    await add.getByRole('textbox', { name: 'Fråga' }).fill('Vilken tid passar bäst för nästa möte?');
    await add.getByRole('textbox', { name: 'Kort namn (frivilligt)' }).fill('Nästa möte');
    await add.getByRole('textbox', { name: 'Alternativ' }).fill('Vardag dagtid\nVardag kväll\nHelg');
    await add.getByRole('button', { name: 'Lägg till på dagordningen' }).click();
    await waitText(amal, '#prompt', 'Vilken tid passar bäst för nästa möte?');
    assert.equal(await amal.getByRole('radio', { name: 'Helg' }).isDisabled(), true, 'not open yet');
    await (await section(fac, 'now')).getByRole('button', { name: 'Öppna', exact: true }).click();
    await waitText(amal, '#phase-text', 'Snabbfrågan är öppen');
    await amal.getByRole('radio', { name: 'Helg' }).check();
    await waitMatch(amal, '#poll-msg', /Ditt svar är sparat/);
    await erik.getByRole('radio', { name: 'Helg' }).check();
    await waitMatch(erik, '#poll-msg', /Ditt svar är sparat/);
    await erik.getByRole('radio', { name: 'Vardag kväll' }).check();
    await waitMatch(erik, '#poll-msg', /Ditt svar är sparat/);
    await shot(erik, 'poll');
    await erik.reload();
    await waitFor(erik, () => { const n = document.querySelector('#poll-opts input:checked'); return !!n && n.value === '1'; });
    await (await section(fac, 'now')).getByRole('button', { name: 'Visa', exact: true }).click();
    // The poll's own results: shown, under the poll's heading, one row for each of its choices.
    // (A count of rows alone is no sign: the vote before it had three rows too.)
    await waitFor(amal, ([title, choices]) => {
      const box = document.querySelector('#results');
      const texts = [...document.querySelectorAll('#result-list .rrow .rtext')].map((n) => n.textContent).sort();
      return !!box && !box.hidden && document.querySelector('#results-title').textContent === title &&
        JSON.stringify(texts) === JSON.stringify(choices);
    }, ['Resultat av snabbfrågan', ['Helg', 'Vardag dagtid', 'Vardag kväll']]);
    const rows = await resultRows(amal);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.text, [r.count, r.bar]])), {
      'Vardag kväll': ['1 svar', 100], Helg: ['1 svar · ditt val', 100], 'Vardag dagtid': ['0 svar', 0] });
    assert.equal(rows[2].text, 'Vardag dagtid', 'most answers first');
    assert.match(await text(amal, '#results-sum'), /2 personer har svarat/);
  });

  it('counts a timer down on the phone, with +1 min, a pause and "1 minute left"', async () => {
    await amal.evaluate(() => { // what the live region says, in order
      window.said = [];
      const n = document.getElementById('announce');
      new MutationObserver(() => { if (n.textContent) window.said.push(n.textContent); }).observe(n, { childList: true, characterData: true, subtree: true });
    });
    const now = await section(fac, 'now');
    await now.getByRole('spinbutton', { name: 'Minuter' }).fill('2');
    await now.getByRole('button', { name: 'Ställ in' }).click();
    await waitText(amal, '#timer-time', '2:00');
    assert.equal(await text(amal, '#timer-state'), 'Pausad');
    await now.getByRole('button', { name: 'Starta' }).click();
    await waitText(amal, '#timer-time', /^1:5\d$/);
    await now.getByRole('button', { name: '+1 min' }).click();
    await waitText(amal, '#timer-time', /^2:5\d$/);
    await shot(amal, 'timer');
    await now.getByRole('button', { name: 'Pausa' }).click();
    await waitText(amal, '#timer-state', 'Pausad');
    const paused = await text(amal, '#timer-time');
    await amal.waitForTimeout(1200);
    assert.equal(await text(amal, '#timer-time'), paused, 'a paused timer stands still');
    // 61 s left: within two seconds the phone says, once, that one minute is left.
    await fac.evaluate(() => window.Medskapa.request({ type: 'timer', action: 'set', seconds: 61 }));
    await waitText(amal, '#timer-time', '1:01');
    await now.getByRole('button', { name: 'Starta' }).click();
    await waitText(amal, '#announce', '1 minut kvar', 5000);
    await amal.waitForTimeout(1500);
    assert.deepEqual(await amal.evaluate(() => window.said.filter((s) => s === '1 minut kvar')), ['1 minut kvar'], 'said once');
    assert.match(await amal.getAttribute('#timer-time', 'aria-label'), /^Tid kvar: 0 min 5\d s$/);
    await now.getByRole('button', { name: 'Ta bort timer' }).click();
    await waitFor(amal, () => document.getElementById('timer').hidden);
  });

  it('hides an idea: its author sees it marked, the other phone no longer lists it', async () => {
    await (await section(fac, 'agenda')).getByRole('button', { name: /1\. Idéer/ }).click();
    await waitText(erik, '#prompt', PROMPT);
    await waitFor(erik, (n) => document.querySelectorAll('#idea-list .idea').length === n, IDEAS.length);
    const mod = await section(fac, 'mod');
    const row = mod.locator('.fmod').filter({ has: fac.locator('.fm-text', { hasText: IDEAS[2][1] }) });
    await row.locator('.fm-head').click();
    await row.getByRole('button', { name: 'Dölj', exact: true }).click();
    // Destructive: asks first, and nothing happened yet.
    await row.getByRole('button', { name: 'Ja, dölj' }).waitFor();
    assert.equal(await erik.locator('#idea-list .idea').count(), IDEAS.length);
    await shot(fac, 'hide-confirm');
    await row.getByRole('button', { name: 'Ja, dölj' }).click();
    await waitFor(erik, (n) => document.querySelectorAll('#idea-list .idea').length === n, IDEAS.length - 1);
    assert.equal(await erik.locator('#idea-list').getByText(IDEAS[2][1]).count(), 0);
    const hidden = amal.locator('#idea-list .idea').filter({ hasText: IDEAS[2][1] });
    await hidden.locator('.tag-hidden').waitFor();
    assert.equal(await hidden.locator('.tag-hidden').textContent(), 'Dold av mötesledaren');
    assert.match(await hidden.getAttribute('class'), /is-hidden/);
    await hidden.scrollIntoViewIfNeeded();
    await shot(amal, 'hidden-mine');
    // Shown again: back on the other phone.
    await row.getByRole('button', { name: 'Visa igen' }).click();
    await waitFor(erik, (n) => document.querySelectorAll('#idea-list .idea').length === n, IDEAS.length);
    await waitFor(amal, () => !document.querySelector('#idea-list .idea.is-hidden'));
  });

  it('a silent round with topics, an idea for someone without a phone, a group, then the reveal', async () => {
    const add = await section(fac, 'add');
    await add.getByRole('radio', { name: 'Idéer', exact: true }).check();
    await add.getByRole('textbox', { name: 'Fråga' }).fill('Vilket stöd behöver föreningarna?');
    await add.getByRole('textbox', { name: 'Kort namn (frivilligt)' }).fill('Stöd');
    await add.getByRole('textbox', { name: 'Ämnen (frivilligt)' }).fill('Boende\nSpråk\nArbete');
    await add.getByRole('checkbox', { name: /Tyst/ }).check();
    await add.getByRole('button', { name: 'Lägg till på dagordningen' }).click();
    await waitText(amal, '#prompt', 'Vilket stöd behöver föreningarna?');
    // Not open yet: the box cannot be used, and says why.
    assert.equal(await amal.locator('#idea').getAttribute('readonly'), '');
    assert.match(await text(amal, '#write-note'), /Du kan inte skicka idéer än/);
    await (await section(fac, 'now')).getByRole('button', { name: 'Öppna', exact: true }).click();
    await waitText(amal, '#write-note', 'Dina idéer är dolda för andra tills mötesledaren visar dem.');
    assert.deepEqual(await amal.locator('#cat-list .chip').allTextContents(), ['Boende', 'Språk', 'Arbete']);
    await amal.getByRole('button', { name: 'Språk', exact: true }).click();
    assert.equal(await amal.getAttribute('#cat-list .chip >> nth=1', 'aria-pressed'), 'true');
    await amal.fill('#idea', 'Tolk vid första träffen');
    await amal.click('#send');
    await waitMatch(amal, '#idea-msg', /Bara du och mötesledaren ser den/);
    await erik.fill('#idea', 'Lokaler som är gratis på kvällar');
    await erik.click('#send');
    await waitFor(erik, () => document.querySelectorAll('#idea-list .idea').length === 1);
    // Locked while Erik types: the text stays, sending waits.
    await erik.fill('#idea', 'Ett utkast');
    await (await section(fac, 'now')).getByRole('button', { name: 'Lås', exact: true }).click();
    await waitMatch(erik, '#write-note', /Frågan är stängd/);
    assert.equal(await erik.inputValue('#idea'), 'Ett utkast');
    assert.equal(await erik.isDisabled('#send'), true);
    await (await section(fac, 'now')).getByRole('button', { name: 'Öppna', exact: true }).click();
    await waitFor(erik, () => !document.getElementById('send').disabled);
    // Each phone sees only its own ideas, under "Dina idéer".
    for (const [p, own] of [[amal, 'Tolk vid första träffen'], [erik, 'Lokaler som är gratis på kvällar']]) {
      assert.deepEqual(await p.locator('#idea-list .idea-text').allTextContents(), [own]);
      assert.equal(await text(p, '#ideas-heading'), 'Dina idéer');
      assert.equal(await shown(p, '#tabs'), false);
    }
    assert.match(await amal.locator('#idea-list .idea').textContent(), /Språk/);
    await shot(amal, 'silent-topics');

    // For Gunnar, who has no phone.
    const proxy = await section(fac, 'proxy');
    await proxy.getByRole('textbox', { name: 'Personens namn' }).fill('Gunnar');
    await proxy.getByRole('button', { name: 'Lägg till person' }).click();
    await proxy.getByRole('button', { name: 'Agera för Gunnar' }).click();
    await waitText(fac, '#acting-text', 'Du agerar för Gunnar');
    await fac.fill('#idea', 'Skjuts till träningen');
    await fac.getByRole('button', { name: 'Skicka för Gunnar' }).click();
    await waitText(fac, '#idea-msg', 'Skickat för Gunnar.');
    await fac.getByRole('button', { name: 'Klar', exact: true }).click();
    await waitFor(fac, () => document.getElementById('acting').hidden && !document.getElementById('fac').hidden);

    // A group, with Amal's idea in it.
    const mod = await section(fac, 'mod');
    await mod.getByRole('textbox', { name: 'Ny grupp' }).fill('Språk och information');
    await mod.getByRole('button', { name: 'Skapa grupp' }).click();
    await mod.locator('.fgroup').filter({ hasText: 'Språk och information' }).waitFor();
    const row = mod.locator('.fmod').filter({ has: fac.locator('.fm-text', { hasText: 'Tolk vid första träffen' }) });
    await row.locator('.fm-head').click();
    await row.getByRole('combobox', { name: 'Grupp' }).selectOption({ label: 'Språk och information' });
    await waitFor(fac, () => /Språk och information/.test(document.querySelector('.fgroup .fg-count').parentNode.textContent) &&
      document.querySelector('.fgroup .fg-count').textContent === '1 idé');

    // Revealed: everyone sees every idea, with its topic, group and who typed it in.
    await (await section(fac, 'now')).getByRole('button', { name: 'Visa', exact: true }).click();
    await waitFor(erik, () => document.querySelectorAll('#idea-list .idea').length === 3);
    assert.equal(await text(erik, '#ideas-heading'), 'Idéer');
    const card = (t) => erik.locator('#idea-list .idea').filter({ hasText: t });
    assert.match(await card('Skjuts till träningen').textContent(), /Gunnar.*via mötesledaren/);
    assert.match(await card('Tolk vid första träffen').textContent(), /Amal.*Språk.*Språk och information/);
    await shot(erik, 'revealed');
  });

  it('refuses facilitator messages without the key, and says so for a wrong key', async () => {
    const before = await erik.locator('#idea-list .idea').allTextContents();
    const peer = await rawPeer(host.wsUrl, {});
    await peer.next((m) => m.type === 'welcome');
    peer.ws.send(JSON.stringify({ type: 'phase', phase: 'open', cid: 'forged1' }));
    const e1 = await peer.next((m) => m.type === 'error' && m.cid === 'forged1');
    assert.equal(e1.code, 'forbidden');
    peer.ws.send(JSON.stringify({ type: 'idea.hide', idea: 1, cid: 'forged2' }));
    assert.equal((await peer.next((m) => m.cid === 'forged2')).code, 'forbidden');
    peer.ws.close();
    const bad = await rawPeer(host.wsUrl, { key: '0'.repeat(32) });
    assert.equal((await bad.next((m) => m.type === 'error')).code, 'bad_key');
    bad.ws.close();
    // A page with a wrong key says so clearly and takes part as a participant.
    const page = await (await browser.newContext(PHONE)).newPage();
    watch(page, errors);
    await page.goto(`${host.url}#key=${'0'.repeat(32)}`);
    await waitText(page, '#status-text', 'Ansluten');
    await page.waitForSelector('#key-msg', { state: 'visible' });
    assert.match(await text(page, '#key-msg'), /Mötesledarlänken fungerar inte/);
    assert.equal(await shown(page, '#modes'), false);
    assert.equal(await page.evaluate(() => localStorage.getItem('medskapa.key')), null);
    await shot(page, 'bad-key');
    // The participants' ideas are unchanged: nothing forged got through.
    assert.deepEqual(await erik.locator('#idea-list .idea').allTextContents(), before);
    assert.equal(await text(erik, '#phase-text'), 'Stängd – alla idéer visas');
  });

  it('has labelled controls of at least 44 px and no console errors', async () => {
    for (const p of [fac, amal]) {
      const bad = await p.evaluate(() => {
        const out = [];
        for (const c of document.querySelectorAll('button, input, textarea, select, summary')) {
          if (c.offsetParent === null && c.tagName !== 'INPUT') continue;
          const box = (c.type === 'radio' || c.type === 'checkbox') ? c.closest('label') || c : c;
          const r = box.getBoundingClientRect();
          if (r.width === 0) continue;
          if (r.height < 44 || (r.width < 44 && box.tagName !== 'SUMMARY')) out.push(`${c.id || c.className || c.tagName} ${r.width}x${r.height}`);
          const name = c.labels && c.labels.length ? c.labels[0].textContent : c.getAttribute('aria-label') || c.textContent;
          if (!name || !name.trim()) out.push(`${c.id || c.className || c.tagName} has no label`);
        }
        return out;
      });
      assert.deepEqual(bad, []);
    }
    // Twice the text size: the facilitator view and the phone still fit the width.
    await section(fac, 'now');
    await section(fac, 'add');
    for (const p of [fac, amal]) {
      const wide = await p.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
        return document.documentElement.scrollWidth - window.innerWidth;
      });
      assert.ok(wide <= 0, `${wide}px sideways scrolling at 200% text`);
    }
    await shot(fac, 'facilitator-200');
    assert.deepEqual(errors, []);
  });

  it('leaves the host to stop cleanly (no sanitizer reports)', async () => {
    await browser.close();
    browser = null;
    const { code, sig } = await host.stop();
    assert.doesNotMatch(host.output(), /AddressSanitizer|LeakSanitizer|runtime error:/);
    assert.equal(sig, null, `host died of ${sig}`);
    assert.equal(code, 0);
  });
});
