// Nobody can pass for the facilitator on the phone: her own ideas carry a mark (a pill with a
// shield icon, the word and a spoken label) that no participant's text can produce. A participant
// who calls themself "Mötesledare" (or as close to it as the host allows) gets their name as
// plain text in the ordinary name style, never the mark; nor does an idea the facilitator typed
// in for someone without a phone.
//   node --test tests/browser/facilitator-mark.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir } = require('../lib/host.js');

// Names that try to look like the facilitator, the closest first: the host may refuse the role
// word itself (name_reserved); the first it accepts is used.
const LOOKALIKES = ['Mötesledare', '★ Mötesledare', 'Mötesledare ★', '★ Mötesledaren Sara', '★ M0tesledare'];
const FAC_IDEA = 'Vi börjar med tio minuter för egna idéer.';
const FAKE_IDEA = 'Alla ska lämna sina telefonnummer till mig.';
const ERIK_IDEA = 'Läxhjälp på biblioteket på tisdagar.';
const PROXY_IDEA = 'Fler kvällsaktiviteter för vuxna.';


// The ideas as a phone shows them: text, the mark (if any) and the name (if any).
const cards = (page, sel) => page.$$eval(sel, (lis) => lis.map((li) => {
  const mark = li.querySelector('.fac-mark'), name = li.querySelector('.idea-name');
  const style = (n) => n && getComputedStyle(n);
  return {
    text: li.querySelector('.idea-text').textContent,
    fac: li.classList.contains('is-fac'),
    mark: mark && {
      text: mark.textContent, role: mark.getAttribute('role'), label: mark.getAttribute('aria-label'),
      icon: !!mark.querySelector('svg path'), bg: style(mark).backgroundColor, color: style(mark).color,
    },
    name: name && { text: name.textContent, plain: name.children.length === 0, bg: style(name).backgroundColor, color: style(name).color },
  };
}));

describe('the facilitator\'s mark on the phone', () => {
  let host, browser, key, fac, erik, fake, fakeName;
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  };

  before(async () => {
    const file = path.join(tmpdir('medskapa-mark-'), 'session.json');
    fs.writeFileSync(file, JSON.stringify({
      format: 'medskapa-session', version: 2, title: 'Rådrum', lang: 'sv',
      created: '2026-11-23T17:00:00.000Z', saved: '2026-11-23T17:00:00.000Z', current_activity: 1,
      activities: [{ id: 1, kind: 'ideas', title: 'Idéer', prompt: 'Vad vill du ändra?', phase: 'open' }],
      participants: [], ideas: [],
    }));
    host = await startHost(['--session', file]);
    const m = /Mötesledare:\s+\S*#key=([0-9a-f]{32})/.exec(host.output());
    assert.ok(m, 'the host prints the facilitator address:\n' + host.output());
    key = m[1];
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    for (const p of [fac, erik, fake]) if (p) p.ws.close();
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('shows the mark on the facilitator\'s idea only, never on a name that copies the word', async () => {
    fac = await peer(host.wsUrl, { key });
    erik = await peer(host.wsUrl, { name: 'Erik', lang: 'sv' });
    for (const name of LOOKALIKES) {
      try {
        fake = await peer(host.wsUrl, { name, lang: 'sv' });
        fakeName = fake.welcome.you.name;
        break;
      } catch (e) {
        if (e.code !== 'name_reserved') throw e;
      }
    }
    assert.ok(fake, 'the host accepts one of ' + JSON.stringify(LOOKALIKES));
    await fac.ask({ type: 'idea.post', text: FAC_IDEA });
    await fake.ask({ type: 'idea.post', text: FAKE_IDEA });
    await erik.ask({ type: 'idea.post', text: ERIK_IDEA });
    const proxy = (await fac.ask({ type: 'proxy.add', name: 'Gunnar' })).participant;
    await fac.ask({ type: 'idea.post', text: PROXY_IDEA, as: proxy });

    const page = await (await browser.newContext(PHONE)).newPage();
    watch(page);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill('Amal');
    await page.getByRole('button', { name: 'Gå med' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#idea-list .idea').length === 4, null, { timeout: WAIT });
    const got = await cards(page, '#idea-list .idea');
    const by = (t) => got.find((c) => c.text === t);

    const mine = by(FAC_IDEA);
    assert.ok(mine.fac, 'the facilitator\'s idea is marked as hers');
    assert.deepEqual(
      { text: mine.mark.text, role: mine.mark.role, label: mine.mark.label, icon: mine.mark.icon },
      { text: 'Mötesledare', role: 'img', label: 'Skrivet av mötesledaren', icon: true });
    assert.equal(mine.name, null, 'no name beside the mark');
    for (const t of [FAKE_IDEA, ERIK_IDEA, PROXY_IDEA]) {
      assert.equal(by(t).mark, null, `no mark on "${t}"`);
      assert.equal(by(t).fac, false);
      assert.ok(by(t).name && by(t).name.plain, `"${t}" has its author's name as plain text`);
    }
    assert.equal(got.filter((c) => c.mark).length, 1, 'one mark on the page');
    const fake1 = by(FAKE_IDEA).name;
    assert.equal(fake1.text, fakeName);
    // The name in the ordinary name style, which looks nothing like the mark.
    assert.equal(fake1.bg, by(ERIK_IDEA).name.bg);
    assert.equal(fake1.color, by(ERIK_IDEA).name.color);
    assert.notEqual(fake1.bg, mine.mark.bg);
    assert.notEqual(fake1.color, mine.mark.color);

    // The facilitator's own phone marks her idea the same way in the moderation list.
    const facPage = await (await browser.newContext(PHONE)).newPage();
    watch(facPage);
    await facPage.goto(`${host.url}#key=${key}`);
    await facPage.waitForSelector('#fs-mod', { state: 'visible', timeout: WAIT });
    await facPage.locator('#fs-mod summary').click();
    await facPage.waitForFunction(() => document.querySelectorAll('#fs-mod .fmod').length === 4, null, { timeout: WAIT });
    const marked = await facPage.$$eval('#fs-mod .fmod', (lis) => lis.filter((li) => li.querySelector('.fm-meta .fac-mark'))
      .map((li) => li.querySelector('.fm-text').textContent));
    assert.deepEqual(marked, [FAC_IDEA]);
    assert.deepEqual(errors, []);
  });
  it('a role word typed as a name: the phone says why, joins without it, and keeps asking', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    watch(page);
    await page.goto(host.url);
    await page.getByRole('textbox', { name: 'Ditt namn (frivilligt)' }).fill('Möte\u200Bsledare');
    await page.getByRole('button', { name: 'Gå med' }).click();
    // Back on the name form, with the refused name still in it and the reason in Swedish.
    await page.waitForFunction(() => /roll på mötet/.test(document.querySelector('#join-error').textContent), null, { timeout: WAIT });
    assert.equal(await page.locator('#join').isVisible(), true);
    assert.equal(await page.inputValue('#name'), 'Möte\u200Bsledare');
    assert.match(await page.locator('#join-error').getAttribute('class'), /is-error/);
    // A name the host takes ends it: the room, under that name.
    await page.fill('#name', 'Hodan');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.waitForFunction(() => /Hodan/.test(document.querySelector('#who-text').textContent), null, { timeout: WAIT });
    assert.deepEqual(errors, []);
  });
});
