// Board tests of issue 19, tables and rounds: the real binary renders sessions offscreen
// (--screenshot, --layout-json) and the tests read what the board reports and the pixels it drew.
//  - an activity by_table shows every table as a column headed "Bord 3" (an empty table too, and
//    ideas written at no table under "Utan bord"), each table's ideas in it, the idea it brought
//    forward first and marked "Tas vidare · <name>"; a hidden idea nowhere;
//  - an activity in rounds shows "Runda 2 av 4 · I par" over the notes with the round's timer;
//    while round 2 runs, round 1's ideas that were not brought forward are off the board;
//  - in Persian the same, right to left; at 1920x1080 the same columns, larger.
// The fixtures are written by make-tables-fixtures.py. Screenshots: tests/out/board-tables-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const OUT = path.join(ROOT, 'tests', 'out');
const FIX = path.join(__dirname, 'fixtures');
const JOIN = 'http://192.168.1.23:8080/';
const WORDS = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', `${lang}.json`), 'utf8'));

fs.mkdirSync(OUT, { recursive: true });

// Render fixture in lang at size; returns { img, layout, fixture }. Screenshot:
// tests/out/board-tables-<name>-<lang>-<size>.png.
function render(fixture, lang = 'sv', size = '1280x720') {
  const name = `board-${path.basename(fixture).replace(/\.json$/, '')}-${lang}-${size}`;
  const png = path.join(OUT, `${name}.png`), json = path.join(OUT, `${name}.json`);
  const file = path.isAbsolute(fixture) ? fixture : path.join(FIX, fixture);
  fs.rmSync(png, { force: true });
  fs.rmSync(json, { force: true });
  const args = ['--session', file, '--screenshot', png, '--layout-json', json, '--lang', lang,
    '--join-url', JOIN, '--size', size];
  const r = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy' } });
  assert.equal(r.status, 0, `medskapa ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return { img: decodePng(fs.readFileSync(png)), layout: JSON.parse(fs.readFileSync(json, 'utf8')),
    fixture: JSON.parse(fs.readFileSync(file, 'utf8')), png };
}

// Decode an 8-bit RGB or RGBA, non-interlaced PNG into { w, h, px(x, y) -> [r, g, b] }.
function decodePng(buf) {
  const w = buf.readUInt32BE(16), h = buf.readUInt32BE(20), bpp = buf[25] === 2 ? 3 : 4;
  const idat = [];
  for (let off = 8; off < buf.length;) {
    const len = buf.readUInt32BE(off), kind = buf.toString('latin1', off + 4, off + 8);
    if (kind === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = w * bpp, data = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], src = y * (stride + 1) + 1, dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i], a = i >= bpp ? data[dst + i - bpp] : 0;
      const b = y ? data[dst - stride + i] : 0, c = y && i >= bpp ? data[dst - stride + i - bpp] : 0;
      let v;
      if (f === 0) v = x;
      else if (f === 1) v = x + a;
      else if (f === 2) v = x + b;
      else if (f === 3) v = x + ((a + b) >> 1);
      else {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      data[dst + i] = v & 255;
    }
  }
  return { w, h, px: (x, y) => [...data.subarray(y * stride + x * bpp, y * stride + x * bpp + 3)] };
}

const inside = (a, b) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const iso = (s) => s.replace(/[\u2066-\u2069]/g, '');
// Pixels in r that differ from colour c by more than tol: something is drawn there.
function drawn(img, r, c, tol = 90) {
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++)
    for (let x = r.x; x < r.x + r.w; x++) {
      const p = img.px(x, y);
      if (Math.abs(p[0] - c[0]) + Math.abs(p[1] - c[1]) + Math.abs(p[2] - c[2]) > tol) n++;
    }
  return n;
}

// What the fixture says each table's visible ideas are: the one brought forward first.
function byTable(fixture) {
  const n = fixture.tables, out = {};
  for (let t = 0; t <= n; t++) out[t] = [];
  for (const d of fixture.ideas) if (!d.hidden) out[d.table >= 1 && d.table <= n ? d.table : 0].push(d);
  for (const t of Object.keys(out)) out[t].sort((a, b) => (b.forward > 0) - (a.forward > 0) || a.id - b.id);
  return out;
}

test('every table is a column headed "Bord N", with its ideas, the pick first and marked', () => {
  const { img, layout, fixture } = render('tables-columns.json');
  assert.equal(layout.mode, 'notes');
  assert.equal(layout.by_table, true);
  const want = byTable(fixture);
  const names = layout.groups.map((g) => g.name);
  assert.deepEqual(names, ['Bord 1', 'Bord 2', 'Bord 3', 'Bord 4', 'Utan bord']);
  for (const g of layout.groups) {
    const t = g.name === 'Utan bord' ? 0 : Number(g.name.split(' ')[1]);
    assert.equal(g.table, t);
    assert.deepEqual(g.ideas, want[t].map((d) => d.id), g.name);
    assert.equal(g.n, want[t].length);
    for (const id of g.ideas) assert.ok(inside(layout.notes.find((n) => n.idea === id), g), `idea ${id} inside ${g.name}`);
  }
  // The four tables side by side, each one column wide; none overlaps another.
  const tables = layout.groups.filter((g) => g.table > 0);
  for (let i = 1; i < tables.length; i++) assert.ok(tables[i].x > tables[i - 1].x, 'left to right in table order');
  assert.ok(tables.every((g) => g.columns === 1));
  for (const a of layout.groups) for (const b of layout.groups) if (a !== b) assert.ok(!overlap(a, b), `${a.name} / ${b.name}`);
  // An empty table keeps its column; the hidden idea is nowhere.
  assert.deepEqual(layout.groups[3].ideas, []);
  assert.ok(!layout.notes.some((n) => n.idea === 7), 'the hidden idea is not on the board');
  // The picks: marked with the word and the name, drawn in their notes.
  for (const id of [3, 5, 8]) {
    const n = layout.notes.find((x) => x.idea === id);
    const who = fixture.participants.find((p) => p.id === fixture.ideas.find((d) => d.id === id).author).name;
    assert.equal(n.forward, 3);
    assert.equal(n.mark, `Tas vidare · ${who}`);
    assert.ok(drawn(img, n.author, img.px(n.x + 2, n.y + n.h - 3)) > 50, `the mark of idea ${id} is drawn`);
  }
  assert.ok(layout.notes.filter((n) => !n.forward).every((n) => !n.mark));
  // The heading "Bord 1" is drawn in its area's tint.
  const h = layout.groups[0].heading;
  assert.ok(drawn(img, h, img.px(layout.groups[0].x + 2, layout.groups[0].y + 2)) > 100, 'the heading is drawn');
  // The harvest's round is said over the notes (the activity is locked: every round shows).
  assert.equal(iso(layout.round.text), 'Runda 3 av 3 · Skörd');
  assert.equal(iso(layout.banner.text), 'Runda 3 av 3 · Skörd');
});

test('a round: "Runda 2 av 4 · I par" over the notes and its timer; round 1 shows only its picks', () => {
  const { img, layout, fixture } = render('tables-round.json');
  assert.deepEqual({ round: layout.round.round, of: layout.round.of, title: layout.round.title, ms: layout.round.ms },
    { round: 2, of: 4, title: 'I par', ms: 120000 });
  assert.equal(iso(layout.round.text), 'Runda 2 av 4 · I par');
  assert.ok(layout.banner && iso(layout.banner.text) === 'Runda 2 av 4 · I par', JSON.stringify(layout.banner));
  assert.ok(drawn(img, layout.banner, img.px(layout.banner.x + layout.banner.w - 2, layout.banner.y + 2)) > 200, 'the round is drawn');
  // The round's timer: 1:35 left of 2:00, paused.
  assert.equal(layout.timer.text, '01:35');
  assert.equal(layout.timer.state, 'paused');
  assert.equal(layout.timer.left_ms, 95000);
  // On the board: round 2's ideas and the picks of round 1, never round 1's others.
  const shown = layout.notes.map((n) => n.idea).sort((a, b) => a - b);
  const want = fixture.ideas.filter((d) => d.round === 2 || d.forward === 1).map((d) => d.id).sort((a, b) => a - b);
  assert.deepEqual(shown, want);
  for (const d of fixture.ideas.filter((x) => x.round === 1 && !x.forward)) assert.ok(!shown.includes(d.id), `idea ${d.id}`);
  // Each table's pick from round 1 first in its column.
  for (const g of layout.groups) {
    const pick = fixture.ideas.find((d) => d.table === g.table && d.forward === 1);
    if (pick) assert.equal(g.ideas[0], pick.id, g.name);
  }
  assert.deepEqual(layout.groups.map((g) => g.name), ['Bord 1', 'Bord 2', 'Bord 3', 'Bord 4']);
});

test('in Persian: the tables and the round in its words, right to left', () => {
  const fa = WORDS('fa');
  const { layout } = render('tables-round.json', 'fa');
  assert.deepEqual(layout.groups.map((g) => g.name), [1, 2, 3, 4].map((n) => fa.board_tbl_table.replace('{n}', n)));
  assert.equal(iso(layout.round.text), `${fa.board_tbl_round.replace('{i}', 2).replace('{n}', 4)} · I par`);
  const marks = layout.notes.filter((n) => n.forward).map((n) => n.mark.split(' · ')[0]);
  assert.ok(marks.length === 3 && marks.every((m) => m === fa.board_tbl_forward), JSON.stringify(marks));
  render('tables-columns.json', 'fa');
});

test('at 1920x1080 the same columns, larger', () => {
  const small = render('tables-columns.json').layout, big = render('tables-columns.json', 'sv', '1920x1080').layout;
  assert.deepEqual(big.groups.map((g) => [g.name, g.ideas]), small.groups.map((g) => [g.name, g.ideas]));
  assert.ok(big.groups[0].w > small.groups[0].w);
  render('tables-round.json', 'sv', '1920x1080');
});

test('a vote by_table: its ideas as notes table by table while it is open', () => {
  const s = JSON.parse(fs.readFileSync(path.join(FIX, 'tables-columns.json'), 'utf8'));
  s.activities[0].phase = 'revealed';
  s.activities.push({ id: 2, kind: 'vote', title: 'Prioritera', prompt: 'Vilka ska vi börja med?', phase: 'open', source: 1,
    budget: 3, max_per_item: 2, by_table: true });
  s.current_activity = 2;
  const file = path.join(OUT, 'tables-vote.json');
  fs.writeFileSync(file, JSON.stringify(s));
  const { layout } = render(file);
  assert.equal(layout.by_table, true);
  const want = byTable(s);
  assert.deepEqual(layout.groups.map((g) => [g.name, g.ideas]),
    [1, 2, 3, 4, 0].map((t) => [t ? `Bord ${t}` : 'Utan bord', want[t].map((d) => d.id)]));
  assert.match(layout.banner.text, /3 prickar var/);
});
