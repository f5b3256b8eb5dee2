// Board tests: render real sessions with the real binary (--screenshot, offscreen, no display)
// and check the PNG and the layout the board reports: size, nothing overlapping, everything
// inside, the QR code crisp black on white, notes shrunk until every idea fits but never below
// the readable minimum, and a "+N more" tile that counts the rest when they do not. Then a
// whole meeting: groups and categories, hidden and merged ideas absent, a silent round, the
// timer, a vote hidden and revealed (ties share a rank), polls.
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

fs.mkdirSync(OUT, { recursive: true });

// Run the binary on a fixture; returns { png, layout, fixture, w, h }.
// env: more environment (MEDSKAPA_BOARD_THEME, MEDSKAPA_BOARD_PAGE), named in the file names.
function render(fixture, size, extra = [], env = {}) {
  return renderFile(path.join(FIX, fixture), size, extra, env);
}

// The same for a session file anywhere (a fixture changed by a test).
function renderFile(file, size, extra = [], env = {}) {
  const fixture = path.basename(file);
  const envTag = Object.values(env).map((v) => `-${v}`).join('');
  const tag = `${path.basename(fixture, '.json')}-${size || 'default'}${extra.length ? '-x' : ''}${envTag}`;
  const png = path.join(OUT, `board-${tag}.png`);
  const json = path.join(OUT, `board-${tag}.json`);
  fs.rmSync(png, { force: true });
  fs.rmSync(json, { force: true });
  const args = ['--session', file, '--screenshot', png, '--layout-json', json, '--lang', 'en', ...extra];
  if (size) args.push('--size', size);
  const r = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy', ...env } });
  assert.equal(r.status, 0, `medskapa ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  const [w, h] = (size || '1280x720').split('x').map(Number);
  return {
    png: fs.readFileSync(png),
    layout: JSON.parse(fs.readFileSync(json, 'utf8')),
    fixture: JSON.parse(fs.readFileSync(file, 'utf8')),
    w, h, pngPath: png,
  };
}

// Width and height from the PNG's IHDR chunk.
function pngSize(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  assert.equal(buf.toString('latin1', 12, 16), 'IHDR');
  return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
}

// Decode an 8-bit RGB or RGBA, non-interlaced PNG into { w, h, px(x, y) -> [r, g, b] }.
function decodePng(buf) {
  const { w, h } = pngSize(buf);
  const depth = buf[24], type = buf[25], interlace = buf[28];
  assert.equal(depth, 8, 'bit depth');
  assert.ok(type === 2 || type === 6, `colour type ${type}`);
  assert.equal(interlace, 0);
  const bpp = type === 2 ? 3 : 4;
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
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`filter ${f}`);
      data[dst + i] = v & 255;
    }
  }
  return { w, h, px: (x, y) => [...data.subarray(y * stride + x * bpp, y * stride + x * bpp + 3)] };
}

const inside = (a, b) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const fmt = (r) => `(${r.x},${r.y} ${r.w}x${r.h})`;

function ideasOfCurrent(fixture) {
  const cur = fixture.current_activity || (fixture.activities[0] && fixture.activities[0].id);
  return fixture.ideas.filter((i) => i.activity === cur);
}

// Everything the layout JSON must satisfy, whatever the session.
function checkLayout(r) {
  const L = r.layout, win = { x: 0, y: 0, w: r.w, h: r.h };
  assert.equal(L.width, r.w);
  assert.equal(L.height, r.h);
  const size = pngSize(r.png);
  assert.deepEqual(size, { w: r.w, h: r.h }, 'PNG is exactly the window size');
  assert.ok(Array.isArray(L.notes));
  L.notes.forEach((n, i) => {
    assert.ok(inside(n, win), `note ${i} ${fmt(n)} outside the ${r.w}x${r.h} window`);
    assert.ok(inside(n.text, n), `note ${i} text ${fmt(n.text)} outside its note ${fmt(n)}`);
    if (n.author) assert.ok(inside(n.author, n), `note ${i} author outside its note`);
    if (n.author) assert.ok(!overlap(n.author, n.text), `note ${i} author on its text`);
    if (L.header) assert.ok(!overlap(n, L.header), `note ${i} on the header`);
    for (let j = 0; j < i; j++)
      assert.ok(!overlap(n, L.notes[j]), `notes ${j} ${fmt(L.notes[j])} and ${i} ${fmt(n)} overlap`);
  });
  assert.ok(L.qr, 'a QR code is shown');
  assert.ok(inside(L.qr, win), `QR ${fmt(L.qr)} outside the window`);
  // The small join card (key c, or a crowded board) still has a code for the front rows.
  assert.ok(L.qr.w === L.qr.h && L.qr.w >= r.h / (L.card === 'small' ? 10 : 6), `QR ${fmt(L.qr)} square and big enough`);
  for (const n of L.notes) assert.ok(!overlap(n, L.qr), `note ${fmt(n)} on the QR code`);
  if (L.more) {
    assert.ok(inside(L.more, win));
    for (const n of L.notes) assert.ok(!overlap(n, L.more), 'a note on the "+N more" tile');
  }
  // The note size: one of the steps, never below 2.5% of the window height (18 px at 720).
  assert.ok(Number.isInteger(L.step) && L.step >= 0 && L.step < L.steps, `step ${L.step} of ${L.steps}`);
  assert.ok(L.note_px >= Math.round(r.h * 0.025), `note text ${L.note_px} px at ${r.h} px high`);
  assert.ok(L.note_px <= Math.round(r.h * 0.034), `note text ${L.note_px} px is above full size`);
  if (L.more) assert.equal(L.step, L.steps - 1, '"+N more" while the notes could still shrink');
}

// The ideas shown are the first ones of the current activity, in order; all when they fit.
function checkIdeas(r, { allFit } = {}) {
  const ideas = ideasOfCurrent(r.fixture), L = r.layout;
  assert.equal(L.ideas, ideas.length, 'the board counts the ideas of the current activity');
  if (L.pager) {
    // Pages: every idea on exactly one page, in order; the page shown is the one named.
    const all = L.pager.ideas.flat();
    assert.deepEqual(all, ideas.map((i) => i.id), 'the pages hold every idea once, in order');
    assert.ok(L.pager.pages >= 2 && L.pager.ideas.length === L.pager.pages);
    L.pager.ideas.forEach((p, k) => assert.ok(p.length > 0, `page ${k + 1} is empty`));
    assert.deepEqual(L.notes.map((n) => n.idea), L.pager.ideas[L.pager.page - 1], 'the notes of the page shown');
    assert.equal(L.pager.label, `Page ${L.pager.page} of ${L.pager.pages}`);
    assert.ok(!L.more, '"+N more" tile and pages');
    assert.equal(L.step, L.steps - 1, 'pages while the notes could still shrink');
    for (const n of L.notes) assert.ok(!overlap(n, L.pager), 'a note on the page indicator');
    assert.ok(inside(L.pager, { x: 0, y: 0, w: r.w, h: r.h }));
    return;
  }
  assert.deepEqual(L.notes.map((n) => n.idea), ideas.slice(0, L.notes.length).map((i) => i.id));
  if (L.notes.length < ideas.length) {
    assert.ok(L.more, 'ideas left out, but no "+N more" tile');
    const n = ideas.length - L.notes.length;
    assert.equal(L.more.n, n, 'the tile counts the ideas left out');
    assert.equal(L.more.label, `+${n} more`);
  } else {
    assert.ok(!L.more, '"+N more" tile though every idea is shown');
  }
  if (allFit) assert.equal(L.notes.length, ideas.length, 'every idea has its note');
}

// The QR code: only pure black and white pixels (crisp, integer modules), both present,
// and a white quiet zone around the code.
function checkQrPixels(r) {
  const img = decodePng(r.png), q = r.layout.qr;
  let black = 0, white = 0;
  for (let y = q.y; y < q.y + q.h; y++)
    for (let x = q.x; x < q.x + q.w; x++) {
      const [R, G, B] = img.px(x, y);
      if (R === 0 && G === 0 && B === 0) black++;
      else if (R === 255 && G === 255 && B === 255) white++;
      else assert.fail(`QR pixel (${x},${y}) is ${R},${G},${B}: not crisp black or white`);
    }
  assert.ok(black > q.w * q.h / 5 && white > q.w * q.h / 3, `QR black ${black} white ${white}`);
  const quiet = Math.floor(q.w * 4 / 33);  // 4 of (at least) 33 modules
  for (let i = 0; i < q.w; i++)
    for (const [x, y] of [[q.x + i, q.y + 1], [q.x + 1, q.y + i], [q.x + i, q.y + q.h - 2], [q.x + q.w - 2, q.y + i]])
      assert.deepEqual(img.px(x, y), [255, 255, 255], `quiet zone at (${x},${y})`);
  assert.ok(quiet >= 8);
  return img;
}

// A note is drawn where the layout says: its centre-left pixel has the note's soft colour,
// not the board's background.
function checkNotesDrawn(r, img) {
  const bg = img.px(2, r.h - 2);
  for (const n of r.layout.notes) {
    const c = img.px(n.x + 3, n.y + Math.floor(n.h / 2));
    assert.notDeepEqual(c, bg, `note ${n.idea} at ${fmt(n)} not drawn`);
    assert.ok(Math.min(...c) > 150, `note ${n.idea} colour ${c} is not a soft colour`);
  }
}

test('the 12-idea rådrum at 1280x720 (the default size): smaller notes, all 12 shown', () => {
  const r = render('radrum-12.json', null, ['--join-url', JOIN]);
  checkLayout(r);
  checkIdeas(r, { allFit: true });
  // 11 fit at full size (24 px); the board takes a smaller step rather than "+1 more".
  assert.ok(r.layout.step > 0 && r.layout.step < r.layout.steps - 1, `step ${r.layout.step}`);
  const img = checkQrPixels(r);
  checkNotesDrawn(r, img);
});

for (const size of ['1920x1080', '3840x2160', '800x600']) {
  test(`the 12-idea rådrum at ${size}: all 12 shown`, () => {
    const r = render('radrum-12.json', size, ['--join-url', JOIN]);
    checkLayout(r);
    checkIdeas(r, { allFit: true });
    checkNotesDrawn(r, checkQrPixels(r));
  });
}

// 40 ideas do not fit one 16:9 screen even at the readable minimum (18 px at 720, 27 at 1080):
// the smallest notes of this rådrum (about 50 characters, most with an author) hold about 17
// a page. The join card goes small to give the notes room, then the notes go on pages:
// "Page 1 of 3" and a dot a page, keys [ and ] turn them.
for (const size of ['1280x720', '1920x1080']) {
  test(`the 40-idea rådrum at ${size}: the smallest notes on pages, every idea on one`, () => {
    const r = render('radrum-40.json', size, ['--join-url', JOIN]);
    checkLayout(r);
    checkIdeas(r);
    const L = r.layout;
    assert.ok(L.pager, 'no page indicator');
    assert.equal(L.pager.page, 1);
    assert.ok(L.notes.length >= 15, `only ${L.notes.length} ideas on the first page`);
    assert.equal(L.step, L.steps - 1, 'the smallest notes');
    assert.equal(L.note_px, Math.round(r.h * 0.025));
    assert.equal(L.card, 'small', 'a crowded board: the join card small');
    assert.ok(L.columns > 4, `${L.columns} columns: no more than at full size`);
    checkNotesDrawn(r, checkQrPixels(r));
  });
}

test('the 40-idea rådrum at 800x600: the smallest notes on pages', () => {
  const r = render('radrum-40.json', '800x600', ['--join-url', JOIN]);
  checkLayout(r);
  checkIdeas(r);
  assert.ok(r.layout.pager, 'pages');
  assert.ok(r.layout.notes.length >= 10, `only ${r.layout.notes.length} ideas shown`);
  checkNotesDrawn(r, checkQrPixels(r));
});

// 100 ideas (30 phones): the same first ideas as the 40-idea rådrum, so the same first pages
// (a page is full before the next starts: more ideas only add pages), and the last page.
for (const size of ['1280x720', '1920x1080']) {
  test(`the 100-idea rådrum at ${size}: pages, the first ones as with 40 ideas`, () => {
    const r = render('radrum-100.json', size, ['--join-url', JOIN]);
    checkLayout(r);
    checkIdeas(r);
    const L = r.layout, r40 = render('radrum-40.json', size, ['--join-url', JOIN]).layout;
    assert.equal(L.ideas, 100);
    assert.equal(L.step, L.steps - 1);
    assert.deepEqual(L.notes, r40.notes, 'the first page laid out as with 40');
    assert.deepEqual(L.pager.ideas[1], r40.pager.ideas[1], 'the second page holds the same ideas');
    const p2 = render('radrum-100.json', size, ['--join-url', JOIN], { MEDSKAPA_BOARD_PAGE: '2' });
    const p2_40 = render('radrum-40.json', size, ['--join-url', JOIN], { MEDSKAPA_BOARD_PAGE: '2' });
    checkLayout(p2);
    checkIdeas(p2);
    assert.equal(p2.layout.pager.page, 2);
    assert.deepEqual(p2.layout.notes, p2_40.layout.notes, 'page 2 laid out as with 40');
    const last = render('radrum-100.json', size, ['--join-url', JOIN], { MEDSKAPA_BOARD_PAGE: '99' });
    checkLayout(last);
    checkIdeas(last);
    assert.equal(last.layout.pager.page, last.layout.pager.pages, 'page 99 shows the last page');
    checkNotesDrawn(r, checkQrPixels(r));
  });
}

test('a few ideas all fit, at full size', () => {
  const r = render('long-texts.json', '1920x1080', ['--join-url', JOIN]);
  checkLayout(r);
  checkIdeas(r, { allFit: true });
  assert.equal(r.layout.step, 0, 'notes shrunk though they fit at full size');
  assert.equal(r.layout.note_px, 37);
});

test('long texts stay inside their notes at 1280x720 and 800x600', () => {
  for (const size of ['1280x720', '800x600']) {
    const r = render('long-texts.json', size, ['--join-url', JOIN]);
    checkLayout(r);
    checkIdeas(r);
    for (const n of r.layout.notes) assert.ok(inside(n, r.layout.notes_area), 'note outside notes area');
  }
});

test('no ideas yet: the join card goes big, nothing else in the notes area', () => {
  const r = render('empty.json', '1280x720', ['--join-url', JOIN]);
  checkLayout(r);
  checkIdeas(r);
  assert.equal(r.layout.notes.length, 0);
  assert.ok(r.layout.qr.w >= r.h / 3, `QR ${fmt(r.layout.qr)} should be big while people join`);
  checkQrPixels(r);
});

test('the join address the host finds itself (no --join-url) also gets a QR code', () => {
  const r = render('radrum-12.json', '1280x720');
  checkLayout(r);
  checkQrPixels(r);
});

test('the same session renders the same pixels', () => {
  const a = render('radrum-12.json', '1280x720', ['--join-url', JOIN]).png;
  const b = render('radrum-12.json', '1280x720', ['--join-url', JOIN]).png;
  assert.ok(a.equals(b), 'two renders of one session differ');
});

// ---- a whole meeting (session format v2): groups, silent ideas, votes, polls, the timer ----
// The fixtures are one rådrum saved in several states (written with session_apply and
// store_to_json): ideas grouped with categories, one idea hidden and one merged as a
// duplicate; a silent round; a dot vote open and revealed (with ties); a scale poll revealed;
// a single-choice poll open.

const current = (fx) => fx.activities.find((a) => a.id === fx.current_activity);

// The ideas of activity id that the room may see: not hidden, not merged, not silent before
// reveal (the board is no one's phone).
function visibleIdeas(fx, id) {
  const a = fx.activities.find((x) => x.id === id);
  if (a.silent && a.phase !== 'revealed') return [];
  return fx.ideas.filter((i) => i.activity === id && !i.hidden && !i.merged_into);
}

// Everything a v2 layout must satisfy: shown notes inside the notes area and their group,
// nothing overlapping (notes, group areas, the tile), the title row, badge and timer in the
// header, the QR code crisp.
function checkMeetingLayout(r) {
  const L = r.layout, win = { x: 0, y: 0, w: r.w, h: r.h };
  assert.deepEqual(pngSize(r.png), { w: r.w, h: r.h });
  const notes = L.notes, groups = L.groups || [];
  notes.forEach((n, i) => {
    assert.ok(inside(n, L.notes_area), `note ${n.idea} ${fmt(n)} outside the notes area ${fmt(L.notes_area)}`);
    assert.ok(inside(n.text, n), `note ${n.idea}: text outside its note`);
    if (n.author) assert.ok(inside(n.author, n) && !overlap(n.author, n.text), `note ${n.idea}: author line`);
    if (n.category) assert.ok(inside(n.category, n) && !overlap(n.category, n.text), `note ${n.idea}: category label`);
    for (let j = 0; j < i; j++) assert.ok(!overlap(n, notes[j]), `notes ${notes[j].idea} and ${n.idea} overlap`);
    if (L.more) assert.ok(!overlap(n, L.more), `note ${n.idea} on the "+N more" tile`);
    if (n.group) {
      const g = groups.find((x) => x.group === n.group);
      assert.ok(g, `note ${n.idea} in group ${n.group}, which is not on the board`);
      assert.ok(inside(n, g) && !overlap(n, g.heading), `note ${n.idea} ${fmt(n)} not inside its group ${fmt(g)}`);
    } else {
      for (const g of groups) assert.ok(!overlap(n, g), `ungrouped note ${n.idea} on group "${g.name}"`);
    }
  });
  groups.forEach((g, i) => {
    assert.ok(inside(g, L.notes_area), `group "${g.name}" ${fmt(g)} outside the notes area`);
    assert.ok(inside(g.heading, g), `group "${g.name}": heading outside its area`);
    for (let j = 0; j < i; j++) assert.ok(!overlap(g, groups[j]), `groups "${groups[j].name}" and "${g.name}" overlap`);
    if (L.more) assert.ok(!overlap(g, L.more), `group "${g.name}" on the "+N more" tile`);
    if (g.more) assert.ok(inside(g.more, g), `group "${g.name}": its "+N more" outside it`);
  });
  for (const part of ['title', 'question']) assert.ok(inside(L[part], L.header), `${part} outside the header`);
  for (const part of ['agenda', 'badge', 'timer']) {
    if (!L[part]) continue;
    assert.ok(inside(L[part], L.header), `${part} ${fmt(L[part])} outside the header ${fmt(L.header)}`);
    assert.ok(!overlap(L[part], L.question), `${part} on the question`);
    if (L.qr) assert.ok(!overlap(L[part], L.qr), `${part} on the QR code`);
  }
  for (const [a, b] of [['title', 'agenda'], ['agenda', 'badge'], ['title', 'badge'], ['title', 'timer'], ['badge', 'timer']])
    if (L[a] && L[b]) assert.ok(!overlap(L[a], L[b]), `${a} and ${b} overlap`);
  if (L.banner) assert.ok(inside(L.banner, win) && !overlap(L.banner, L.notes_area) && !overlap(L.banner, L.header));
  if (L.notice) assert.ok(inside(L.notice, win) && !overlap(L.notice, L.notes_area));
  if (L.chart) {
    L.chart.rows.forEach((row, i) => {
      assert.ok(inside(row, L.notes_area), `chart row ${i} ${fmt(row)} outside the notes area`);
      for (const cell of ['text', 'bar', 'count_cell', 'rank_cell']) if (row[cell] && row[cell].w) assert.ok(inside(row[cell], row), `row ${i}: ${cell} outside it`);
      for (let j = 0; j < i; j++) assert.ok(!overlap(row, L.chart.rows[j]), `chart rows ${j} and ${i} overlap`);
    });
  }
  const fx = r.fixture, a = current(fx);
  assert.equal(L.activity.id, a.id);
  assert.equal(L.activity.phase, a.phase);
  const idx = fx.activities.indexOf(a) + 1;
  // the title isolated (FSI ... PDI): it cannot reorder the position before it
  assert.equal(L.activity.agenda, `${idx} / ${fx.activities.length} · \u2068${a.title}\u2069`);
  assert.equal(L.badge.label, { prepared: 'Prepared', open: 'Open', locked: 'Locked', revealed: 'Revealed' }[a.phase]);
  checkQrPixels(r);
}

for (const size of ['1280x720', '1920x1080']) {
  test(`grouped ideas at ${size}: in their groups, categories labelled, hidden and merged ones absent`, () => {
    const r = render('meeting-grouped.json', size, ['--join-url', JOIN]);
    checkMeetingLayout(r);
    const L = r.layout, fx = r.fixture;
    assert.equal(L.mode, 'notes');
    const visible = visibleIdeas(fx, 1);
    const hidden = fx.ideas.filter((i) => i.activity === 1 && (i.hidden || i.merged_into));
    assert.equal(hidden.length, 2, 'the fixture has a hidden idea and a merged duplicate');
    const shown = L.notes.map((n) => n.idea);
    for (const h of hidden) assert.ok(!shown.includes(h.id), `idea ${h.id} "${h.text}" is on the board`);
    assert.deepEqual([...shown].sort((x, y) => x - y), visible.map((i) => i.id), 'every visible idea has its note');
    assert.ok(!L.more, '"+N more" though all fit');
    // groups: in the order made, each with exactly its visible ideas, in the order posted
    assert.deepEqual(L.groups.map((g) => g.name), fx.groups.filter((g) => !g.removed).map((g) => g.name));
    for (const g of L.groups) {
      const want = visible.filter((i) => i.group === g.group).map((i) => i.id);
      assert.deepEqual(g.ideas, want, `group "${g.name}"`);
      assert.equal(g.n, want.length);
    }
    for (const n of L.notes) assert.equal(n.group || 0, visible.find((i) => i.id === n.idea).group || 0);
    // categories: the label on every note that has one, one colour per category
    const colours = new Map();
    for (const n of L.notes) {
      const idea = visible.find((i) => i.id === n.idea);
      if (idea.category === undefined) { assert.ok(!n.category, `note ${n.idea} has no category`); continue; }
      assert.ok(n.category, `note ${n.idea} lacks its category label`);
      assert.equal(n.category.index, idea.category);
      if (colours.has(idea.category)) assert.equal(colours.get(idea.category), n.category.colour);
      colours.set(idea.category, n.category.colour);
    }
    assert.equal(new Set(colours.values()).size, colours.size, 'two categories share a colour');
    // drawn: each note's soft colour where the layout says, the group areas tinted around them
    const img = decodePng(r.png), bg = img.px(2, r.h - 2);
    for (const n of L.notes) {
      const c = img.px(n.x + 3, n.y + Math.floor(n.h / 2));
      assert.ok(Math.min(...c) > 150 && c.join() !== bg.join(), `note ${n.idea} not drawn (${c})`);
    }
    for (const g of L.groups) assert.notDeepEqual(img.px(g.x + 2, g.y + Math.floor(g.h / 2)), bg, `group "${g.name}" not drawn`);
  });
}

test('a silent round before reveal: only how many, none of the ideas; after reveal, all of them', () => {
  const r = render('meeting-silent.json', '1280x720', ['--join-url', JOIN]);
  checkMeetingLayout(r);
  const L = r.layout, fx = r.fixture;
  const written = fx.ideas.filter((i) => i.activity === 2 && !i.hidden && !i.merged_into);
  assert.equal(written.length, 14);
  assert.equal(L.mode, 'silent');
  assert.equal(L.silent.count, 14);
  assert.equal(L.notes.length, 0, 'silent ideas on the board before reveal');
  assert.ok(inside(L.silent, L.notes_area));
  // the same session revealed: every idea but the hidden one
  const dir = fs.mkdtempSync(path.join(OUT, 'silent-'));
  fx.activities[1].phase = 'revealed';
  fs.writeFileSync(path.join(dir, 'revealed.json'), JSON.stringify(fx));
  const r2 = renderFile(path.join(dir, 'revealed.json'), '1280x720', ['--join-url', JOIN]);
  assert.equal(r2.layout.mode, 'notes');
  assert.deepEqual(r2.layout.notes.map((n) => n.idea).sort((x, y) => x - y), written.map((i) => i.id));
});

test('a paused timer shows what is left, mm:ss, big enough for the back of the room', () => {
  const r = render('meeting-silent.json', '1920x1080', ['--join-url', JOIN]);
  const T = r.layout.timer, t = current(r.fixture).timer;
  assert.ok(T, 'no timer on the board');
  assert.equal(T.state, 'paused');
  const secs = Math.ceil(t.left_ms / 1000);
  assert.equal(T.text, `${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`);
  assert.ok(T.px >= r.h * 0.09, `timer digits ${T.px} px high at ${r.h}: too small for the back of the room`);
});

test('a running timer counts down from the board\'s clock', () => {
  const fx = JSON.parse(fs.readFileSync(path.join(FIX, 'meeting-timer.json'), 'utf8'));
  const a = current(fx);
  assert.equal(a.timer.running, true);
  a.timer.ends = new Date(Date.now() + 150000).toISOString();   // 2:30 from now
  const dir = fs.mkdtempSync(path.join(OUT, 'timer-'));
  fs.writeFileSync(path.join(dir, 'timer.json'), JSON.stringify(fx));
  const r = renderFile(path.join(dir, 'timer.json'), '1280x720', ['--join-url', JOIN]);
  checkMeetingLayout(r);
  const T = r.layout.timer;
  assert.equal(T.state, 'running');
  assert.match(T.text, /^02:(2\d|30)$/, `timer shows ${T.text}, expected about 02:30`);
  assert.ok(T.left_ms > 120000 && T.left_ms <= 150000);
});

// Dots of a vote per item, from the fixture.
function dotsPerItem(fx, vote) {
  const m = new Map();
  for (const v of fx.votes.filter((x) => x.activity === vote)) m.set(v.item, (m.get(v.item) || 0) + v.dots);
  return m;
}

test('a vote in progress with hidden results: the items and how many have voted, no counts', () => {
  const r = render('meeting-vote-open.json', '1280x720', ['--join-url', JOIN]);
  checkMeetingLayout(r);
  const L = r.layout, fx = r.fixture, a = current(fx);
  assert.equal(a.live, false);
  const voters = new Set(fx.votes.filter((v) => v.activity === a.id).map((v) => v.participant)).size;
  assert.equal(voters, 10);
  assert.ok(L.banner && L.banner.text.startsWith(`${voters} people have voted`), `banner: ${L.banner && L.banner.text}`);
  assert.match(L.banner.text, /5 dots each/);
  // every item there is to vote on, as notes or (when notes would not all fit) as a list
  const items = visibleIdeas(fx, a.source).map((i) => i.id);
  const shown = L.mode === 'chart' ? L.chart.rows.map((x) => x.item) : L.notes.map((n) => n.idea);
  assert.deepEqual([...shown].sort((x, y) => x - y), items, 'the items of the vote');
  if (L.chart) {
    assert.equal(L.chart.bars, false, 'bars while results are hidden');
    for (const row of L.chart.rows) assert.ok(row.count === undefined && !row.bar, 'a count while results are hidden');
    assert.ok(L.chart.px >= Math.round(r.h * 0.025), `list text ${L.chart.px} px`);
  }
  const raw = fs.readFileSync(r.pngPath);
  assert.ok(raw.length > 0);
});

test('revealed results: ranked by dots, ties share a rank, zero-dot items counted not listed', () => {
  for (const size of ['1280x720', '1920x1080']) {
    const r = render('meeting-vote-revealed.json', size, ['--join-url', JOIN]);
    checkMeetingLayout(r);
    const L = r.layout, fx = r.fixture, a = current(fx);
    assert.equal(L.mode, 'chart');
    assert.equal(L.chart.bars, true);
    const dots = dotsPerItem(fx, a.id);
    const items = visibleIdeas(fx, a.source).map((i) => i.id);
    const withDots = items.filter((id) => dots.get(id)).sort((x, y) => dots.get(y) - dots.get(x) || x - y);
    assert.deepEqual(L.chart.rows.map((x) => x.item), withDots, 'rows in order of dots');
    assert.equal(L.chart.undotted, items.length - withDots.length);
    assert.match(L.banner.text, new RegExp(`${items.length - withDots.length} ideas without dots`));
    // standard competition ranking: 1, 2, 2, 4, ...
    const counts = withDots.map((id) => dots.get(id));
    L.chart.rows.forEach((row, i) => {
      const rank = counts.indexOf(counts[i]) + 1;
      assert.equal(row.count, counts[i], `row ${i} count`);
      assert.equal(row.rank, rank, `row ${i} (${counts[i]} dots) rank`);
      assert.equal(row.rank_label, String(rank), `row ${i} shows its rank`);
      assert.equal(row.tie, counts.filter((c) => c === counts[i]).length > 1, `row ${i} tie`);
      assert.equal(row.count_label, String(counts[i]));
      if (i > 0) assert.ok(row.bar.w <= L.chart.rows[i - 1].bar.w, 'a longer bar for fewer dots');
      if (i > 0 && counts[i] === counts[i - 1]) assert.equal(row.bar.w, L.chart.rows[i - 1].bar.w, 'a tie with unequal bars');
    });
    assert.ok(L.chart.rows.filter((x) => x.tie).length >= 2, 'the fixture has a tie');
    assert.ok(L.chart.px >= Math.round(r.h * 0.025), `chart text ${L.chart.px} px at ${r.h}`);
    // the top bar is drawn in the accent colour where the layout says
    const img = decodePng(r.png), top = L.chart.rows[0].bar;
    assert.deepEqual(img.px(top.x + Math.floor(top.w / 2), top.y + Math.floor(top.h / 2)), [0x1d, 0x6a, 0x72]);
  }
});

test('a scale poll revealed: five bars in order 1 to 5, counts and shares', () => {
  const r = render('meeting-poll.json', '1280x720', ['--join-url', JOIN]);
  checkMeetingLayout(r);
  const L = r.layout, fx = r.fixture, a = current(fx);
  const answers = fx.answers.filter((x) => x.activity === a.id);
  assert.deepEqual(L.chart.rows.map((x) => x.item), [1, 2, 3, 4, 5]);
  for (const row of L.chart.rows) {
    const n = answers.filter((x) => x.value === row.item).length;
    assert.equal(row.count, n);
    assert.equal(row.count_label, `${n} · ${Math.round((n * 100) / answers.length)}%`);
    assert.equal(row.rank_label, String(row.item));
  }
  assert.equal(L.banner.text, `${answers.length} answers`);
});

test('a single-choice poll open: the choices, how many answered, no counts', () => {
  const r = render('meeting-poll-open.json', '1280x720', ['--join-url', JOIN]);
  checkMeetingLayout(r);
  const L = r.layout, a = current(r.fixture);
  assert.equal(L.chart.bars, false);
  assert.deepEqual(L.chart.rows.map((x) => x.item), a.choices.map((_, i) => i));
  for (const row of L.chart.rows) assert.equal(row.count, undefined);
  const n = r.fixture.answers.filter((x) => x.activity === a.id).length;
  assert.equal(L.banner.text, `${n} answers · choose one on your phone`);
});

for (const size of ['1280x720', '1920x1080']) {
  test(`100 ideas in six groups at ${size}: every group on the board, footers and the tile count the rest`, () => {
    const r = render('radrum-100-grouped.json', size, ['--join-url', JOIN]);
    checkMeetingLayout(r);
    const L = r.layout, fx = r.fixture;
    assert.equal(L.groups.length, fx.groups.length, 'a group left off the board');
    const per = L.groups[0].ideas.length;
    assert.ok(per >= 1);
    let hidden = 0;
    for (const g of L.groups) {
      const all = fx.ideas.filter((i) => i.group === g.group).map((i) => i.id);
      assert.equal(g.n, all.length);
      assert.equal(g.ideas.length, Math.min(per, all.length), `group "${g.name}" shows another number of notes`);
      assert.deepEqual(g.ideas, all.slice(0, g.ideas.length), `group "${g.name}" shows its first ideas`);
      if (g.ideas.length < all.length) assert.equal(g.more.n, all.length - g.ideas.length);
      hidden += all.length - g.ideas.length;
    }
    // The notes not on the first page are on the next ones, each once.
    assert.ok(!L.more, 'pages, no "+N more" tile');
    assert.ok(L.pager && L.pager.pages >= 2, 'pages');
    const all = L.pager.ideas.flat();
    assert.equal(all.length, 100);
    assert.equal(new Set(all).size, 100, 'an idea on two pages');
    assert.deepEqual(L.pager.ideas[0].slice().sort((a, b) => a - b), L.notes.map((n) => n.idea).sort((a, b) => a - b));
    assert.ok(hidden + fx.ideas.filter((i) => !i.group).length - L.notes.filter((n) => !n.group).length > 0);
    assert.equal(L.note_px, Math.round(r.h * 0.025), 'the smallest notes');
    const p2 = render('radrum-100-grouped.json', size, ['--join-url', JOIN], { MEDSKAPA_BOARD_PAGE: '2' });
    checkLayout(p2);
    assert.deepEqual(p2.layout.groups, [], 'groups are on the first page');
    assert.deepEqual(p2.layout.notes.map((n) => n.idea), p2.layout.pager.ideas[1]);
  });
}

test('the board speaks the session language: Swedish labels for a Swedish session', () => {
  const file = path.join(ROOT, 'tests/board/fixtures/meeting-vote-revealed.json');
  const json = path.join(OUT, 'board-swedish.json');
  const png = path.join(OUT, 'board-swedish.png');
  const env = { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy' };
  const r = spawnSync(BIN, ['--session', file, '--screenshot', png, '--layout-json', json], { cwd: ROOT, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const L = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).lang, 'sv');
  assert.equal(L.badge.label, 'Visas', 'the phase badge in Swedish');
});

// Issue 16: the board takes any of the seven languages with --lang, its words from the catalogue
// (assets/i18n), counts in the language's plural form; an unknown language is refused.
test('the board speaks Arabic with --lang ar, and refuses a language it has no words for', () => {
  const file = path.join(ROOT, 'tests/board/fixtures/meeting-vote-revealed.json');
  const json = path.join(OUT, 'board-arabic.json');
  const png = path.join(OUT, 'board-arabic.png');
  const env = { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy' };
  const r = spawnSync(BIN, ['--session', file, '--screenshot', png, '--layout-json', json, '--lang', 'ar'],
    { cwd: ROOT, encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const L = JSON.parse(fs.readFileSync(json, 'utf8'));
  const ar = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/i18n/ar.json'), 'utf8'));
  assert.equal(L.badge.label, ar.phase_revealed, 'the phase badge in Arabic');
  const bad = spawnSync(BIN, ['--session', file, '--screenshot', png, '--lang', 'de'], { cwd: ROOT, encoding: 'utf8', env });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--lang är ett av sv, en, ar, fa, ti, so, uk, inte "de"/);
});

// Issue 5: both themes at the smallest and the largest screen, from an empty board to 500
// ideas (generated here from the 100-idea rådrum into tests/out/), grouped, a vote in progress
// and its results. The high-contrast theme draws black text; every layout rule holds.
function fixture500() {
  const fx = JSON.parse(fs.readFileSync(path.join(FIX, 'radrum-100.json'), 'utf8'));
  const base = fx.ideas.slice();
  let id = Math.max(...base.map((i) => i.id));
  for (let k = 0; fx.ideas.length < 500; k++) fx.ideas.push({ ...base[k % base.length], id: ++id });
  const file = path.join(OUT, 'radrum-500.json');
  fs.writeFileSync(file, JSON.stringify(fx));
  return file;
}

for (const size of ['1280x720', '3840x2160']) {
  test(`high contrast and default at ${size}: empty, 12, 100 and 500 ideas, grouped, a vote, results`, () => {
    const f500 = fixture500();
    for (const theme of ['high-contrast', 'default']) {
      const env = { MEDSKAPA_BOARD_THEME: theme };
      const runs = [['empty.json', false], ['radrum-12.json', true], ['radrum-100.json', true], [f500, true],
        ['meeting-grouped.json', false], ['meeting-vote-open.json', false], ['meeting-vote-revealed.json', false]];
      for (const [fx, ideas] of runs) {
        if (theme === 'default' && size === '1280x720' && fx !== f500) continue;  /* the tests above */
        const r = fx.startsWith('/') ? renderFile(fx, size, ['--join-url', JOIN], env)
          : render(fx, size, ['--join-url', JOIN], env);
        assert.equal(r.layout.theme, theme);
        checkLayout(r);
        if (ideas) checkIdeas(r);
        if (fx === f500) {
          assert.equal(r.layout.ideas, 500);
          assert.ok(r.layout.pager.pages >= 10, `${r.layout.pager.pages} pages for 500 ideas`);
        }
        if (theme === 'high-contrast' && r.layout.notes.length) {
          // the text of the first note is black on its light colour
          const img = decodePng(r.png), n = r.layout.notes[0];
          let dark = 0;
          for (let y = n.text.y; y < n.text.y + n.text.h; y += 2)
            for (let x = n.text.x; x < n.text.x + n.text.w; x += 2) {
              const [R, G, B] = img.px(x, y);
              if (R + G + B < 60) dark++;
            }
          assert.ok(dark > 20, `no black text in note ${n.idea} (${dark})`);
        }
      }
    }
  });
}
