// The HTML report printed to PDF (A4) in headless Chromium, as staff would print it: the page
// loads nothing from anywhere, the PDF has A4 pages, each page holds text, and the text holds
// every idea (Swedish, Arabic, Persian, Tigrinya, Somali) and the results.
// Text is read with pdftotext and pages are measured with pdfinfo (Debian: poppler-utils); without
// them only the PDF's header and page objects are checked. The PDF and PNGs of its pages
// (pdftoppm -r 60) are left in tests/out/report/ to look at.
//   node --test tests/report/pdf.test.js        (binary: build/medskapa, or env MEDSKAPA_BIN)
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const FIXTURES = path.join(__dirname, 'fixtures');
const OUT = path.join(ROOT, 'tests', 'out', 'report');
const MAIN = '2026-11-23-1800-radrum-vagen-in-i-foreningslivet.json';
const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
};

const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const HAVE_POPPLER = have('pdftotext') && have('pdfinfo');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { env: { ...process.env, TZ: 'Europe/Stockholm' }, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// pdftotext gives Arabic lam-alef ligatures back as alef + lam; and drops direction marks.
const normal = (s) => s.normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
const asExtracted = (s) => normal(s).replace(/ل([اأإآ])/g, '$1ل');

describe('the HTML report printed to PDF in Chromium', () => {
  let browser;
  let dir;
  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-pdf-'));
    browser = await chromium.launch(LAUNCH);
  });
  after(async () => {
    if (browser) await browser.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Print one report: loads it from a file URL, records every request the page makes.
  async function print(args, name) {
    const html = path.join(dir, name + '.html');
    run(BIN, ['report', ...args, '-o', html]);
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('file://' + html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    await page.close();
    const file = path.join(OUT, name + '.pdf');
    fs.writeFileSync(file, pdf);
    return { pdf, file, requests, html };
  }

  function pagesOf(pdf, file) {
    if (HAVE_POPPLER) return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).toString())[1]);
    return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  }

  it('the report: A4 pages, nothing loaded, every idea in the text', async (t) => {
    const { pdf, file, requests, html } = await print([path.join(FIXTURES, MAIN)], 'report');
    assert.deepEqual(requests, ['file://' + html], 'the page loads nothing but itself');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = pagesOf(pdf, file);
    assert.ok(pages >= 3 && pages <= 12, `${pages} pages`);
    if (!HAVE_POPPLER) {
      t.diagnostic('poppler-utils missing: the text of the PDF was not checked');
      return;
    }
    const info = run('pdfinfo', [file]).toString();
    assert.match(info, /Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const text = normal(run('pdftotext', [file, '-']).toString());
    const session = JSON.parse(fs.readFileSync(path.join(FIXTURES, MAIN), 'utf8'));
    assert.ok(text.includes(normal(session.title)));
    for (const idea of session.ideas) assert.ok(text.includes(asExtracted(idea.text)), `idea ${idea.id}: ${idea.text}`);
    for (const a of session.activities) assert.ok(text.includes(asExtracted(a.prompt)), `prompt of activity ${a.id}`);
    for (const s of ['23 november 2026', 'Resultat i korthet', 'Deltagande', 'Tidslinje', 'Moderering', '2 delad',
      'Medelvärde 4,1 av 5', 'Aktiviteten genomfördes inte.']) assert.ok(text.includes(s), s);
    // No page is a stray line or two: breaks fall between activities, not after a heading.
    for (let p = 1; p <= pages; p++) {
      const pageText = normal(run('pdftotext', ['-f', String(p), '-l', String(p), file, '-']).toString());
      assert.ok(pageText.length > 200, `page ${p} holds only: ${pageText}`);
      assert.match(pageText, new RegExp(`${p} ?/ ?${pages}$`), `page ${p} is numbered`);
    }
    if (have('pdftoppm')) run('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, 'report-page')]);
  });

  it('the overview: landscape A4, every session in the text', async () => {
    const { pdf, file, requests } = await print(['--overview', FIXTURES], 'overview');
    assert.equal(requests.length, 1);
    assert.ok(pagesOf(pdf, file) >= 1);
    if (!HAVE_POPPLER) return;
    assert.match(run('pdfinfo', [file]).toString(), /Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const text = normal(run('pdftotext', [file, '-']).toString());
    for (const t of ['Rådrum: Vägen in i föreningslivet', 'Rådrum: Bostad, språk och arbete', 'Rådrum: Fritid för alla',
      'Prova-på-dagar gratis', 'trasig.json']) assert.ok(text.includes(t), t);
    if (have('pdftoppm')) run('pdftoppm', ['-png', '-r', '60', file, path.join(OUT, 'overview-page')]);
  });
});
