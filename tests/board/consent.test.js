// Board tests of issue 19's consent round, "need more time?" and the room's progress: the real
// binary renders sessions offscreen (--screenshot, --layout-json, --lang sv) and the tests read
// what the board reports and the pixels it drew. The sessions are made here: 25 people without
// a phone (proxies, who count in "of" as phones do), 18 of whom have answered or voted.
//  - a revealed consent round: the four counts as bars, the round, the earlier round's counts
//    small in the banner;
//  - an open consent round: "18 av 25 har svarat" and the big count, never who, no counts;
//  - an open vote: "18 av 25 har röstat";
//  - "need more time?" asked over an ideas activity: its three counts as bars.
// Screenshots: tests/out/board-consent-*.png (and docs/img/board-consent.png, board-progress.png).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const OUT = path.join(ROOT, 'tests', 'out');
const DIR = path.join(OUT, 'consent');
const SV = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', 'sv.json'), 'utf8'));
const FIRST = 'Vi provar tysta rundor på alla möten i ett år.';
const SECOND = 'Vi provar tysta rundor på varannat möte i ett halvår.';
fs.mkdirSync(DIR, { recursive: true });

const fill = (s, v) => s.replace(/\{(\w+)\}/g, (a, k) => (k in v ? String(v[k]) : a));

// A session of 25 proxies and the given activities and records.
function session(current, activities, extra = {}) {
  const participants = [];
  for (let i = 1; i <= 25; i++) {
    participants.push({ id: i, token: i.toString(16).padStart(32, '0'), name: `Person ${i}`, lang: 'sv',
      joined: '2026-12-07T18:00:00.000Z', proxy: true });
  }
  return {
    format: 'medskapa-session', version: 4, title: 'Rådrum: beslut', lang: 'sv',
    created: '2026-12-07T18:00:00.000Z', saved: '2026-12-07T19:00:00.000Z', current_activity: current,
    activities, participants, ideas: [], ...extra,
  };
}

function render(name, s) {
  const file = path.join(DIR, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(s, null, '\t'));
  const png = path.join(OUT, `board-consent-${name}.png`), json = path.join(OUT, `board-consent-${name}.json`);
  const r = spawnSync(BIN, ['--session', file, '--screenshot', png, '--layout-json', json, '--lang', 'sv',
    '--join-url', 'http://192.168.1.23:8080/', '--size', '1280x720'], { cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy' } });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  return { layout: JSON.parse(fs.readFileSync(json, 'utf8')), png };
}

const answers = (round, list) => list.map(([answer, n], k) => Array.from({ length: n }, () => answer)).flat()
  .map((answer, i) => ({ activity: 1, participant: i + 1, round, answer,
    ...(answer === 'objection' ? { reason: 'För dyrt' } : answer === 'concern' ? { in_person: true } : {}) }));

test('a revealed consent round: four counts as bars, the round, the earlier round small', () => {
  const s = session(1, [{ id: 1, kind: 'consent', title: 'Beslut', prompt: SECOND, phase: 'revealed', consent_round: 2 }], {
    consents: [...answers(1, [['yes', 6], ['live', 4], ['concern', 5], ['objection', 3]]),
      ...answers(2, [['yes', 10], ['live', 6], ['concern', 2], ['objection', 0]])],
    consent_rounds: [{ activity: 1, round: 1, text: FIRST, counts: { yes: 6, live: 4, concern: 5, objection: 3 },
      ended: '2026-12-07T18:30:00.000Z' }],
  });
  const { layout, png } = render('revealed', s);
  assert.equal(layout.mode, 'chart');
  assert.deepEqual(layout.chart.rows.map((r) => r.count), [10, 6, 2, 0]);
  assert.ok(layout.chart.bars);
  const banner = layout.banner.text;
  assert.ok(banner.startsWith(fill(SV.board_cns_round, { round: 2 })), banner);
  assert.ok(banner.includes(fill(SV.board_cns_earlier, { round: 1, yes: 6, live: 4, concern: 5, objection: 3 })), banner);
  fs.copyFileSync(png, path.join(ROOT, 'docs', 'img', 'board-consent.png'));
});

test('an open consent round: "18 av 25 har svarat", never who, no counts', () => {
  const s = session(1, [{ id: 1, kind: 'consent', title: 'Beslut', prompt: FIRST, phase: 'open' }], {
    consents: answers(1, [['yes', 9], ['live', 5], ['concern', 3], ['objection', 1]]),
  });
  const { layout } = render('open', s);
  assert.equal(layout.mode, 'silent');
  assert.equal(layout.banner.text, fill(SV.board_cns_answered, { done: 18, of: 25 }));
  assert.equal(layout.chart, null, 'no counts while open');
});

test('an open vote: "18 av 25 har röstat"', () => {
  const ideas = ['Fler bänkar', 'Längre öppettider', 'Gratis kaffe'].map((text, i) => ({ id: i + 1, activity: 1,
    author: 1, text, created: '2026-12-07T18:05:00.000Z' }));
  const votes = [];
  for (let p = 1; p <= 18; p++) votes.push({ activity: 2, participant: p, item: (p % 3) + 1, dots: 2 });
  const s = session(2, [
    { id: 1, kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?', phase: 'locked', categories: [], silent: false },
    { id: 2, kind: 'vote', title: 'Prioritera', prompt: 'Vad först?', phase: 'open', source: 1, on_groups: false,
      budget: 3, max_per_item: 2, live: false, shuffle: true },
  ], { ideas, votes });
  const { layout, png } = render('vote-progress', s);
  assert.ok(layout.banner.text.startsWith(fill(SV.board_cns_voted, { done: 18, of: 25 })), layout.banner.text);
  fs.copyFileSync(png, path.join(ROOT, 'docs', 'img', 'board-progress.png'));
});

test('an open ideas activity: "18 av 25 har skrivit"', () => {
  const ideas = [];
  for (let p = 1; p <= 18; p++) ideas.push({ id: p, activity: 1, author: p, text: `Idé ${p}`, created: '2026-12-07T18:05:00.000Z' });
  const s = session(1, [{ id: 1, kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?', phase: 'open', categories: [],
    silent: true }], { ideas });
  const { layout } = render('ideas-progress', s);
  assert.equal(layout.banner.text, fill(SV.board_cns_posted, { done: 18, of: 25 }));
});

test('"need more time?" asked over an ideas activity: its three counts as bars', () => {
  const moretime = [];
  [['done', 7], ['little', 9], ['more', 2]].forEach(([answer, n]) => {
    for (let k = 0; k < n; k++) moretime.push({ activity: 1, ask: 1, participant: moretime.length + 1, answer });
  });
  const s = session(1, [{ id: 1, kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?', phase: 'open', categories: [],
    silent: false, moretime_ask: 1, moretime_open: true }], { moretime });
  const { layout } = render('moretime', s);
  assert.equal(layout.mode, 'chart');
  assert.equal(layout.banner.text, SV.board_cns_mt_question);
  assert.deepEqual(layout.chart.rows.map((r) => r.count), [7, 9, 2]);
  // closed: the activity is back
  s.activities[0].moretime_open = false;
  assert.notEqual(render('moretime-closed', s).layout.mode, 'chart');
});
