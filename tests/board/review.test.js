// Review mode: a saved session on the board, read-only. Every activity shows its results,
// nothing is written, and the keys that would change something are refused.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const OUT = path.join(ROOT, 'tests', 'out');
const FIXTURE = path.join(ROOT, 'tests/board/fixtures/meeting-vote-open.json');
const hash = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

test('review screenshot: results shown though the vote was still open, nothing written', () => {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'medskapa-review-'));
  const file = path.join(dir, 'meeting.json');
  fs.copyFileSync(FIXTURE, file);
  const before = hash(file);
  const png = path.join(OUT, 'review.png'), json = path.join(OUT, 'review.json');
  const r = spawnSync(BIN, ['--review', file, '--screenshot', png, '--layout-json', json, '--lang', 'en'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, SDL_VIDEODRIVER: 'dummy' } });
  assert.equal(r.status, 0, r.stderr);
  const L = JSON.parse(fs.readFileSync(json, 'utf8'));
  const saved = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  assert.equal(saved.activities.find((a) => a.id === saved.current_activity).phase, 'open');
  assert.equal(L.badge.label, 'Revealed');
  assert.ok(L.chart && L.chart.rows.length > 0, 'the ranking is on the board');
  assert.match(L.notice.text, /left\/right|vänster\/höger/);
  assert.equal(L.qr, null, 'nobody joins a review: no QR code');
  assert.equal(hash(file), before, 'the session file is untouched');
  assert.ok(!fs.existsSync(`${file}.journal`), 'and no journal appears');
  assert.equal(spawnSync(BIN, ['--review', path.join(dir, 'missing.json')]).status, 2, 'a missing file is an error');
});

test('review window: move between activities, refuse changes, replay, quit; file untouched', async (t) => {
  let n = 300 + Math.floor(Math.random() * 100);
  while (fs.existsSync(`/tmp/.X11-unix/X${n}`)) n++;
  const x = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  t.after(() => x.kill());
  for (let i = 0; i < 50 && !fs.existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 100));
  const env = { ...process.env, DISPLAY: `:${n}`, SDL_VIDEODRIVER: 'x11',
    ASAN_OPTIONS: `${process.env.ASAN_OPTIONS || ''}:detect_leaks=0` };
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'medskapa-review-'));
  const file = path.join(dir, 'meeting.json');
  fs.copyFileSync(FIXTURE, file);
  const before = hash(file);
  const host = spawn(BIN, ['--review', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  host.stdout.on('data', (d) => { out += d; });
  host.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => host.on('exit', (code) => r(code)));
  t.after(() => host.kill('SIGKILL'));
  const xdo = (...a) => execFileSync('xdotool', a, { env }).toString();
  let ids = [];
  for (let i = 0; i < 100 && !ids.length; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try { ids = xdo('search', '--name', 'Medskapa').trim().split('\n').filter(Boolean); } catch { /* not yet */ }
  }
  assert.ok(ids.length, `the review window opened:\n${out}`);
  xdo('windowfocus', '--sync', ids[0]);
  for (const k of ['Right', 'Left', 'l', 'r', 'space']) {
    xdo('key', '--window', ids[0], k);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 500));
  xdo('key', '--window', ids[0], 'q');
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 8000))]);
  assert.equal(code, 0, out);
  assert.match(out, /Granskar .* \(bara läsning\)/);
  assert.equal(hash(file), before, 'nothing written by keys or replay');
  assert.ok(!fs.existsSync(`${file}.journal`));
});
