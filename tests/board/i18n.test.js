// Board text in every language of a rådrum (issue 6): the real binary renders the sample ideas
// (Swedish, Arabic, Persian, Tigrinya, Somali, Ukrainian, English, an emoji) and mixed
// Arabic/Swedish/digit notes offscreen at 1280x720 and 1920x1080. Checks that right-to-left
// notes are right-aligned and left-to-right ones left-aligned, then compares every note's region
// pixel by pixel (small tolerance) with the reference images in tests/board/reference/, which
// were checked by eye. UPDATE_REFERENCE=1 writes new references (look at them before committing).
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
const REF = path.join(__dirname, 'reference');
const JOIN = 'http://192.168.1.23:8080/';  // the same on every machine, so the same QR code
const UPDATE = process.env.UPDATE_REFERENCE === '1';

const CHANNEL_TOL = 40;      // a pixel differs when a channel differs by more than this
const NOTE_TOL = 0.0002;     // a note differs when more than this share of its pixels differ
                             // (a changed letter is some hundred pixels; antialiasing noise none)

fs.mkdirSync(OUT, { recursive: true });

function render(fixture, size) {
  const tag = `i18n-${path.basename(fixture, '.json')}-${size}`;
  const png = path.join(OUT, `board-${tag}.png`), json = path.join(OUT, `board-${tag}.json`);
  fs.rmSync(png, { force: true });
  fs.rmSync(json, { force: true });
  const args = ['--session', path.join(FIX, fixture), '--screenshot', png, '--layout-json', json,
    '--join-url', JOIN, '--size', size, '--lang', 'en'];
  const r = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, SDL_VIDEODRIVER: 'dummy' } });
  assert.equal(r.status, 0, `medskapa ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return { tag, pngPath: png, png: fs.readFileSync(png), layout: JSON.parse(fs.readFileSync(json, 'utf8')),
    fixture: JSON.parse(fs.readFileSync(path.join(FIX, fixture), 'utf8')) };
}

// Decode an 8-bit RGB or RGBA, non-interlaced PNG: { w, h, px(x, y) -> [r, g, b] }.
function decodePng(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const w = buf.readUInt32BE(16), h = buf.readUInt32BE(20);
  const depth = buf[24], type = buf[25], interlace = buf[28];
  assert.equal(depth, 8, 'bit depth');
  assert.ok(type === 2 || type === 6, `colour type ${type}`);
  assert.equal(interlace, 0);
  const bpp = type === 2 ? 3 : 4, idat = [];
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

// Base direction of a text as the board must draw it: its first strong character (UAX #9 P2).
function baseRtl(text) {
  for (const ch of text) {
    if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/u.test(ch)) return true;
    if (/[\p{L}]/u.test(ch)) return false;
  }
  return false;
}

const far = (a, b) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));

// Leftmost and rightmost columns with ink in rect r (ink: far from the note's background).
function inkSpan(img, r, bg) {
  let lo = Infinity, hi = -Infinity;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      if (far(img.px(x, y), bg) > 80) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
  }
  return { lo, hi };
}

const CASES = [];
for (const fixture of ['i18n-samples.json', 'i18n-mixed.json'])
  for (const size of ['1280x720', '1920x1080']) CASES.push({ fixture, size });

for (const { fixture, size } of CASES) {
  test(`${fixture} at ${size}: every note shown, aligned by its direction, as in the reference`, () => {
    const r = render(fixture, size);
    const img = decodePng(r.png);
    const ideas = new Map(r.fixture.ideas.map((i) => [i.id, i]));
    assert.equal(r.layout.notes.length, r.fixture.ideas.length, 'every idea has a note');
    const notes = [];
    for (const n of r.layout.notes) {
      const idea = ideas.get(n.idea), t = n.text;
      const bg = img.px(n.x + Math.floor((t.x - n.x) / 2), t.y + Math.floor(t.h / 2));
      const span = inkSpan(img, t, bg);
      assert.ok(span.hi > span.lo, `note ${n.idea} ("${idea.text}") has ink`);
      const slack = Math.ceil(t.w * 0.06);
      if (baseRtl(idea.text))
        assert.ok(span.hi >= t.x + t.w - slack, `right-to-left note ${n.idea} ("${idea.text}") ends at the right: ink ${span.lo}..${span.hi} in ${t.x}..${t.x + t.w}`);
      else
        assert.ok(span.lo <= t.x + slack, `left-to-right note ${n.idea} ("${idea.text}") starts at the left: ink ${span.lo}..${span.hi} in ${t.x}..${t.x + t.w}`);
      notes.push({ idea: n.idea, x: n.x, y: n.y, w: n.w, h: n.h });
    }

    const refPng = path.join(REF, `${r.tag}.png`), refJson = path.join(REF, `${r.tag}.json`);
    if (UPDATE || !fs.existsSync(refPng)) {
      assert.ok(UPDATE, `no reference ${path.relative(ROOT, refPng)}: run with UPDATE_REFERENCE=1, look at it, commit it`);
      fs.mkdirSync(REF, { recursive: true });
      fs.copyFileSync(r.pngPath, refPng);
      fs.writeFileSync(refJson, JSON.stringify({ fixture, size, notes }, null, 1) + '\n');
      return;
    }
    const ref = decodePng(fs.readFileSync(refPng));
    const refNotes = new Map(JSON.parse(fs.readFileSync(refJson, 'utf8')).notes.map((n) => [n.idea, n]));
    const bad = [];
    for (const n of notes) {
      const o = refNotes.get(n.idea);
      if (!o) { bad.push(`note ${n.idea}: not in the reference`); continue; }
      if (o.w !== n.w || o.h !== n.h) { bad.push(`note ${n.idea}: ${n.w}x${n.h}, reference ${o.w}x${o.h}`); continue; }
      let diff = 0;
      for (let y = 0; y < n.h; y++)
        for (let x = 0; x < n.w; x++)
          if (far(img.px(n.x + x, n.y + y), ref.px(o.x + x, o.y + y)) > CHANNEL_TOL) diff++;
      if (diff > n.w * n.h * NOTE_TOL)
        bad.push(`note ${n.idea} ("${ideas.get(n.idea).text}"): ${diff} of ${n.w * n.h} pixels differ`);
    }
    assert.deepEqual(bad, [], `${r.tag} differs from ${path.relative(ROOT, refPng)} (see ${path.relative(ROOT, r.pngPath)}; ` +
      'if the change is right, look at it and rerun with UPDATE_REFERENCE=1)');
  });
}
