// Issue 20, "Save as template", on the facilitator's page at 390x844: the agenda section has a
// form "Save the agenda as a template"; an empty name is refused on the page (err_template_name);
// a name gives the host's answer with the file's name, and the file is in templates/ beside the
// session; in Arabic the form reads right to left. Screenshots: tests/out/facilitator-template-*.png.
//   node --test tests/browser/template-save.test.js   (host binary: build/medskapa, or MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH, PHONE, WAIT } = require('../lib/browser.js');
const { startHost, tmpdir, OUT, ROOT } = require('../lib/host.js');

const WEB = path.join(ROOT, 'participant-web', 'i18n');
const words = (lang) => Object.assign(JSON.parse(fs.readFileSync(path.join(WEB, `${lang}.json`), 'utf8')),
  JSON.parse(fs.readFileSync(path.join(WEB, 'roles', `${lang}.json`), 'utf8')));
const SV = words('sv'), AR = words('ar');
const fill = (s, v) => s.replace(/\{(\w+)\}/g, (a, k) => (k in v ? String(v[k]) : a));
const TEMPLATE = path.join(ROOT, 'sessions', 'templates', '1-2-4-alla.json');

describe('the facilitator saves the agenda as a template', () => {
  let host, browser, key, dir;
  const errors = [];
  const ctxs = [];
  const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: WAIT });
  const text = (page, sel) => page.$eval(sel, (e) => e.textContent.replace(/[\u2066-\u2069]/g, '').trim());
  const facPage = async (locale) => {
    const ctx = await browser.newContext(Object.assign({}, PHONE, { locale }));
    ctxs.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(host.url + '#key=' + key);
    await until(page, () => !!document.querySelector('#fs-agenda form.ftpl'));
    return page;
  };

  before(async () => {
    dir = tmpdir('medskapa-tplb-');
    host = await startHost(['--session', path.join(dir, 'mote.json'), '--template', TEMPLATE]);
    key = /Mötesledare:\s+\S*#key=([0-9a-f]{32})/.exec(host.output())[1];
    browser = await chromium.launch(LAUNCH);
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    for (const c of ctxs) await c.close();
    if (browser) await browser.close();
    if (host) await host.stop();
  });

  it('in Swedish: an empty name is refused, a name is saved as a file beside the session', async () => {
    const page = await facPage('sv-SE');
    const form = page.locator('#fs-agenda form.ftpl');
    assert.equal(await text(page, '#fs-agenda .ftpl h3'), SV.f_tpl_title);
    await form.getByRole('button', { name: SV.f_tpl_save }).click();
    await until(page, () => /./.test(document.querySelector('#fs-agenda .ftpl .form-msg').textContent));
    assert.equal(await text(page, '#fs-agenda .ftpl .form-msg'), SV.err_template_name);
    await form.getByLabel(SV.f_tpl_name).fill('Rådrum 1-2-4, våren');
    await form.getByRole('button', { name: SV.f_tpl_save }).click();
    await until(page, (want) => document.querySelector('#fs-agenda .ftpl .form-msg').textContent.includes(want),
      'radrum-1-2-4-varen.json');
    assert.equal(await text(page, '#fs-agenda .ftpl .form-msg'), fill(SV.f_tpl_saved, { file: 'radrum-1-2-4-varen.json' }));
    assert.equal(await form.getByLabel(SV.f_tpl_name).inputValue(), '', 'the field is emptied');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'templates', 'radrum-1-2-4-varen.json'), 'utf8'));
    assert.equal(saved.format, 'medskapa-template');
    assert.equal(saved.tables, 6);
    assert.equal(saved.activities.length, 2);
    // The viewport is a phone's: nothing wider than it.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the page is ${wide} px wide`);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'facilitator-template-sv.png') });
    await page.locator('#fs-agenda').screenshot({ path: path.join(OUT, 'facilitator-template-agenda-sv.png') });
  });

  it('in Arabic, right to left, with the same file name rules', async () => {
    const page = await facPage('ar');
    await until(page, () => document.documentElement.dir === 'rtl' || document.documentElement.lang === 'ar');
    const form = page.locator('#fs-agenda form.ftpl');
    await until(page, (w) => document.querySelector('#fs-agenda .ftpl h3').textContent === w, AR.f_tpl_title);
    await form.getByLabel(AR.f_tpl_name).fill('Rådrum 1-2-4, våren');
    await form.getByRole('button', { name: AR.f_tpl_save }).click();
    await until(page, () => /\.json/.test(document.querySelector('#fs-agenda .ftpl .form-msg').textContent));
    assert.ok((await text(page, '#fs-agenda .ftpl .form-msg')).includes('radrum-1-2-4-varen-2.json'), 'never over the first');
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'facilitator-template-ar.png') });
    assert.deepEqual(errors, []);
  });
});
