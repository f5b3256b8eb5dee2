// The printed paper sheets (`medskapa report --sheets`, issue 20) rendered in headless Chromium
// to PDF (A4) and to PNG pages, as staff would print them before a meeting: numbered idea
// sheets, dot-vote sheets and poll sheets, one item a line with its number and pictogram and a
// ruled box for the dots, headings in the meeting's language with the room's others beside it
// (the languages the participants used; all seven for a template, where no one has joined).
// Text is read with pdftotext and pages measured with pdfinfo (poppler-utils); the PDFs and the
// PNGs of their pages are left in tests/out/sheets/ to look at.
//   node --test tests/report/sheets.test.js        (binary: build/medskapa, or env MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LAUNCH } = require('../lib/browser.js');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const FIXTURES = path.join(__dirname, 'fixtures');
const OUT = path.join(ROOT, 'tests', 'out', 'sheets');
const MAIN = '2026-11-23-1800-radrum-vagen-in-i-foreningslivet.json';
const TEMPLATE = path.join(ROOT, 'sessions', 'templates', 'demo-radrum.json');

const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const HAVE_POPPLER = have('pdftotext') && have('pdfinfo');
const words = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', lang + '.json'), 'utf8'));
const normal = (s) => s.normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();

function run(args) {
  return spawnSync(BIN, ['report', ...args], { env: { ...process.env, TZ: 'Europe/Stockholm' }, maxBuffer: 64 << 20 });
}
function tool(cmd, args) {
  const r = spawnSync(cmd, args, { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  return r.stdout.toString();
}

describe('printed paper sheets', () => {
  let browser, dir;
  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-sheets-'));
    browser = await chromium.launch(LAUNCH);
  });
  after(async () => {
    if (browser) await browser.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Render the sheets of file: the HTML, its PDF (A4, the page's own @page size) and PNG pages.
  async function print(file, name) {
    const html = path.join(dir, name + '.html');
    const r = run(['--sheets', file, '-o', html]);
    assert.equal(r.status, 0, r.stderr.toString());
    const source = fs.readFileSync(html, 'utf8');
    assert.match(source, /@page \{ size: A4;/);
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    const requests = [];
    page.on('request', (q) => requests.push(q.url()));
    await page.goto('file://' + html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    await page.screenshot({ path: path.join(OUT, name + '-screen.png'), fullPage: false });
    await page.close();
    assert.deepEqual(requests, ['file://' + html], 'the sheets load nothing but themselves');
    const out = path.join(OUT, name + '.pdf');
    fs.writeFileSync(out, pdf);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    if (have('pdftoppm')) tool('pdftoppm', ['-png', '-r', '50', out, path.join(OUT, name + '-page')]);
    return { source, out };
  }

  it('a held meeting: a sheet per ideas, vote and poll activity, in the languages the room used', async (t) => {
    const { source, out } = await print(path.join(FIXTURES, MAIN), 'meeting');
    const session = JSON.parse(fs.readFileSync(path.join(FIXTURES, MAIN), 'utf8'));
    const kinds = session.activities.map((a) => a.kind);
    const sheets = (source.match(/<section class="sheet">/g) || []).length;
    assert.equal(sheets, kinds.filter((k) => k === 'ideas' || k === 'vote' || k === 'poll').length);
    // the languages beside Swedish: those the participants used (sv, ar, ti, fa, so), not en or uk
    const used = new Set(session.participants.map((p) => p.lang).filter(Boolean));
    for (const lang of ['sv', 'ar', 'fa', 'ti', 'so', 'en', 'uk']) {
      const has = source.includes(`lang="${lang}"`);
      assert.equal(has, lang === 'sv' || used.has(lang), `language ${lang}`);
    }
    assert.match(source, /<html lang="sv" dir="ltr">/);
    assert.ok(source.includes(`<span class="main" lang="sv" dir="ltr">${words('sv').report_pap_vote_sheet}</span>`));
    assert.ok(source.includes(`<span class="other" lang="ar" dir="rtl">${words('ar').report_pap_vote_sheet}</span>`));
    // every idea a vote can get dots on is on a line with its number
    const vote = session.activities.find((a) => a.kind === 'vote' && !a.on_groups);
    const votable = session.ideas.filter((d) => d.activity === vote.source && !d.hidden && !d.merged_into);
    for (const d of votable) assert.match(source, new RegExp(`<td class="nr">${d.id}</td>`), `idea ${d.id}`);
    if (!HAVE_POPPLER) {
      t.diagnostic('poppler-utils missing: pages and text of the PDF not checked');
      return;
    }
    const info = tool('pdfinfo', [out]);
    assert.match(info, /Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    assert.ok(pages >= sheets && pages <= sheets * 2, `${pages} pages for ${sheets} sheets`);
    const text = normal(tool('pdftotext', [out, '-']));
    for (const s of [words('sv').report_pap_idea_sheet, words('sv').report_pap_vote_sheet,
      words('sv').report_pap_poll_sheet, words('sv').report_pap_footer, words('so').report_pap_footer,
      session.title === undefined ? '' : vote.prompt]) assert.ok(text.includes(normal(s)), s);
    assert.ok(text.includes(normal(votable[0].text)), votable[0].text);
    // a page begins each sheet: the first page's text is the first sheet only
    const first = normal(tool('pdftotext', ['-f', '1', '-l', '1', out, '-']));
    assert.ok(first.includes(normal(words('sv').report_pap_idea_sheet)));
    assert.ok(!first.includes(normal(words('sv').report_pap_vote_sheet)));
  });

  it('a template: no one has joined, so all seven languages; a vote without ideas gets numbered lines', async (t) => {
    const { source, out } = await print(TEMPLATE, 'template');
    for (const lang of ['sv', 'ar', 'fa', 'ti', 'so', 'en', 'uk']) assert.ok(source.includes(`lang="${lang}"`), lang);
    assert.ok(source.includes(words('uk').report_pap_idea_sheet));
    assert.ok(source.includes(words('sv').report_pap_by_number));
    assert.ok(source.includes(words('sv').report_pap_vote_howto.replace('{budget}', '5')), 'the budget in the instructions');
    assert.ok(source.includes('☀️'), 'a choice\'s pictogram');
    if (!HAVE_POPPLER) return;
    const info = tool('pdfinfo', [out]);
    assert.match(info, /Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const tpl = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    assert.ok(pages >= tpl.activities.length, `${pages} pages`);
    t.diagnostic(`template: ${pages} pages`);
  });

  it('a meeting in Arabic: the page right to left, Arabic first, the others beside it', async () => {
    const tpl = path.join(dir, 'ar.json');
    fs.writeFileSync(tpl, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'مجلس الحي', lang: 'ar',
      activities: [
        { kind: 'poll', title: 'الموعد', prompt: 'متى نلتقي؟', poll: 'single', choices: ['الثلاثاء', 'السبت'], pictos: ['📅', '☕'] },
        { kind: 'poll', title: 'التقييم', prompt: 'كيف كان اللقاء؟', poll: 'scale' },
      ],
    }));
    const { source } = await print(tpl, 'arabic');
    assert.match(source, /<html lang="ar" dir="rtl">/);
    assert.ok(source.includes(`<span class="main" lang="ar" dir="rtl">${words('ar').report_pap_poll_sheet}</span>`));
    assert.ok(source.includes(`<span class="other" lang="sv" dir="ltr">${words('sv').report_pap_poll_sheet}</span>`));
    assert.equal((source.match(/<section class="sheet">/g) || []).length, 2);
    assert.ok(source.includes('<td class="nr">5</td>'), 'a scale sheet has the values 1 to 5');
  });

  it('bad use: a missing file and options the sheets do not take', () => {
    let r = run(['--sheets', path.join(dir, 'nothing.json')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr.toString(), /nothing\.json/);
    r = run(['--sheets', path.join(FIXTURES, MAIN), '--format', 'csv']);
    assert.equal(r.status, 2);
    r = run(['--sheets', '--overview', FIXTURES]);
    assert.equal(r.status, 2);
    r = run(['--sheets', path.join(FIXTURES, 'trasig.json')]);
    assert.equal(r.status, 1);
  });
});
