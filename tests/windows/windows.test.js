// What only the Windows build has to show, run under wine by tests/windows/run.sh: medskapa.exe
// from the unzipped folder (in a path with å, ä and ö, like a user folder named "Åsa Öberg")
// says its version, writes the same reports byte for byte as the Debian build for the same
// session, draws the same board in Arabic, keeps a meeting in a folder named with å, ä and ö,
// and started bare (a double-click) opens the demo meeting and saves it beside itself.
// MEDSKAPA_BIN is tests/windows/medskapa-wine, MEDSKAPA_EXE the exe, LINUX_BIN build/medskapa.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { ROOT, BIN, tmpdir, startHost } = require('../lib/host.js');
const { Client } = require('../integration/_client.js');
const { readPng, differing } = require('./png.js');

const EXE = process.env.MEDSKAPA_EXE;
const LINUX = path.resolve(ROOT, process.env.LINUX_BIN || 'build/medskapa');
const FIXTURES = path.join(ROOT, 'tests', 'report', 'fixtures');
const DEMO = path.join(ROOT, 'sessions', 'templates', 'demo-radrum.json');
const ENV = { ...process.env, TZ: 'UTC0', SDL_VIDEODRIVER: 'dummy' };

function run(bin, args, opts = {}) {
  const r = spawnSync(bin, args, { encoding: opts.encoding === undefined ? 'utf8' : opts.encoding,
    env: { ...ENV, ...(opts.env || {}) }, cwd: opts.cwd || ROOT, timeout: 60000 });
  return r;
}

test('windows: medskapa.exe is there, unzipped into a folder named with å, ä and ö', () => {
  assert.ok(EXE && fs.existsSync(EXE), `MEDSKAPA_EXE: ${EXE}`);
  assert.match(EXE, /Åsa Öberg/);
  for (const f of ['SDL2.dll', 'SDL2_ttf.dll', 'libwebsockets.dll', 'libuv.dll', 'LÄSMIG.txt', 'README.txt',
    'participant-web/index.html', 'assets/fonts.txt', 'assets/fonts/NotoSansArabic-Regular.ttf',
    'sessions/templates/demo-radrum.json']) {
    assert.ok(fs.existsSync(path.join(path.dirname(EXE), f)), `${f} in the zip`);
  }
});

test('windows: --version under wine says the same as the Debian build', () => {
  const win = run(BIN, ['--version']), lin = run(LINUX, ['--version']);
  assert.equal(win.status, 0, win.stdout + win.stderr);
  assert.equal(win.stdout.replace(/\r/g, ''), lin.stdout);
});

// The reports of a saved session: the same bytes from both builds, in each format and in two
// languages (a right-to-left one among them), and the overview of a folder.
const REPORTS = [
  ['2026-11-23-1800-radrum-vagen-in-i-foreningslivet.json', ['--format', 'html']],
  ['2026-11-23-1800-radrum-vagen-in-i-foreningslivet.json', ['--format', 'md']],
  ['2026-11-23-1800-radrum-vagen-in-i-foreningslivet.json', ['--format', 'csv', '--sep', 'semicolon']],
  ['2027-02-08-1830-radrum-bostad-sprak-och-arbete.json', ['--format', 'html', '--lang', 'ar']],
  ['2026-09-14-1800-radrum-fritid-for-alla-v1.json', ['--format', 'md', '--lang', 'en', '--anonymise']],
];
for (const [file, args] of REPORTS) {
  test(`windows: report ${file} ${args.join(' ')} is byte for byte the Debian build's`, () => {
    const dir = tmpdir('medskapa-win-report-');
    const a = path.join(dir, 'win.out'), b = path.join(dir, 'linux.out');
    const win = run(BIN, ['report', path.join(FIXTURES, file), ...args, '-o', a]);
    const lin = run(LINUX, ['report', path.join(FIXTURES, file), ...args, '-o', b]);
    assert.equal(lin.status, 0, lin.stderr);
    assert.equal(win.status, 0, win.stdout + win.stderr);
    const wb = fs.readFileSync(a), lb = fs.readFileSync(b);
    assert.ok(lb.length > 500, 'a real report');
    assert.ok(wb.equals(lb), `the reports differ (Windows ${wb.length} bytes, Debian ${lb.length})`);
  });
}

test('windows: the overview of a folder of sessions is the Debian build\'s, byte for byte', () => {
  const dir = tmpdir('medskapa-win-overview-');
  const a = path.join(dir, 'win.html'), b = path.join(dir, 'linux.html');
  const win = run(BIN, ['report', '--overview', FIXTURES, '-o', a]);
  const lin = run(LINUX, ['report', '--overview', FIXTURES, '-o', b]);
  assert.equal(lin.status, 0, lin.stderr);
  assert.equal(win.status, 0, win.stdout + win.stderr);
  assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)), 'the overviews differ');
});

// The board: SDL2, SDL_ttf with HarfBuzz and FreeType built from the same Debian sources, the
// same font files: the picture must be the same, in Swedish and in Arabic (shaped, right to
// left). A few pixels may differ in anti-aliasing; a missing font or unshaped text changes
// thousands.
for (const lang of ['sv', 'ar']) {
  test(`windows: the board in ${lang} (--screenshot) looks as the Debian build draws it`, () => {
    const dir = tmpdir('medskapa-win-board-');
    const a = path.join(dir, `win-${lang}.png`), b = path.join(dir, `linux-${lang}.png`);
    const args = ['--template', DEMO, '--lang', lang, '--join-url', 'http://192.168.1.20:8080/'];
    const win = run(BIN, [...args, '--screenshot', a]);
    const lin = run(LINUX, [...args, '--screenshot', b]);
    assert.equal(lin.status, 0, lin.stderr);
    assert.equal(win.status, 0, win.stdout + win.stderr);
    const share = differing(readPng(fs.readFileSync(a)), readPng(fs.readFileSync(b)));
    fs.mkdirSync(path.join(ROOT, 'tests', 'out', 'windows'), { recursive: true });
    fs.copyFileSync(a, path.join(ROOT, 'tests', 'out', 'windows', `board-${lang}-wine.png`));
    fs.copyFileSync(b, path.join(ROOT, 'tests', 'out', 'windows', `board-${lang}-linux.png`));
    assert.ok(share < 0.002, `${(share * 100).toFixed(3)} % of the pixels differ`);
  });
}

test('windows: a meeting kept in a folder named "Åsa Öberg/möten" is saved there and resumed', async () => {
  const dir = path.join(tmpdir('medskapa-win-utf8-'), 'Åsa Öberg', 'möten');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'rådrum på förvaltningen.json');
  let host = await startHost(['--session', file, '--template', DEMO]);
  const c = await Client.connect(host.wsUrl, { label: 'åsa' });
  await c.hello({ name: 'Åsa' });
  c.send({ type: 'idea.post', cid: 'a1', text: 'Läxhjälp på biblioteket, även på lördagar' });
  const ack = await c.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === 'a1', 'answer');
  assert.equal(ack.type, 'ack', JSON.stringify(ack));
  c.close();
  let exit = await host.stop();
  assert.equal(exit.code, 0, host.output());
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(saved.ideas.some((i) => i.text === 'Läxhjälp på biblioteket, även på lördagar'), 'the idea in the file');
  host = await startHost(['--session', file]);
  const d = await Client.connect(host.wsUrl, { label: 'björn' });
  const welcome = await d.hello({ name: 'Björn' });
  assert.ok(JSON.stringify(welcome).includes('även på lördagar'), 'the idea came back on resume');
  d.close();
  exit = await host.stop();
  assert.equal(exit.code, 0, host.output());
});

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false))
      .once('listening', () => s.close(() => resolve(true))).listen(port, '0.0.0.0');
  });
}

test('windows: started bare (a double-click) it opens the demo meeting and saves it beside itself', async (t) => {
  if (!(await portFree(8080))) {
    t.skip('port 8080 is in use here: the start without arguments listens there');
    return;
  }
  const sessions = path.join(path.dirname(EXE), 'sessions');
  const before = new Set(fs.readdirSync(sessions));
  const host = await startHost([], { windowed: true, bare: true, env: { SDL_VIDEODRIVER: 'dummy' } });
  assert.equal(host.port, 8080, host.output());
  const exit = await host.stop();
  assert.equal(exit.code, 0, host.output());
  const made = fs.readdirSync(sessions).filter((f) => !before.has(f) && f.endsWith('.json'));
  assert.equal(made.length, 1, `one new session in ${sessions}: ${made}\n${host.output()}`);
  const s = JSON.parse(fs.readFileSync(path.join(sessions, made[0]), 'utf8'));
  assert.equal(s.title, JSON.parse(fs.readFileSync(DEMO, 'utf8')).title);
  for (const f of fs.readdirSync(sessions)) if (!before.has(f)) fs.rmSync(path.join(sessions, f));
});
