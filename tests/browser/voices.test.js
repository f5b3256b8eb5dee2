// Every voice in the room (issue 18) on the phone page, in Debian's chromium at 390x844 against
// the real host started from tests/fixtures/voices/template.json (pictograms on the topics and
// the poll; recorded prompts in Tigrinya in tests/fixtures/voices/audio/):
// - a photo taken through the file input is scaled in the page (a 2400x1800 fixture arrives
//   1600x1200), acknowledged, stored, and shown as an <img> that loads; the host's refusals of
//   a photo are shown in the phone's words;
// - listen buttons: speech synthesis stubbed at the browser API (the text and its language
//   are checked), a recorded prompt played for a Tigrinya phone (the fetch of /audio/ and the
//   start of its sound), none where the phone has neither;
// - the three signals, counted by the host (as the facilitator hears them), too_soon said kindly;
// - an interpreter's rendering: a Swedish phone shows it with the original one tap away, an
//   Arabic phone the original; the needs-interpreting mark; pictograms on topics, poll choices,
//   and photos on vote items;
// - the parts fetched on demand stay out of a participant's first load, and use no syntax
//   that browsers about five years old lack.
// Screenshots: tests/out/phone-voices-<lang>.png (and -ideas, -vote) for ti, ar and sv.
//   node --test tests/browser/voices.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');
const { LAUNCH, PHONE, WAIT, peer } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const FIX = path.join(ROOT, 'tests', 'fixtures', 'voices');
const WEB = path.join(ROOT, 'participant-web');
const PARTS = ['vote', 'photo', 'help', 'lead'];
const words = (lang) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', `${lang}.json`), 'utf8'));
const SV = words('sv'), AR = words('ar'), TI = words('ti');
const PROMPT = 'Vad behöver en nyanländ familj under det första året?';
const TI_IDEA = 'ሓበሬታ ብዛዕባ ማሕበራት ብትግርኛ ይወሃብ';
const TI_IN_SV = 'Information om föreningarna på tigrinja';
const AR_IDEA = 'دروس سباحة للأطفال يوم السبت';

fs.mkdirSync(OUT, { recursive: true });

// Before any script of the page: speech synthesis with a Swedish and an Arabic voice of the
// phone's own and an English cloud voice (never to be used), each utterance recorded; Web Audio's
// start recorded (the sound is really fetched and decoded); what the page sends recorded.
const STUBS = () => {
  window.spoken = [];
  window.played = [];
  window.sent = [];
  const voices = [{ lang: 'sv-SE', name: 'Alva', localService: true, default: true },
    { lang: 'ar-SA', name: 'Maged', localService: true, default: false },
    { lang: 'en-US', name: 'Cloud', localService: false, default: false }];
  const synth = {
    getVoices: () => voices, cancel: () => {}, addEventListener: () => {},
    speak: (u) => { window.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); setTimeout(() => u.onend && u.onend(), 30); },
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function () {
    window.played.push(this.buffer ? Math.round(this.buffer.duration * 1000) : -1);
    return start.apply(this, arguments);
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (d) {
    try { const m = JSON.parse(d); if (m.photo) m.photo = { bytes: Math.floor(m.photo.length * 3 / 4), head: m.photo.slice(0, 4) }; window.sent.push(m); } catch (e) { /* not ours */ }
    return send.call(this, d);
  };
};

function watch(page, errors) {
  page.on('console', (m) => {
    if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
}

const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });
const waitText = (page, sel, want) => until(page, ([s, w]) => {
  const n = document.querySelector(s);
  return !!n && n.textContent.trim() === w;
}, [sel, want]).catch(async (e) => {
  const got = await page.evaluate((s) => { const n = document.querySelector(s); return n ? n.textContent.trim() : null; }, sel);
  throw new Error(`${sel}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)} (${e.message.split('\n')[0]})`);
});
const idea = (page, text) => page.locator('#idea-list .idea').filter({ hasText: text });
const spoken = (page) => page.evaluate(() => window.spoken.splice(0));
// Axe on the page as it stands: any violation fails, with what and where.
async function axe(page, where) {
  const r = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(r.violations.map((x) => `${x.id}: ${x.help} ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], `axe in ${where}`);
}

// A PNG header that says 5000 x 10 pixels: too many for the host, whatever follows.
function widePng() {
  const b = Buffer.alloc(8 + 25);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(5000, 16);
  b.writeUInt32BE(10, 20);
  b[24] = 8;
  return b;
}

describe('every voice on the phone', () => {
  let host, browser, dir, fac, interp, other, ikey;
  const errors = [];
  const phones = {};

  // A phone in lang (the picker's choice kept from an earlier visit), joined with name.
  async function phone(lang, name) {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { locale: lang === 'ar' ? 'ar-SY' : 'sv-SE' }));
    await ctx.addInitScript(STUBS);
    if (lang === 'ti') await ctx.addInitScript(() => localStorage.setItem('medskapa.lang', 'ti'));
    const page = await ctx.newPage();
    watch(page, errors);
    const loaded = [];
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(host.url);
    await page.waitForSelector('#join-form', { state: 'visible' });
    await page.fill('#name', name);
    await page.click('#join-button');
    await page.waitForSelector('#room', { state: 'visible' });
    await until(page, () => document.getElementById('status').getAttribute('data-state') === 'connected');
    return { page, ctx, loaded, w: words(lang) };
  }

  before(async () => {
    dir = tmpdir('medskapa-voices-');
    host = await startHost(['--template', path.join(FIX, 'template.json'), '--session', path.join(dir, 'session.json')]);
    const key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
    fac = await peer(host.wsUrl, { key });
    const links = await fac.next((m) => m.type === 'links');
    ikey = /#ikey=([0-9a-f]{32})$/.exec(links.interpreter)[1];
    interp = await peer(host.wsUrl, { key: ikey, name: 'Mehret' });
    assert.equal(interp.welcome.you.interpreter, true);
    other = await peer(host.wsUrl, { name: 'Yonas', lang: 'ti' });
    browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    if (browser) await browser.close();
    for (const p of [fac, interp, other]) if (p) p.ws.close();
    if (host) await host.stop();
  });

  it('loads none of the parts fetched on demand for a participant, and they use no too-new syntax', async () => {
    phones.sv = await phone('sv', 'Lena');
    const { page, loaded } = phones.sv;
    await waitText(page, '#prompt', PROMPT);
    await page.waitForLoadState('networkidle');
    for (const p of PARTS) assert.ok(!loaded.some((u) => u === `/${p}.js` || u === `/${p}.css`), `${p} is not fetched at the start`);
    for (const f of PARTS.map((p) => p + '.js')) {
      const src = fs.readFileSync(path.join(WEB, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
        .replace(/'(?:[^'\\\n]|\\.)*'/g, "''").replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
      assert.doesNotMatch(src, /\?\.(?!\d)|\?\?|\.at\(|\b(replaceAll|structuredClone)\b/, `${f}: too new for five-year-old browsers`);
      assert.doesNotThrow(() => new vm.Script(fs.readFileSync(path.join(WEB, f), 'utf8')), `${f} parses`);
    }
    for (const f of PARTS.map((p) => p + '.css')) assert.doesNotMatch(fs.readFileSync(path.join(WEB, f), 'utf8'), /:has\(|inset\s*:/, f);
  });

  it('shows pictograms on the topics, with a listen button in the phone\'s voice', async () => {
    const { page } = phones.sv;
    const chips = await page.$$eval('#cat-list .chip', (cs) => cs.map((c) => [c.querySelector('.picto').textContent, c.textContent]));
    assert.deepEqual(chips, [['🏠', '🏠Bostad'], ['🗣️', '🗣️Språk'], ['💼', '💼Arbete']]);
    // The pictogram is large enough to recognise: at least 20 px tall.
    const h = await page.$eval('#cat-list .picto', (p) => p.getBoundingClientRect().height);
    assert.ok(h >= 20, `pictogram ${h} px`);
    // Listen to the question and to a topic: Swedish text, the phone's Swedish voice.
    await page.click('.question .say');
    await page.locator('#cat-list .chip-pair').nth(1).locator('.say').click();
    const said = await spoken(page);
    assert.deepEqual(said, [{ text: PROMPT, lang: 'sv-SE', voice: 'Alva' }, { text: 'Språk', lang: 'sv-SE', voice: 'Alva' }]);
    assert.equal(await page.getAttribute('.question .say', 'aria-label'), SV.listen_label);
  });

  it('posts a photo through the file input: scaled in the page, acknowledged, stored and shown', async () => {
    const { page } = phones.sv;
    await page.setInputFiles('#photo-in', path.join(FIX, 'paper-notes.jpg'));
    await page.waitForSelector('.shot:not([hidden]) .shot-img');
    await until(page, () => { const i = document.querySelector('.shot-img'); return i.complete && i.naturalWidth > 0; });
    assert.equal(await page.getAttribute('#idea', 'placeholder'), SV.photo_words);
    assert.equal(await page.isDisabled('#send'), false, 'a photo needs no words');
    await page.fill('#idea', 'Lappar från bord 3');
    await page.locator('#cat-list .chip', { hasText: 'Bostad' }).click();
    await page.locator('#idea').blur();
    await page.locator('.shot').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'phone-voices-sv-photo.png') });
    await axe(page, 'sv, a photo waiting to be sent');
    await page.click('#send');
    await waitText(page, '#idea-msg', SV.sent);
    const added = await fac.next((m) => m.type === 'idea.added' && m.idea.photo && m.idea.text === 'Lappar från bord 3');
    assert.deepEqual([added.idea.photo.width, added.idea.photo.height], [1600, 1200], 'the long side scaled to 1600 px');
    assert.equal(added.idea.category, 0);
    assert.match(added.idea.photo.file, /^[0-9a-f]{64}\.jpg$/);
    const sent = await page.evaluate(() => window.sent.filter((m) => m.type === 'idea.post' && m.photo).pop());
    assert.equal(sent.photo.head, '/9j/', 'JPEG');
    assert.ok(sent.photo.bytes <= 330 * 1024, `${sent.photo.bytes} bytes sent`);
    assert.ok(fs.existsSync(path.join(dir, 'session-photos', added.idea.photo.file)), 'stored beside the session');
    // Shown with its words, at its proportions before it loads, and it loads.
    const card = idea(page, 'Lappar från bord 3');
    const img = card.locator('img.idea-photo');
    assert.equal(await img.getAttribute('src'), 'photo/' + added.idea.photo.file);
    assert.deepEqual([await img.getAttribute('width'), await img.getAttribute('height'), await img.getAttribute('loading')], ['1600', '1200', 'lazy']);
    await img.scrollIntoViewIfNeeded();
    await until(page, () => { const i = document.querySelector('#idea-list img.idea-photo'); return i.complete && i.naturalWidth > 0; });
    const box = await img.boundingBox();
    assert.ok(Math.abs(box.width / box.height - 4 / 3) < 0.02, `${box.width}x${box.height}`);
    assert.equal(await page.isVisible('.shot'), false, 'the box is empty again');
    assert.deepEqual(await card.locator('.tag .picto').allTextContents(), ['🏠']);
  });

  it('posts a PNG without words: sent as a JPEG, shown without a text line', async () => {
    const { page } = phones.sv;
    await page.setInputFiles('#photo-in', path.join(FIX, 'drawing.png'));
    await page.waitForSelector('.shot:not([hidden])');
    await page.fill('#idea', '');
    await page.click('#send');
    const added = await fac.next((m) => m.type === 'idea.added' && m.idea.photo && m.idea.text === '');
    assert.deepEqual([added.idea.photo.width, added.idea.photo.height], [1200, 900], 'not enlarged');
    assert.match(added.idea.photo.file, /\.jpg$/);
    await until(page, (f) => !!document.querySelector(`#idea-list img[src="photo/${f}"]`), added.idea.photo.file);
    const li = page.locator(`#idea-list .idea[data-id="${added.idea.id}"]`);
    assert.equal(await li.locator('.idea-text').count(), 0);
    assert.equal(await li.locator('img').getAttribute('alt'), SV.photo_alt);
  });

  it("says the host's refusals of a photo in the phone's words, and keeps the photo", async () => {
    const { page } = phones.sv;
    const jpeg = fs.readFileSync(path.join(FIX, 'paper-notes.jpg'));
    const cases = [
      ['photo_type', Buffer.from('<html><script>alert(1)</script></html>')],
      ['photo_truncated', jpeg.subarray(0, Math.floor(jpeg.length / 2))],
      ['photo_pixels', widePng()],
      ['photo_too_big', Buffer.alloc(610 * 1024, 7)],
      ['too_large', Buffer.alloc(2300 * 1024, 7)], // over what the host reads of any message
    ];
    for (const [code, bytes] of cases) {
      await page.evaluate((b64) => {
        const M = window.Medskapa;
        M.S.shot = { data: b64, url: 'icon.svg', width: 1, height: 1 };
        M.setMsg(null);
        M.renderCompose();
      }, bytes.toString('base64'));
      await page.fill('#idea', '');
      await page.click('#send');
      await waitText(page, '#idea-msg', SV['err_' + code]);
      assert.equal(await page.isVisible('.shot'), true, `${code}: the photo stays to be removed or sent again`);
      assert.equal(await page.isDisabled('#send'), false, `${code}: nothing waits for an answer`);
    }
    await page.click('.shot .btn');
    assert.equal(await page.isVisible('.shot'), false);
    assert.equal(await page.isDisabled('#send'), true);
  });

  it("shows an interpreter's rendering on a Swedish phone, the original on an Arabic one, one tap apart", async () => {
    await other.ask({ type: 'idea.post', text: TI_IDEA });
    const { idea: ti } = await fac.next((m) => m.type === 'idea.added' && m.idea.text === TI_IDEA);
    assert.equal(ti.lang, 'ti');
    await interp.ask({ type: 'render', idea: ti.id, lang: 'sv', text: TI_IN_SV });
    phones.ar = await phone('ar', 'أمل');
    const sv = phones.sv.page, ar = phones.ar.page;
    await waitText(sv, `#idea-list .idea[data-id="${ti.id}"] .idea-text`, TI_IN_SV);
    const card = sv.locator(`#idea-list .idea[data-id="${ti.id}"]`);
    assert.equal(await card.locator('.idea-text').getAttribute('lang'), 'sv');
    assert.equal((await card.locator('.idea-rend').textContent()).startsWith(SV.rendering_by.replace('{name}', 'Mehret')), true);
    assert.equal(await card.locator('.idea-rend bdi').textContent(), 'Mehret', 'the name isolated');
    // The Arabic phone: no rendering in Arabic, so the original.
    await waitText(ar, `#idea-list .idea[data-id="${ti.id}"] .idea-text`, TI_IDEA);
    assert.equal(await ar.locator(`#idea-list .idea[data-id="${ti.id}"] .idea-rend`).count(), 0);
    // One tap to the original and one back.
    await card.getByRole('button', { name: SV.show_original }).click();
    await waitText(sv, `#idea-list .idea[data-id="${ti.id}"] .idea-text`, TI_IDEA);
    assert.equal(await sv.getAttribute(`#idea-list .idea[data-id="${ti.id}"] .idea-text`, 'dir'), 'auto');
    assert.equal(await sv.evaluate(() => document.activeElement.textContent), SV.show_rendering, 'the focus stays on the toggle');
    await sv.locator(`#idea-list .idea[data-id="${ti.id}"]`).getByRole('button', { name: SV.show_rendering }).click();
    await waitText(sv, `#idea-list .idea[data-id="${ti.id}"] .idea-text`, TI_IN_SV);
  });

  it('reads ideas aloud in their language where the phone has a voice, and offers nothing where not', async () => {
    const sv = phones.sv.page, ar = phones.ar.page;
    await other.ask({ type: 'idea.post', text: AR_IDEA });
    await idea(sv, AR_IDEA).waitFor();
    await idea(sv, AR_IDEA).locator('.say').click();
    await idea(sv, TI_IN_SV).locator('.say').click(); // the rendering, in Swedish
    assert.deepEqual(await spoken(sv), [{ text: AR_IDEA, lang: 'ar-SA', voice: 'Maged' }, { text: TI_IN_SV, lang: 'sv-SE', voice: 'Alva' }]);
    // No Tigrinya voice on these phones and no recording of an idea: no button at all.
    await idea(ar, TI_IDEA).waitFor();
    assert.equal(await idea(ar, TI_IDEA).locator('.say').isVisible(), false);
    assert.equal(await ar.getAttribute('.question .say', 'aria-label'), AR.listen_label);
  });

  it('marks an idea as needing interpreting, for everyone, once', async () => {
    const sv = phones.sv.page, ar = phones.ar.page;
    await idea(ar, TI_IDEA).getByRole('button', { name: AR.interpret_ask }).click();
    const ch = await fac.next((m) => m.type === 'idea.changed' && m.idea.text === TI_IDEA && m.idea.interpret === true);
    assert.ok(ch);
    await until(ar, (t) => [...document.querySelectorAll('#idea-list .idea')].some((li) =>
      li.textContent.indexOf(t) >= 0 && !!li.querySelector('.asked')), TI_IDEA);
    assert.equal(await idea(ar, TI_IDEA).locator('.asked').textContent(), AR.interpret_asked);
    assert.equal(await idea(ar, TI_IDEA).getByRole('button', { name: AR.interpret_ask }).count(), 0, 'a label now, not a button');
    await until(sv, (t) => [...document.querySelectorAll('#idea-list .idea')].some((li) =>
      li.textContent.indexOf(t) >= 0 && !!li.querySelector('.asked')), TI_IN_SV);
  });

  it('sends the three signals, anonymously counted by the host; the same again too soon is said kindly', async () => {
    const sv = phones.sv.page, ar = phones.ar.page;
    await sv.click('#help-open');
    await sv.waitForSelector('#help:not([hidden]) .sig');
    assert.equal(await sv.getAttribute('#help-open', 'aria-expanded'), 'true');
    assert.equal(await sv.textContent('#help .hint'), SV.help_anon);
    for (const [id, kind] of [['#sig-interpret', 'interpret'], ['#sig-slower', 'slower'], ['#sig-unclear', 'unclear']]) {
      assert.equal(await sv.textContent(id), (id === '#sig-slower' ? '🐢' : id === '#sig-unclear' ? '❓' : '🗣️') + SV['signal_' + kind]);
      await sv.click(id);
      await waitText(sv, '#help-msg', SV.signal_thanks);
      await sv.evaluate(() => { document.getElementById('help-msg').textContent = ''; });
    }
    const counted = await fac.next((m) => m.type === 'signals' && m.signals.some((s) => s.lang === 'sv' && s.interpret === 1 && s.slower === 1 && s.unclear === 1));
    assert.ok(counted);
    // Again within 20 s: not counted, and not an error in red.
    await sv.click('#sig-interpret');
    await waitText(sv, '#help-msg', SV.err_too_soon);
    assert.match(await sv.getAttribute('#help-msg', 'class'), /is-wait/);
    // From the Arabic phone: counted in Arabic.
    await ar.click('#help-open');
    await ar.click('#sig-interpret');
    await waitText(ar, '#help-msg', AR.signal_thanks);
    await fac.next((m) => m.type === 'signals' && m.signals.some((s) => s.lang === 'ar' && s.interpret === 1));
    // Kept as counts per activity and language, never per person: in the journal and the
    // session file (saved every few seconds).
    const journal = fs.readFileSync(path.join(dir, 'session.json.journal'), 'utf8').split('\n').filter((l) => /"signal"/.test(l));
    for (const l of journal) assert.doesNotMatch(l, /"(p|participant|cid|name)"\s*:/, l);
    const deadline = Date.now() + WAIT;
    let saved = [];
    while (Date.now() < deadline) {
      saved = JSON.parse(fs.readFileSync(path.join(dir, 'session.json'), 'utf8')).signals || [];
      if (saved.some((x) => x.lang === 'ar')) break;
      await sv.waitForTimeout(250);
    }
    assert.deepEqual(saved.map((x) => [x.activity, x.lang, x.interpret, x.slower, x.unclear]), [[1, 'sv', 1, 1, 1], [1, 'ar', 1, 0, 0]]);
    assert.doesNotMatch(JSON.stringify(saved), /participant|Lena|أمل/);
  });

  it('plays the recorded Tigrinya prompt on a Tigrinya phone, and speaks what has no recording in Swedish', async () => {
    phones.ti = await phone('ti', 'ዮናስ');
    const { page } = phones.ti;
    assert.equal(await page.getAttribute('html', 'lang'), 'ti');
    const res = page.waitForResponse((r) => /\/audio\/q-ti\.wav$/.test(r.url()));
    await page.click('.question .say');
    assert.deepEqual([(await res).status(), (await res).headers()['content-type']], [200, 'audio/wav'], 'served by the host from audio/ beside the template');
    await until(page, () => window.played.length === 1);
    assert.deepEqual(await page.evaluate(() => window.played), [300], 'the 0.3 s recording, decoded and started');
    assert.deepEqual(await spoken(page), [], 'no speech for a recorded prompt');
    // Bostad has a recording; Språk has none: the phone's Swedish voice says the Swedish word.
    const bostad = page.waitForRequest((r) => /\/audio\/bostad-ti\.wav$/.test(r.url()));
    await page.locator('#cat-list .chip-pair').nth(0).locator('.say').click();
    await bostad;
    await until(page, () => window.played.length === 2);
    await page.locator('#cat-list .chip-pair').nth(1).locator('.say').click();
    assert.deepEqual(await spoken(page), [{ text: 'Språk', lang: 'sv-SE', voice: 'Alva' }]);
    // The Tigrinya idea: no Tigrinya voice here, no button.
    await idea(page, TI_IDEA).waitFor();
    assert.equal(await idea(page, TI_IDEA).locator('.say').isVisible(), false);
  });

  it('takes screenshots in Tigrinya, Arabic and Swedish: photo, rendering, listen buttons, signals', async () => {
    for (const lang of ['ti', 'ar', 'sv']) {
      const { page, w } = phones[lang];
      await page.evaluate(() => window.scrollTo(0, 0));
      if (!(await page.isVisible('#help'))) await page.click('#help-open');
      await page.waitForSelector('#help:not([hidden])');
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(OUT, `phone-voices-${lang}.png`) });
      await axe(page, `${lang}, the signals open`);
      // The ideas: the Tigrinya idea (rendered for Swedish), the Arabic one, the photos.
      await page.click('#help-open');
      await page.locator('#ideas-heading').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, document.getElementById('ideas').getBoundingClientRect().top - 70));
      await until(page, () => [...document.querySelectorAll('#idea-list img')].every((i) => i.getBoundingClientRect().top > innerHeight || (i.complete && i.naturalWidth > 0)));
      await page.screenshot({ path: path.join(OUT, `phone-voices-${lang}-ideas.png`) });
      await axe(page, `${lang}, ideas with photos and renderings`);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      // Touch targets: every visible button at least 44 px each way.
      const small = await page.evaluate(() => [...document.querySelectorAll('button')].filter((b) => b.offsetParent !== null)
        .map((b) => [b.className || b.id, b.getBoundingClientRect()]).filter(([, r]) => r.width < 44 || r.height < 44).map(([c, r]) => `${c} ${Math.round(r.width)}x${Math.round(r.height)}`));
      assert.deepEqual(small, [], `${lang}: small buttons`);
      assert.ok(w.listen_label);
    }
  });

  it('shows the photos on vote items and the pictograms on poll choices', async () => {
    await fac.ask({ type: 'goto', activity: 2 });
    await fac.ask({ type: 'phase', activity: 2, phase: 'open' });
    const page = phones.ar.page;
    await page.waitForSelector('#vote-list .vitem');
    const thumbs = page.locator('#vote-list .vitem-photo');
    assert.equal(await thumbs.count(), 2, 'both photo ideas');
    await thumbs.first().scrollIntoViewIfNeeded();
    await until(page, () => { const i = document.querySelector('#vote-list .vitem-photo'); return i.complete && i.naturalWidth > 0; });
    await page.screenshot({ path: path.join(OUT, 'phone-voices-ar-vote.png') });
    await axe(page, 'ar, a vote on photos');
    // The Swedish phone votes on the Tigrinya idea in its rendering, with the original under it.
    const sv = phones.sv.page;
    await sv.waitForSelector('#vote-list .vitem');
    const item = sv.locator('#vote-list .vitem').filter({ hasText: TI_IN_SV });
    assert.equal(await item.locator('.vitem-orig').textContent(), TI_IDEA);
    await fac.ask({ type: 'goto', activity: 3 });
    await fac.ask({ type: 'phase', activity: 3, phase: 'open' });
    await sv.waitForSelector('#poll-opts .opt');
    assert.deepEqual(await sv.$$eval('#poll-opts .opt', (os) => os.map((o) => o.textContent)), ['🌙Vardag kväll', '☀️Lördag']);
    await sv.getByRole('radio', { name: 'Lördag' }).check();
    await waitText(sv, '#poll-msg', SV.answer_saved);
    await sv.locator('#poll-opts .opt-wrap').nth(0).locator('.say').click();
    assert.deepEqual(await spoken(sv), [{ text: 'Vardag kväll', lang: 'sv-SE', voice: 'Alva' }]);
    await sv.screenshot({ path: path.join(OUT, 'phone-voices-sv-poll.png') });
    await axe(sv, 'sv, a poll with pictograms');
  });

  it('logs no errors in any of the phones', () => {
    assert.deepEqual(errors, []);
  });
});
