// Board tests of issue 18, "every voice in the room": the real binary renders sessions offscreen
// (--screenshot, --layout-json) and the tests read what the board reports and the pixels it drew.
//  - a note with an interpreter's rendering shows the original first and the rendering in the
//    meeting's language under it (a rule, a language tag, another ink), each paragraph aligned by
//    its own direction (Tigrinya above Swedish, Arabic above Swedish), the original never cut for it;
//  - photo ideas are notes with their photo (the real JPEG and PNG files of the fixture, scaled
//    with their aspect), in groups, in a vote and its ranking; a missing or broken file is a
//    placeholder; a hidden photo is not drawn;
//  - pictograms of categories on the notes' labels, in a vote's ranking and beside poll choices,
//    in colour (Noto Color Emoji), and emoji inside an idea's text;
//  - the signals counter in the title row while signals come in, gone two minutes after the newest.
// The fixtures are written by make-voices-fixtures.py. Screenshots: tests/out/board-voices-*.png.
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

// Run the binary on a session file; returns { png, img, layout, fixture, w, h, pngPath }. The
// screenshot is tests/out/board-<name>-<size>.png.
function renderFile(file, size = '1280x720', name = path.basename(file, '.json'), extra = []) {
  const png = path.join(OUT, `board-${name}-${size}.png`);
  const json = path.join(OUT, `board-${name}-${size}.json`);
  fs.rmSync(png, { force: true });
  fs.rmSync(json, { force: true });
  const args = ['--session', file, '--screenshot', png, '--layout-json', json, '--lang', 'en', '--join-url', JOIN,
    '--size', size, ...extra];
  const r = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy' } });
  assert.equal(r.status, 0, `medskapa ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  const [w, h] = size.split('x').map(Number);
  const buf = fs.readFileSync(png);
  return { png: buf, img: decodePng(buf), layout: JSON.parse(fs.readFileSync(json, 'utf8')),
    fixture: JSON.parse(fs.readFileSync(file, 'utf8')), w, h, pngPath: png, stderr: r.stderr };
}

const render = (fixture, size, extra) => renderFile(path.join(FIX, fixture), size, undefined, extra);

// A fixture changed by change(session) as tests/out/voices/<name>.json (its photos beside it).
function variant(fixture, name, change) {
  const dir = path.join(OUT, 'voices');
  fs.mkdirSync(dir, { recursive: true });
  const s = JSON.parse(fs.readFileSync(path.join(FIX, fixture), 'utf8'));
  change(s);
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(s, null, '\t'));
  const photos = path.join(FIX, fixture.replace(/\.json$/, '-photos'));
  if (fs.existsSync(photos)) {
    const to = path.join(dir, `${name}-photos`);
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(photos, to, { recursive: true });
  }
  return file;
}

// Decode an 8-bit RGB or RGBA, non-interlaced PNG into { w, h, px(x, y) -> [r, g, b] }.
function decodePng(buf) {
  const w = buf.readUInt32BE(16), h = buf.readUInt32BE(20), type = buf[25];
  assert.equal(buf[24], 8, 'bit depth');
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
const fmt = (r) => `(${r.x},${r.y} ${r.w}x${r.h})`;
const hex = (s) => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
const near = (c, want, tol = 40) => c.every((v, i) => Math.abs(v - want[i]) <= tol);
const note = (L, id) => L.notes.find((n) => n.idea === id);
const nbsp = (s) => s.replace(/\u00a0/g, ' ');

// The ink of a text rect: where its pixels are, and their darkest colour. A pixel is ink when
// it differs from the note's colour (taken at the note's left edge) by more than tol.
function ink(img, r, bg, tol = 90) {
  let minX = Infinity, maxX = -Infinity, n = 0, darkest = null, dsum = Infinity;
  for (let y = r.y; y < r.y + r.h; y++)
    for (let x = r.x; x < r.x + r.w; x++) {
      const c = img.px(x, y);
      const d = Math.abs(c[0] - bg[0]) + Math.abs(c[1] - bg[1]) + Math.abs(c[2] - bg[2]);
      if (d <= tol) continue;
      n++;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      const s = c[0] + c[1] + c[2];
      if (s < dsum) { dsum = s; darkest = c; }
    }
  return { n, minX, maxX, darkest };
}

// Clearly coloured pixels in r (a channel far from the others): photos.
function colourful(img, r) {
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++)
    for (let x = r.x; x < r.x + r.w; x++) {
      const c = img.px(x, y);
      if (Math.max(...c) - Math.min(...c) > 70) n++;
    }
  return n;
}

// Distance of colour c from the segment a..b in RGB (the blends of a and b lie on it).
function segDist(c, a, b) {
  const ab = [0, 1, 2].map((i) => b[i] - a[i]), ac = [0, 1, 2].map((i) => c[i] - a[i]);
  const l2 = ab.reduce((s, v) => s + v * v, 0);
  const t = l2 ? Math.max(0, Math.min(1, ab.reduce((s, v, i) => s + v * ac[i], 0) / l2)) : 0;
  return Math.hypot(...[0, 1, 2].map((i) => a[i] + t * ab[i] - c[i]));
}

// Pixels in r of a colour that is no blend of the given ones (a label's fill, its ink, the
// note under it: antialiased text and edges are such blends): a pictogram's own colours.
function foreign(img, r, cols, tol = 35) {
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++)
    for (let x = r.x; x < r.x + r.w; x++) {
      const c = img.px(x, y);
      let d = Infinity;
      for (let i = 0; i < cols.length; i++)
        for (let j = i; j < cols.length; j++) d = Math.min(d, segDist(c, cols[i], cols[j]));
      if (d > tol) n++;
    }
  return n;
}
const INK = [0x1F, 0x29, 0x33], BLACK = [17, 17, 17], WHITE_ = [255, 255, 255];

// Nothing overlaps and everything is inside its note: the board's usual promises.
function checkNotes(r) {
  const L = r.layout, win = { x: 0, y: 0, w: r.w, h: r.h };
  L.notes.forEach((n, i) => {
    assert.ok(inside(n, win), `note ${n.idea} ${fmt(n)} outside the window`);
    for (const part of ['text', 'photo', 'rendering', 'author'])
      if (n[part]) assert.ok(inside(n[part], n), `note ${n.idea}: ${part} ${fmt(n[part])} outside the note ${fmt(n)}`);
    const parts = ['photo', 'text', 'rendering', 'author'].filter((p) => n[p] && n[p].h > 0);
    for (let a = 0; a < parts.length; a++)
      for (let b = a + 1; b < parts.length; b++) {
        assert.ok(!overlap(n[parts[a]], n[parts[b]]), `note ${n.idea}: ${parts[a]} on ${parts[b]}`);
        assert.ok(n[parts[a]].y < n[parts[b]].y, `note ${n.idea}: ${parts[a]} not above ${parts[b]}`);
      }
    assert.ok(!overlap(n, L.header), `note ${n.idea} on the header`);
    for (let j = 0; j < i; j++) assert.ok(!overlap(n, L.notes[j]), `notes ${L.notes[j].idea} and ${n.idea} overlap`);
  });
}

// ---- renderings -----------------------------------------------------------------------------

for (const size of ['1280x720', '1920x1080']) {
  test(`renderings at ${size}: the original first, the Swedish rendering under it, each by its own direction`, () => {
    const r = render('voices-renderings.json', size);
    const L = r.layout, img = r.img;
    checkNotes(r);
    const ideas = new Map(r.fixture.ideas.map((i) => [i.id, i]));
    const rend = new Map(r.fixture.renderings.filter((x) => x.lang === 'sv').map((x) => [x.idea, x]));
    assert.equal(L.notes.length, ideas.size, 'every idea has its note');
    for (const n of L.notes) {
      assert.equal(n.original, ideas.get(n.idea).text, `note ${n.idea}: the original as written`);
      const want = rend.get(n.idea);
      if (!want) {
        assert.ok(!n.rendering, `note ${n.idea} has no Swedish rendering, yet shows one`);
        continue;
      }
      assert.ok(n.rendering, `note ${n.idea}: its Swedish rendering is not shown`);
      assert.equal(n.rendering.lang, 'sv');
      assert.equal(n.rendering.text, want.text);
      assert.ok(n.rendering.y >= n.text.y + n.text.h, `note ${n.idea}: the rendering ${fmt(n.rendering)} is not under the original ${fmt(n.text)}`);
      assert.ok(n.text.h > 0 && n.rendering.h > 0);
      // drawn: the original in the note's ink, the rendering in its own (blue) ink
      const bg = img.px(n.x + 2, n.y + Math.floor(n.h / 2));
      const o = ink(img, n.text, bg), t = ink(img, n.rendering, bg);
      assert.ok(o.n > 50 && t.n > 50, `note ${n.idea}: original ${o.n}, rendering ${t.n} ink pixels`);
      assert.ok(near(t.darkest, hex(n.rendering.ink), 60), `note ${n.idea}: rendering ink ${t.darkest}, want ${n.rendering.ink}`);
      assert.ok(t.darkest[2] - t.darkest[0] > 40, `note ${n.idea}: the rendering's ink ${t.darkest} is not the blue one`);
      assert.ok(Math.abs(o.darkest[2] - o.darkest[0]) < 40, `note ${n.idea}: the original's ink ${o.darkest} is not the note's`);
      // between them a rule (and the tag): a row of ink across most of the text's width
      let rule = 0;
      for (let y = n.text.y + n.text.h; y < n.rendering.y; y++) {
        const row = ink(img, { x: n.text.x, y, w: n.text.w, h: 1 }, bg, 20);
        rule = Math.max(rule, row.n);
      }
      assert.ok(rule > n.text.w * 0.7, `note ${n.idea}: no rule between original and rendering (${rule} of ${n.text.w})`);
      // the Swedish rendering reads left to right: it starts at the left edge
      assert.equal(n.rendering.rtl, false);
      assert.ok(t.minX - n.rendering.x < 8, `note ${n.idea}: the rendering starts ${t.minX - n.rendering.x} px in`);
    }
    // Tigrinya (left to right) starts at the left; Arabic (right to left) ends at the right
    const ti = note(L, 1), ar = note(L, 2);
    const bgTi = img.px(ti.x + 2, ti.y + 4), bgAr = img.px(ar.x + 2, ar.y + 4);
    const oTi = ink(img, ti.text, bgTi), oAr = ink(img, ar.text, bgAr);
    assert.ok(oTi.minX - ti.text.x < 8, `Tigrinya starts ${oTi.minX - ti.text.x} px in`);
    assert.ok(ar.text.x + ar.text.w - 1 - oAr.maxX < 8, `Arabic ends ${ar.text.x + ar.text.w - 1 - oAr.maxX} px before the right`);
    const last = { x: ar.text.x, y: ar.text.y + Math.floor(ar.text.h / 2), w: ar.text.w, h: Math.ceil(ar.text.h / 2) };
    const oLast = ink(img, last, bgAr);
    assert.ok(oLast.n > 20 && oLast.minX - ar.text.x > 40, 'the short last Arabic line is not right-aligned');
    // the rendering in English (not the meeting's language) is not on the board
    assert.notEqual(ar.rendering.text, 'We need information about the clubs in Arabic');
  });
}

test('a meeting in English shows the English rendering, and none where there is none', () => {
  const file = variant('voices-renderings.json', 'voices-renderings-en', (s) => { s.lang = 'en'; });
  const r = renderFile(file);
  checkNotes(r);
  assert.equal(note(r.layout, 2).rendering.text, 'We need information about the clubs in Arabic');
  assert.equal(note(r.layout, 2).rendering.lang, 'en');
  assert.ok(!note(r.layout, 1).rendering, 'a Swedish rendering shown in an English meeting');
});

test('the original is never cut for its rendering: a long idea keeps every line it has without one', () => {
  const long = 'ናይ ቋንቋ ትምህርቲ ንወለዲ ምስ ሕጻናት ኣብ ሓደ ግዜ፡ ኣብ ቤት ንባብ ድሕሪ ስራሕ ሰዓት 18:30። ' +
    'ብዙሓት ወለዲ ስራሕ ስለ ዘለዎም ምሸት ይሓይሽ። ንቆልዑ ድማ ጸወታን ስእልን ይህሉ።';
  const sv = 'Språkkurs för föräldrar samtidigt som barnen har aktivitet, på biblioteket efter jobbet klockan 18.30. ' +
    'Många föräldrar arbetar, så kvällar är bäst. Barnen får leka och måla under tiden.';
  const withR = renderFile(variant('voices-renderings.json', 'voices-renderings-long', (s) => {
    s.ideas[0].text = long;
    s.renderings[0].text = sv;
  }));
  const without = renderFile(variant('voices-renderings.json', 'voices-renderings-long-alone', (s) => {
    s.ideas[0].text = long;
    s.renderings = s.renderings.filter((x) => x.idea !== 1);
  }));
  checkNotes(withR);
  const a = note(withR.layout, 1), b = note(without.layout, 1);
  assert.ok(a.rendering, 'the long rendering is shown too');
  assert.equal(withR.layout.note_px, without.layout.note_px, 'the same note size');
  assert.equal(a.text.h, b.text.h, `the original is ${a.text.h} px high with its rendering, ${b.text.h} without`);
  assert.ok(a.h > b.h, 'the note grows for its rendering');
});

// ---- photos ---------------------------------------------------------------------------------

const SKY = [110, 170, 230], GRASS = [60, 150, 70], PAPER = [252, 236, 140], WHITE = [245, 245, 240];
const MORE_BG = [0xE6, 0xE0, 0xD3];

function checkPhotos(r) {
  const L = r.layout, img = r.img;
  checkNotes(r);
  const ideas = new Map(r.fixture.ideas.map((i) => [i.id, i]));
  const shown = L.notes.map((n) => n.idea);
  assert.ok(!shown.includes(7), 'the hidden photo idea is on the board');
  for (const id of [1, 2, 3, 4, 5, 6]) assert.ok(shown.includes(id), `idea ${id} is not on the board`);
  for (const n of L.notes) {
    const idea = ideas.get(n.idea);
    if (!idea.photo) {
      assert.ok(!n.photo, `note ${n.idea} has no photo, yet shows one`);
      continue;
    }
    assert.ok(n.photo, `note ${n.idea}: its photo is not shown`);
    assert.equal(n.photo.file, idea.photo.file);
    assert.ok(n.photo.w > 40 && n.photo.h > 40, `note ${n.idea}: photo ${fmt(n.photo)} too small to see`);
    const want = idea.photo.width / idea.photo.height, got = n.photo.w / n.photo.h;
    assert.ok(Math.abs(got - want) / want < 0.03, `note ${n.idea}: photo ${n.photo.w}x${n.photo.h}, aspect ${got.toFixed(3)} not ${want.toFixed(3)}`);
    if (idea.text) assert.ok(n.text.y >= n.photo.y + n.photo.h, `note ${n.idea}: its text is not under its photo`);
  }
  // the real pictures, where the layout says
  const at = (n, fx, fy) => img.px(n.photo.x + Math.floor(n.photo.w * fx), n.photo.y + Math.floor(n.photo.h * fy));
  const house = note(L, 2), paper = note(L, 1), board = note(L, 4);
  assert.equal(house.photo.loaded, true);
  assert.ok(near(at(house, 0.1, 0.1), SKY), `the house's sky is ${at(house, 0.1, 0.1)}`);
  assert.ok(near(at(house, 0.1, 0.95), GRASS), `the house's grass is ${at(house, 0.1, 0.95)}`);
  assert.ok(near(at(paper, 0.5, 0.3), PAPER) || near(at(paper, 0.4, 0.25), PAPER), `the paper note is ${at(paper, 0.5, 0.3)}`);
  assert.ok(near(at(board, 0.03, 0.5), WHITE, 25), `the whiteboard is ${at(board, 0.03, 0.5)}`);
  // a missing file and a file that is no picture: a placeholder, and the host did not stop
  for (const id of [5, 6]) {
    const n = note(L, id);
    assert.equal(n.photo.loaded, false, `note ${id}: its photo cannot have loaded`);
    assert.ok(near(at(n, 0.05, 0.5), MORE_BG, 12), `note ${id}: the placeholder is ${at(n, 0.05, 0.5)}`);
    assert.ok(colourful(img, n.photo) < n.photo.w * n.photo.h * 0.01, `note ${id}: the placeholder is colourful`);
  }
}

for (const size of ['1280x720', '1920x1080']) {
  test(`photo ideas at ${size}: their photos scaled to the note with their aspect, in their groups`, () => {
    const r = render('voices-photos.json', size);
    checkPhotos(r);
    const L = r.layout;
    const g1 = L.groups.find((g) => g.group === 1), g2 = L.groups.find((g) => g.group === 2);
    assert.ok(g1 && g2, 'both groups shown');
    assert.deepEqual([...g1.ideas].sort(), [1, 2, 3]);
    for (const id of [1, 2, 3]) assert.ok(inside(note(L, id), g1), `note ${id} outside its group`);
    for (const id of [5, 6]) assert.ok(inside(note(L, id), g2), `note ${id} outside its group`);
    assert.ok(!note(L, 4).group, 'the ungrouped photo');
  });
}

test('without a photo folder every photo is a placeholder and the board still draws', () => {
  const dir = path.join(OUT, 'voices');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'voices-photos-nofolder.json');
  fs.copyFileSync(path.join(FIX, 'voices-photos.json'), file);
  fs.rmSync(path.join(dir, 'voices-photos-nofolder-photos'), { recursive: true, force: true });
  const r = renderFile(file);
  checkNotes(r);
  for (const n of r.layout.notes.filter((x) => x.photo)) assert.equal(n.photo.loaded, false);
});

test('photo ideas in a vote: notes with their photos while it is open, thumbnails in its ranking', () => {
  const open = renderFile(variant('voices-photos.json', 'voices-photos-vote', (s) => { s.current_activity = 2; }));
  assert.equal(open.layout.mode, 'notes');
  checkPhotos(open);
  const done = renderFile(variant('voices-photos.json', 'voices-photos-results', (s) => { s.current_activity = 3; }));
  const c = done.layout.chart;
  assert.ok(c && c.bars, 'the ranking');
  const top = c.rows[0];
  assert.equal(top.item, 2, 'the house photo has most dots');
  assert.ok(top.photo && top.photo.loaded, 'its thumbnail');
  assert.ok(inside(top.photo, top), 'the thumbnail inside its row');
  assert.ok(near(done.img.px(top.photo.x + 3, top.photo.y + 3), SKY), 'the thumbnail is the house photo');
  const text = c.rows.find((row) => row.item === 3);
  assert.ok(text && !text.photo, 'a row without a photo has no thumbnail');
});

// ---- pictograms -------------------------------------------------------------------------------

test('pictograms on the categories of the notes, and emoji in ideas, in colour', () => {
  const r = render('voices-pictos.json', '1280x720');
  checkNotes(r);
  const L = r.layout, img = r.img;
  const cats = r.fixture.activities[0].categories;
  for (const n of L.notes) {
    const idea = r.fixture.ideas.find((i) => i.id === n.idea);
    const picto = idea.category !== undefined ? cats[idea.category].picto : undefined;
    if (!picto) {
      assert.ok(!n.picto, `note ${n.idea} shows a pictogram it does not have`);
      continue;
    }
    assert.equal(n.picto, picto, `note ${n.idea}: the pictogram of its category`);
    const bg = img.px(n.x + 2, n.y + Math.floor(n.h / 2));
    const c = foreign(img, n.category, [hex(n.category.colour), BLACK, WHITE_, bg]);
    assert.ok(c > 20, `note ${n.idea}: its label ${fmt(n.category)} has ${c} pixels of other colours: no pictogram drawn`);
  }
  // "Övrigt" has no pictogram: its label is its colour and its word only
  const other = note(L, 6), obg = img.px(other.x + 2, other.y + Math.floor(other.h / 2));
  assert.equal(foreign(img, other.category, [hex(other.category.colour), BLACK, WHITE_, obg]), 0);
  // an emoji in the text of an idea (🌳) is drawn in colour too
  assert.ok(foreign(img, other.text, [obg, INK]) > 40, 'the tree in "Fler bänkar i parken 🌳" is not in colour');
  const first = note(L, 1);
  assert.equal(foreign(img, first.text, [img.px(first.x + 2, first.y + 4), INK]), 0, 'colour in a text without emoji');
});

test('pictograms beside the choices of a poll and the ideas of a ranking', () => {
  const poll = renderFile(variant('voices-pictos.json', 'voices-pictos-poll', (s) => { s.current_activity = 3; }));
  const rows = poll.layout.chart.rows;
  const choices = poll.fixture.activities[2].choices;
  assert.equal(rows.length, choices.length);
  rows.forEach((row, i) => {
    assert.equal(row.picto, choices[i].picto, `choice ${i}`);
    const start = { x: row.text.x, y: row.text.y, w: Math.floor(row.text.h * 1.5), h: row.text.h };
    const c = foreign(poll.img, start, [WHITE_, INK]);
    if (choices[i].picto) assert.ok(c > 30, `choice ${i} ("${choices[i].text}"): no pictogram at the start of its row (${c})`);
    else assert.equal(c, 0, `choice ${i} has colour without a pictogram`);
  });
  const open = renderFile(variant('voices-pictos.json', 'voices-pictos-choose', (s) => { s.current_activity = 4; }));
  assert.deepEqual(open.layout.chart.rows.map((x) => x.picto), ['🤝', 'ℹ️', '❓']);
  const vote = renderFile(variant('voices-pictos.json', 'voices-pictos-ranking', (s) => { s.current_activity = 2; }));
  const ideas = vote.fixture.ideas, cats = vote.fixture.activities[0].categories;
  for (const row of vote.layout.chart.rows) {
    const idea = ideas.find((i) => i.id === row.item);
    const want = idea.category !== undefined ? cats[idea.category].picto : undefined;
    assert.equal(row.picto, want, `ranked idea ${row.item}`);
  }
});

// ---- the signals counter ----------------------------------------------------------------------

function withSignals(name, ageMs) {
  return renderFile(variant('voices-signals.json', name, (s) => {
    s.signals.forEach((x, i) => { x.last = new Date(Date.now() - ageMs - i * 1000).toISOString(); });
  }));
}

test('the signals counter: in the title row while signals come in, summed over languages', () => {
  const r = withSignals('voices-signals-shown', 30000);
  const L = r.layout, S = L.signals;
  checkNotes(r);
  assert.ok(S, 'no signals counter');
  // the current activity's: Tigrinya 2+1, Persian 1+1, Arabic 1, no language 1; not the Somali
  // signals of the next activity
  assert.equal(S.interpret, 3);
  assert.equal(S.slower, 2);
  assert.equal(S.unclear, 2);
  assert.deepEqual(S.langs.map((l) => [l.lang, l.n]), [['ti', 3], ['fa', 2], ['', 1], ['ar', 1]]);
  assert.equal(S.level, S.levels, 'fully shown');
  assert.match(nbsp(S.text), /🗣️ 3 +🐢 2 +❓ 2/);
  // unobtrusive: in the header's title row, on nothing
  assert.ok(inside(S, L.header), `the counter ${fmt(S)} outside the header`);
  for (const part of ['title', 'agenda', 'badge', 'question', 'qr', 'timer'])
    if (L[part]) assert.ok(!overlap(S, L[part]), `the counter on the ${part}`);
  for (const n of L.notes) assert.ok(!overlap(S, n), `the counter on note ${n.idea}`);
  assert.ok(S.h <= L.badge.h + 2, 'the counter is no taller than the phase badge');
  // drawn, with its pictograms in colour
  const pill = r.img.px(S.x + Math.floor(S.w / 2), S.y + 1), bg = r.img.px(2, r.h - 2);
  assert.ok(foreign(r.img, S, [pill, bg, [0x4A, 0x54, 0x5D]]) > 60, 'the counter\'s pictograms are not drawn');
});

test('the signals counter fades at the end of two minutes and is gone after them', () => {
  const fading = withSignals('voices-signals-fading', 113000);
  assert.ok(fading.layout.signals, 'the counter is gone before two minutes');
  assert.ok(fading.layout.signals.level < fading.layout.signals.levels, 'not fading at 1:53');
  const gone = withSignals('voices-signals-gone', 125000);
  assert.equal(gone.layout.signals, null, 'the counter is still there after two minutes');
  // and the title row is as without signals
  const none = renderFile(variant('voices-signals.json', 'voices-signals-none', (s) => { s.signals = []; }));
  assert.deepEqual(gone.layout.title, none.layout.title);
  assert.equal(none.layout.signals, null);
});
