// Interpreters in the loop, in real headless chromium against the real host (issue 18):
// - the facilitator page shows the interpreter's link as a QR code (an <img> of the host's SVG),
//   the address and a copy button;
// - the interpreter opens the link on a phone (390x844), gives their name and languages, sees the
//   Tigrinya idea that is not yet in Swedish (marked: someone asked for it), renders it into
//   Swedish; the host acknowledges, a participant's phone hears idea.changed with the rendering;
//   the page offers no hiding, editing, grouping or phases, and the host refuses them anyway;
// - three Dari phones ask for interpreting: the facilitator page says so, in its own language,
//   with the count, highlighted;
// - the facilitator adds an activity with a pictogram per category; a pictogram that is not one
//   emoji is refused by the host and the page says why, translated;
// - the words the interpreter and facilitator read (i18n/roles/) are complete in all seven languages.
// Screenshots (looked at): tests/out/interpreter-sv.png, interpreter-ar.png,
// interpreter-facilitator-link.png, facilitator-voices.png, facilitator-pictos.png,
// facilitator-now-pictos.png.
//   node --test tests/browser/interpreter.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const LANGS = ['sv', 'en', 'ar', 'fa', 'ti', 'so', 'uk'];
const TI_IDEA = 'ብዙሓት ስድራቤታት ገዛ ኣይረኽቡን እዮም። ሓገዝ የድልዮም።';
const SV_RENDERING = 'Många familjer hittar ingen bostad. De behöver hjälp.';
const AR_IDEA = 'نحتاج إلى دروس لغة في المساء بعد العمل.';

describe('interpreters in the loop', () => {
  let host, browser, key, fac, facCtx, interp, ikey, tiPhone, tiIdea, arIdea;
  const errors = [];
  const watch = (page, who) => {
    page.on('pageerror', (e) => errors.push(`${who} pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${who}: ${m.text()}`); });
  };
  const shot = (page, name, opts = {}) => page.screenshot({ path: path.join(OUT, name), ...opts });

  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const dir = tmpdir('medskapa-interp-');
    const template = path.join(dir, 'template.json');
    fs.writeFileSync(template, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'Rådrum: mottagandet', lang: 'sv',
      activities: [{ kind: 'ideas', title: 'Idéer', prompt: 'Vad behöver en nyanländ familj det första året?',
        categories: [{ text: 'Bostad', picto: '🏠' }, { text: 'Språk', picto: '🗣️' }, 'Arbete'] }],
    }));
    host = await startHost(['--session', path.join(dir, 'session.json'), '--template', template]);
    const m = /Mötesledare:\s+\S*#key=([0-9a-f]{32})/.exec(host.output());
    assert.ok(m, 'the host prints the facilitator address:\n' + host.output());
    key = m[1];
    browser = await chromium.launch(LAUNCH);

    // Participants: a Tigrinya phone posts an idea and asks for it to be interpreted; an Arabic
    // phone posts one too; a Swedish phone posts one that needs nothing.
    tiPhone = await peer(host.wsUrl, { name: 'Mehret', lang: 'ti' });
    tiIdea = (await tiPhone.ask({ type: 'idea.post', text: TI_IDEA, category: 0 })).idea;
    assert.equal(typeof tiIdea, 'number');
    await tiPhone.ask({ type: 'idea.interpret', idea: tiIdea });
    const arPhone = await peer(host.wsUrl, { name: 'Samira', lang: 'ar' });
    arIdea = (await arPhone.ask({ type: 'idea.post', text: AR_IDEA, category: 1 })).idea;
    const svPhone = await peer(host.wsUrl, { name: 'Anna', lang: 'sv' });
    await svPhone.ask({ type: 'idea.post', text: 'Fler läxhjälpare på biblioteket.', category: 1 });
    arPhone.ws.close();
    svPhone.ws.close();
  });

  after(async () => {
    if (tiPhone) tiPhone.ws.close();
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('the facilitator page shows the interpreter link: a QR code image, the address, a copy button', async () => {
    facCtx = await browser.newContext(PHONE);
    await facCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url.slice(0, -1) });
    fac = await facCtx.newPage();
    watch(fac, 'facilitator');
    await fac.goto(`${host.url}#key=${key}`);
    const panel = fac.locator('#fs-interp');
    await panel.locator('img.fqr').waitFor({ state: 'visible', timeout: WAIT });
    assert.equal(await panel.locator('.fsec-title').textContent(), 'Tolklänk');
    const img = await panel.locator('img.fqr').evaluate((n) => ({ src: n.getAttribute('src'), w: n.naturalWidth, alt: n.alt }));
    assert.match(img.src, /^data:image\/svg\+xml;charset=utf-8,%3Csvg/, 'the SVG as an image, not as markup');
    assert.ok(img.w > 0, 'the QR code image decodes');
    assert.equal(img.alt, 'QR-kod för tolklänken');
    assert.equal(await panel.locator('svg').count(), 0, 'no SVG markup inserted into the page');
    const link = (await panel.locator('.flink').textContent()).trim();
    const lm = /^http:\/\/\S+\/interpreter\.html#ikey=([0-9a-f]{32})$/.exec(link);
    assert.ok(lm, 'the address as text: ' + link);
    ikey = lm[1];
    assert.notEqual(ikey, key, 'the interpreter key is not the facilitator key');
    assert.match(await panel.locator('.hint').first().textContent(), /skanna/);
    await panel.getByRole('button', { name: 'Kopiera länken' }).click();
    await panel.locator('.form-msg.is-ok').waitFor({ timeout: WAIT });
    assert.equal(await panel.locator('.form-msg').textContent(), 'Länken är kopierad.');
    assert.equal(await fac.evaluate(() => navigator.clipboard.readText()), link);
    await fac.evaluate(() => window.scrollTo(0, document.getElementById('fs-interp').getBoundingClientRect().top + window.scrollY - 72));
    await shot(fac, 'interpreter-facilitator-link.png');
  });

  it('the interpreter page takes the key from the address, asks for a name and languages', async () => {
    const ctx = await browser.newContext(PHONE);
    interp = await ctx.newPage();
    watch(interp, 'interpreter');
    await interp.goto(`${host.url}interpreter.html#ikey=${ikey}`);
    await interp.locator('#setup-form').waitFor({ state: 'visible', timeout: WAIT });
    assert.equal(new URL(interp.url()).hash, '', 'the key is out of the address bar');
    assert.equal(await interp.evaluate(() => sessionStorage.getItem('medskapa.ikey')), ikey);
    assert.equal(await interp.locator('h2.join-title').textContent(), 'Tolka idéerna i rummet');
    // The seven languages, each in its own name.
    const own = await interp.locator('.ilang-own').allTextContents();
    assert.deepEqual(own, ['Svenska', 'English', 'العربية', 'دری', 'ትግርኛ', 'Soomaali', 'Українська']);
    // The name is required; so is a language.
    await interp.getByRole('button', { name: 'Börja tolka' }).click();
    assert.equal(await interp.locator('#name-msg').textContent(), 'Skriv namnet som rummet känner dig under.');
    await interp.getByRole('textbox', { name: 'Ditt namn, som rummet känner dig' }).fill('Mehari');
    await interp.getByRole('button', { name: 'Börja tolka' }).click();
    assert.equal(await interp.locator('#langs-msg').textContent(), 'Välj minst ett språk.');
    await interp.getByRole('checkbox', { name: /Svenska/ }).check();
    await interp.getByRole('checkbox', { name: /ትግርኛ/ }).check();
    await interp.getByRole('button', { name: 'Börja tolka' }).click();
    await interp.waitForFunction(() => document.getElementById('status-text').textContent === 'Ansluten', null, { timeout: WAIT });
    assert.equal(await interp.evaluate(() => localStorage.getItem('medskapa.ilangs')), 'sv,ti');
    assert.equal(await interp.evaluate(() => localStorage.getItem('medskapa.iname')), 'Mehari');
  });

  it('lists the ideas not yet in Swedish, newest first, the marked one highlighted; a toggle shows all', async () => {
    const list = interp.locator('#todo-list > li');
    await interp.locator(`#todo-list > li[data-id="${tiIdea}"]`).waitFor({ timeout: WAIT });
    assert.deepEqual(await list.evaluateAll((ns) => ns.map((n) => Number(n.getAttribute('data-id')))), [arIdea, tiIdea]);
    const card = interp.locator(`#todo-list > li[data-id="${tiIdea}"]`);
    assert.equal(await card.locator('.idea-text').textContent(), TI_IDEA);
    assert.equal(await card.locator('.idea-text').getAttribute('dir'), 'auto');
    assert.equal(await card.locator('.iorig-label').textContent(), 'Skrivet på tigrinja');
    assert.ok(await card.evaluate((n) => n.classList.contains('is-marked')), 'the marked idea is highlighted');
    assert.equal(await card.locator('.imark').textContent(), 'Någon bad om tolkning av den här');
    assert.equal(await card.locator('.idea-meta .tag').textContent(), '🏠 Bostad');
    assert.equal(await interp.locator(`#todo-list > li[data-id="${arIdea}"]`).evaluate((n) => n.classList.contains('is-marked')), false);
    // Target languages: the meeting's (first, chosen) and the interpreter's.
    const sel = card.getByRole('combobox', { name: 'Tolka till' });
    assert.equal(await sel.inputValue(), 'sv');
    assert.deepEqual(await sel.locator('option').allTextContents(), ['svenska', 'tigrinja']);
    assert.equal(await interp.locator('#meeting-lang').textContent(), 'Mötets språk: svenska');
    // The Swedish idea needs nothing: only under "Alla".
    assert.equal(await list.count(), 2);
    await interp.getByRole('button', { name: /^Alla/ }).click();
    assert.equal(await list.count(), 3);
    await interp.getByRole('button', { name: /^Att tolka/ }).click();
    assert.equal(await list.count(), 2);
  });

  it('renders the Tigrinya idea into Swedish: acknowledged, done, and every phone hears it', async () => {
    const card = interp.locator(`li[data-id="${tiIdea}"]`);
    await card.getByRole('textbox', { name: 'Din tolkning' }).fill(SV_RENDERING);
    assert.equal(await card.locator('.counter').textContent(), `${Array.from(SV_RENDERING).length} / 280`);
    await card.getByRole('button', { name: 'Skicka tolkningen' }).click();
    const done = interp.locator(`#done-list > li[data-id="${tiIdea}"]`);
    await done.waitFor({ timeout: WAIT });
    assert.equal(await done.locator('.imsg').textContent(), 'Tolkningen är sparad. Den syns på tavlan och i telefonerna.');
    assert.equal(await done.locator('.irend.is-mine .irend-text').textContent(), SV_RENDERING);
    assert.equal(await done.locator('.irend.is-mine .irend-lang').textContent(), 'svenska');
    assert.equal(await done.locator('.irend-by').textContent(), 'av Mehari');
    assert.equal(await done.locator('.iform').isVisible(), false, 'the form folds away');
    assert.equal(await interp.locator(`#todo-list > li[data-id="${tiIdea}"]`).count(), 0, 'no longer to do');
    const changed = await tiPhone.next((x) => x.type === 'idea.changed' && x.idea.id === tiIdea && Array.isArray(x.idea.renderings));
    assert.deepEqual(changed.idea.renderings, [{ lang: 'sv', text: SV_RENDERING, by: 'Mehari' }]);
    assert.equal(changed.idea.text, TI_IDEA, 'the original stays');

    // The same text again: the host says so, translated, on the card.
    await done.getByRole('button', { name: 'Ändra tolkningen' }).click();
    await done.getByRole('textbox', { name: 'Din tolkning' }).fill(SV_RENDERING);
    await done.getByRole('button', { name: 'Skicka tolkningen' }).click();
    await done.locator('.imsg.is-error').waitFor({ timeout: WAIT });
    assert.equal(await done.locator('.imsg').textContent(), 'Tolkningen är densamma som förut.');
    await done.getByRole('button', { name: 'Avbryt' }).click();
    assert.equal(await done.locator('.iform').isVisible(), false, 'folded again');
    assert.equal(await done.locator('.imsg').textContent(), '');
  });

  it('offers no hiding, editing, grouping or phases; the host refuses them from an interpreter anyway', async () => {
    const buttons = (await interp.locator('button:visible').allTextContents()).map((s) => s.trim());
    for (const b of buttons) assert.match(b, /^(Att tolka \d+|Alla \d+|Skicka tolkningen|Ändra tolkningen|Ändra namn eller språk)$/, `a button "${b}"`);
    assert.equal(await interp.locator('#fac, .fm-hide, .fmod, .seg-btn, .fgroups').count(), 0);
    for (const word of ['Dölj', 'Ändra text', 'Skapa grupp', 'Lås', 'Visa för alla']) {
      assert.equal(await interp.getByRole('button', { name: word, exact: true }).count(), 0, word);
    }
    const other = await peer(host.wsUrl, { key: ikey, name: 'Yonas' });
    assert.equal(other.welcome.you.interpreter, true);
    for (const o of [{ type: 'idea.hide', idea: tiIdea }, { type: 'idea.edit', idea: tiIdea, text: 'x' },
      { type: 'phase', activity: 1, phase: 'locked' }]) {
      other.ws.send(JSON.stringify({ ...o, cid: o.type.replace('.', '-') }));
      const r = await other.next((x) => x.cid === o.type.replace('.', '-'));
      assert.equal(r.code, 'interpreter_cannot', JSON.stringify(r));
    }
    other.ws.close();
  });

  it('looks finished in Swedish and in Arabic (right to left) at 390x844, and fits a tablet', async () => {
    await interp.evaluate(() => window.scrollTo(0, 0));
    const fits = () => interp.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    assert.ok(await fits(), 'no sideways scrolling at 390 px');
    await shot(interp, 'interpreter-sv.png', { fullPage: true });
    await interp.locator('#lang').selectOption('ar');
    await interp.waitForFunction(() => document.documentElement.dir === 'rtl', null, { timeout: WAIT });
    const card = interp.locator(`#todo-list > li[data-id="${arIdea}"]`);
    await card.locator('.iorig-label').filter({ hasText: 'مكتوبة باللغة العربية' }).waitFor({ timeout: WAIT });
    assert.equal(await interp.locator('#todo-title').textContent(), 'الأفكار');
    // Mirrored: the label of the language choice sits right of its select.
    const lab = await card.locator('.iform-row .label').boundingBox(), sel = await card.locator('.iform-row select').boundingBox();
    assert.ok(lab.x > sel.x, `label ${lab.x} right of select ${sel.x}`);
    assert.ok(await fits(), 'no sideways scrolling in Arabic');
    await shot(interp, 'interpreter-ar.png', { fullPage: true });
    await interp.setViewportSize({ width: 820, height: 1180 });
    assert.ok(await fits(), 'no sideways scrolling on a tablet');
    await interp.setViewportSize({ width: 390, height: 844 });
    await interp.locator('#lang').selectOption('sv');
    await interp.waitForFunction(() => document.documentElement.dir === 'ltr', null, { timeout: WAIT });
    // A reload of the tab goes straight back in, and the rendering is still known as this interpreter's.
    await interp.reload();
    await interp.locator(`#done-list > li[data-id="${tiIdea}"]`).waitFor({ timeout: WAIT });
    assert.equal(await interp.isVisible('#setup'), false);
    assert.equal(await interp.locator('#who-text').textContent(), 'Du tolkar som Mehari');
  });

  it('a name the host keeps for a role is asked for again, with the reason', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    watch(page, 'interpreter 2');
    await page.goto(`${host.url}interpreter.html#ikey=${ikey}`);
    await page.getByRole('textbox', { name: 'Ditt namn, som rummet känner dig' }).fill('Tolk');
    await page.getByRole('checkbox', { name: /Svenska/ }).check();
    await page.getByRole('button', { name: 'Börja tolka' }).click();
    // The host refuses the name at hello (name_reserved), before any rendering is tried.
    await page.locator('#name-msg').filter({ hasText: /roll/ }).waitFor({ timeout: WAIT });
    await page.locator('#setup').waitFor({ state: 'visible', timeout: WAIT });
    assert.match(await page.locator('#name-msg').textContent(), /roll/);
    assert.equal(await page.getByRole('textbox', { name: 'Ditt namn, som rummet känner dig' }).inputValue(), 'Tolk');
    await ctx.close();
  });

  it('three Dari phones ask for interpreting: the facilitator page says so, with the count', async () => {
    const phones = [];
    for (const name of ['Ahmad', 'Zahra', 'Farid']) {
      const p = await peer(host.wsUrl, { name, lang: 'fa' });
      await p.ask({ type: 'signal', kind: 'interpret' });
      phones.push(p);
    }
    const so = await peer(host.wsUrl, { name: 'Hodan', lang: 'so' });
    await so.ask({ type: 'signal', kind: 'slower' });
    await tiPhone.ask({ type: 'signal', kind: 'unclear' });
    const line = fac.locator('#fs-voices li.fsig[data-lang="fa"][data-kind="interpret"]');
    await fac.locator('#fs-voices li.fsig[data-lang="fa"][data-kind="interpret"][data-n="3"]').waitFor({ timeout: WAIT });
    assert.equal(await line.locator('.fsig-text').textContent(), '3 på dari ber om tolkning');
    assert.ok(await line.evaluate((n) => n.classList.contains('is-fresh')), 'highlighted: it just came');
    await fac.locator('#fs-voices li.fsig[data-lang="ti"][data-kind="unclear"]').waitFor({ timeout: WAIT });
    const texts = await fac.locator('#fs-voices li.fsig .fsig-text').allTextContents();
    assert.deepEqual(texts, ['1 på tigrinja förstod inte', '1 på somaliska ber dig ta det långsammare', '3 på dari ber om tolkning'],
      'newest first');
    assert.equal(await fac.locator('#fs-voices').getByText('Inga signaler än', { exact: false }).isVisible(), false);
    const scrollTo = (id) => fac.evaluate((x) => window.scrollTo(0, document.getElementById(x).getBoundingClientRect().top + window.scrollY - 72), id);
    await scrollTo('fs-voices');
    await shot(fac, 'facilitator-voices.png');
    // In English the same line reads in English, with the language named in English.
    await fac.locator('#lang').selectOption('en');
    await fac.waitForFunction(() => {
      const n = document.querySelector('#fs-voices li.fsig[data-lang="fa"] .fsig-text');
      return n && n.textContent === '3 in Dari ask for interpreting';
    }, null, { timeout: WAIT });
    await fac.locator('#lang').selectOption('sv');
    await fac.waitForFunction(() => document.querySelector('#fs-voices .fsec-title').textContent === 'Signaler från rummet', null, { timeout: WAIT });
    for (const p of phones) p.ws.close();
    so.ws.close();
  });

  it('the facilitator gives the categories of a new activity pictograms; a bad one is refused, translated', async () => {
    const add = fac.locator('#fs-add');
    await add.locator('summary').click();
    await add.getByRole('textbox', { name: 'Fråga' }).fill('Var kan vi mötas på fritiden?');
    await add.getByRole('textbox', { name: 'Ämnen (frivilligt)' }).fill('Idrott\nNatur\nMat');
    const rows = add.locator('.fpick');
    assert.equal(await rows.count(), 3);
    await rows.nth(0).locator('.fpick-btn').click();
    await rows.nth(0).getByRole('button', { name: '⚽' }).click();
    await rows.nth(1).locator('.fpick-btn').click();
    await rows.nth(1).getByRole('button', { name: '🌳' }).click();
    await rows.nth(2).locator('.fpick-btn').click();
    assert.equal(await rows.nth(0).locator('.fpick-now').textContent(), '⚽');
    assert.equal(await rows.nth(1).locator('.fpick-btn').getAttribute('aria-label'), 'Piktogram för Natur: 🌳');
    assert.equal(await rows.nth(1).locator('.fpick-pop').isVisible(), false, 'one picker open at a time');
    await fac.evaluate(() => window.scrollTo(0, document.querySelector('#fs-add .fpicks').getBoundingClientRect().top + window.scrollY - 72));
    await shot(fac, 'facilitator-pictos.png');
    await rows.nth(2).getByRole('textbox', { name: 'Eller en egen emoji' }).fill('mat');
    await add.getByRole('button', { name: 'Lägg till på dagordningen' }).click();
    await add.locator('.form-msg.is-error').waitFor({ timeout: WAIT });
    assert.equal(await add.locator('.fadd > .form-msg').textContent(), 'Ett piktogram är en enda emoji, till exempel 🏠.');
    await rows.nth(2).getByRole('textbox', { name: 'Eller en egen emoji' }).fill('🍲');
    await add.getByRole('button', { name: 'Lägg till på dagordningen' }).click();
    const state = await tiPhone.next((x) => x.type === 'state' && x.activity && x.activity.prompt === 'Var kan vi mötas på fritiden?');
    assert.deepEqual(state.activity.categories, ['Idrott', 'Natur', 'Mat']);
    assert.deepEqual(state.activity.pictos, ['⚽', '🌳', '🍲']);
    // The Now section lists them with their pictograms.
    await fac.locator('#fs-now .fopts').filter({ hasText: 'Idrott' }).waitFor({ timeout: WAIT });
    assert.equal(await fac.locator('#fs-now .fopts').textContent(), 'Ämnen⚽Idrott🌳Natur🍲Mat');
    await fac.evaluate(() => window.scrollTo(0, 0));
    await shot(fac, 'facilitator-now-pictos.png');
    // The interpreter's page follows the meeting: no ideas in the new activity yet.
    await interp.locator('#empty').filter({ hasText: 'Inget väntar' }).waitFor({ timeout: WAIT });
    assert.deepEqual(errors, []);
  });
});

describe("the words only the interpreter and the facilitator read (participant-web/i18n/roles/)", () => {
  const WEB = path.join(ROOT, 'participant-web', 'i18n');
  const read = (dir, l) => JSON.parse(fs.readFileSync(path.join(dir, `${l}.json`), 'utf8'));
  const holes = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
  it('are in all seven languages with the keys and placeholders of en.json, in no other catalogue', () => {
    const en = read(path.join(WEB, 'roles'), 'en');
    const plural = new Set(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6)));
    const base = (k) => { const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(k); return m && plural.has(m[1]) ? m[1] : k; };
    for (const l of LANGS) {
      const s = read(path.join(WEB, 'roles'), l), phone = read(WEB, l), laptop = read(path.join(ROOT, 'assets', 'i18n'), l);
      const pr = new Intl.PluralRules(l), need = new Set(['other']);
      for (let n = 0; n <= 1000; n++) need.add(pr.select(n));
      const problems = [];
      for (const k of Object.keys(en)) {
        if (plural.has(base(k)) && k !== base(k)) continue;
        if (!(k in s)) problems.push(`missing ${k}`);
        else if (holes(s[k]) !== holes(en[k])) problems.push(`${k}: ${holes(s[k])}`);
      }
      for (const b of plural) for (const c of need) {
        const v = s[`${b}_${c}`];
        if (v === undefined) problems.push(`missing ${b}_${c}`);
        else if (!['zero', 'one', 'two'].includes(c) && holes(v) !== holes(en[`${b}_other`])) problems.push(`${b}_${c}: ${holes(v)}`);
      }
      for (const [k, v] of Object.entries(s)) {
        const m = /_(zero|one|two|few|many|other)$/.exec(k);
        if (base(k) !== k ? !need.has(m[1]) : !(k in en)) problems.push(`extra ${k}`);
        if (typeof v !== 'string' || !v.trim() || v !== v.trim()) problems.push(`${k} is empty or has spaces at an end`);
        if (k in phone || k in laptop) problems.push(`${k} is in another catalogue too`);
      }
      assert.deepEqual(problems, [], l);
    }
  });
});
