// Paper counts (issue 20) against the real host: a dot vote where two phones vote and the
// facilitator enters a table's paper sheet as one batch, then corrects it (a new batch that
// replaces the old; both stay in the session file and in the report's log); a poll with a
// paper batch on a choice; every bad input with its own code (no_idea, bad_value, no_table,
// no_batch, forbidden, wrong_activity); the results carry the paper part (facilitator and
// phones), the board marks it (layout JSON and a screenshot), and so do the reports
// (HTML, Markdown, CSV). A SIGTERM keeps it all; a restart shows it again; a correction
// acknowledged just before a SIGKILL is replayed from the journal.
//   MEDSKAPA_BIN=build/medskapa node --test tests/integration/method-paper.test.js
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startHost, tmpdir, ROOT, BIN, OUT } = require('../lib/host.js');
const { Client, readSession } = require('./_client.js');

const SV = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', 'sv.json'), 'utf8'));

function meeting() {
  const dir = tmpdir('medskapa-paper-');
  const template = path.join(dir, 'template.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum: papper', lang: 'sv',
    activities: [
      { kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs i parken?' },
      { kind: 'vote', title: 'Prioritera', prompt: 'Vad är viktigast?', source: 1, budget: 3, max_per_item: 2 },
      { kind: 'poll', title: 'Nästa träff', prompt: 'När ses vi?', poll: 'single', choices: ['Tisdag', 'Lördag'] },
    ],
  }));
  return { dir, template, session: path.join(dir, 'session.json') };
}

const facilitatorKey = (host) => /#key=([0-9a-f]{32})/.exec(host.output())[1];
let cids = 0;

async function refused(client, frame, code) {
  frame.cid = `r${++cids}`;
  client.send(frame);
  const e = await client.next((m) => m.type === 'error' && m.cid === frame.cid, `error ${code}`);
  assert.equal(e.code, code, `${JSON.stringify(frame)} -> ${JSON.stringify(e)}`);
  return e;
}

async function acked(client, frame) {
  frame.cid = `c${++cids}`;
  client.send(frame);
  const m = await client.next((x) => (x.type === 'ack' || x.type === 'error') && x.cid === frame.cid, `ack ${frame.cid}`);
  assert.equal(m.type, 'ack', `${JSON.stringify(frame)} -> ${JSON.stringify(m)}`);
  return m;
}

async function stateWhere(c, pred, what) {
  const latest = (msgs) => msgs.filter((m) => m.type === 'state' || m.type === 'welcome').pop();
  await c.until((msgs) => { const l = latest(msgs); return l && pred(l); }, what);
  return latest(c.msgs);
}

const rowOf = (results, item) => results.rows.find((r) => r.item === item);

test('paper counts: a batch, its correction, bad input, the results, board and reports; SIGTERM keeps them', async (t) => {
  const m = meeting();
  let host = await startHost(['--session', m.session, '--template', m.template]);
  t.after(() => host.stop('SIGKILL'));
  const key = facilitatorKey(host);
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key });
  const anna = await Client.connect(host.wsUrl, { label: 'Anna' });
  await anna.hello({ name: 'Anna', lang: 'sv' });
  const omar = await Client.connect(host.wsUrl, { label: 'Omar' });
  await omar.hello({ name: 'Omar', lang: 'ar' });

  // Ideas, then the vote; the tables for the sheets.
  await acked(fac, { type: 'tables.set', count: 3 });
  await acked(fac, { type: 'phase', activity: 1, phase: 'open' });
  const i1 = (await acked(anna, { type: 'idea.post', text: 'Fler bänkar' })).idea;
  const i2 = (await acked(omar, { type: 'idea.post', text: 'مزيد من الأضواء' })).idea;
  const i3 = (await acked(anna, { type: 'idea.post', text: 'En lekplats' })).idea;
  await acked(fac, { type: 'idea.hide', idea: i3 });
  await acked(fac, { type: 'phase', activity: 1, phase: 'locked' });
  await acked(fac, { type: 'goto', activity: 2 });
  // A prepared vote takes no paper yet.
  await refused(fac, { type: 'paper.add', item: i1, count: 2 }, 'not_open');
  await acked(fac, { type: 'phase', activity: 2, phase: 'open' });
  await acked(anna, { type: 'vote', item: i1, dots: 2 });
  await acked(omar, { type: 'vote', item: i2, dots: 1 });

  // A table's sheet: 4 dots on the lights (no budget rule: more than 3, more than 2 on one).
  const add = await acked(fac, { type: 'paper.add', table: 2, item: i2, count: 4 });
  assert.equal(add.batch, 1);
  const b2 = await acked(fac, { type: 'paper.add', item: i1, count: 0 });   // a sheet with none: no table
  assert.equal(b2.batch, 2);

  // Bad input, each with its code; nothing changes.
  await refused(anna, { type: 'paper.add', item: i1, count: 3 }, 'forbidden');
  await refused(omar, { type: 'paper.correct', batch: 1, count: 3 }, 'forbidden');
  await refused(fac, { type: 'paper.add', item: 99, count: 3 }, 'no_idea');
  await refused(fac, { type: 'paper.add', item: i3, count: 3 }, 'no_idea');          // hidden
  await refused(fac, { type: 'paper.add', item: i1, count: -1 }, 'bad_value');
  await refused(fac, { type: 'paper.add', item: i1, count: 10001 }, 'bad_value');
  await refused(fac, { type: 'paper.add', item: i1, count: 2, table: 9 }, 'no_table');
  await refused(fac, { type: 'paper.add', activity: 1, item: i1, count: 2 }, 'wrong_activity');
  await refused(fac, { type: 'paper.correct', batch: 99, count: 3 }, 'no_batch');
  await refused(fac, { type: 'paper.add', count: 3 }, 'missing_field');
  await refused(fac, { type: 'paper.add', item: i1, count: 'fyra' }, 'bad_field');

  // The correction: the sheet had 5, not 4. A new batch replaces the old; the old cannot be corrected again.
  const fix = await acked(fac, { type: 'paper.correct', batch: 1, count: 5 });
  assert.equal(fix.batch, 3);
  await refused(fac, { type: 'paper.correct', batch: 1, count: 6 }, 'no_batch');

  // The facilitator's state: the batches, and the results with the paper part.
  const fs1 = await stateWhere(fac, (s) => s.paper && s.paper.length === 3 && s.results &&
    rowOf(s.results, i2) && rowOf(s.results, i2).paper === 5, 'facilitator: paper in the results');
  assert.deepEqual(fs1.paper.map((b) => [b.id, b.table, b.item, b.count, b.replaces, b.replaced]),
    [[1, 2, i2, 4, 0, true], [2, 0, i1, 0, 0, false], [3, 2, i2, 5, 1, false]]);
  assert.deepEqual([rowOf(fs1.results, i2).count, rowOf(fs1.results, i2).voters], [6, 1]);
  assert.equal(rowOf(fs1.results, i1).paper, undefined, 'a zero paper part is not written');
  assert.equal(fs1.results.rows[0].item, i2, 'paper counts in the ranking');
  for (const c of [anna, omar]) assert.ok(!c.msgs.some((x) => 'paper' in x), `${c.label} never gets the batches`);

  // Revealed: the phones' results carry the paper part too.
  await acked(fac, { type: 'phase', activity: 2, phase: 'revealed' });
  const ps = await stateWhere(omar, (s) => s.results && s.activity.phase === 'revealed', 'phone results');
  assert.equal(rowOf(ps.results, i2).paper, 5);
  assert.equal(rowOf(ps.results, i2).count, 6);

  // The poll: a paper batch on a choice; a choice it does not have is bad_value.
  await acked(fac, { type: 'goto', activity: 3 });
  await acked(fac, { type: 'phase', activity: 3, phase: 'open' });
  await acked(anna, { type: 'poll.answer', value: 1 });
  await refused(fac, { type: 'paper.add', item: 2, count: 3 }, 'bad_value');
  assert.equal((await acked(fac, { type: 'paper.add', item: 0, count: 3, table: 1 })).batch, 4);
  const fp = await stateWhere(fac, (s) => s.results && s.activity.id === 3 && rowOf(s.results, 0) &&
    rowOf(s.results, 0).paper === 3, 'poll paper');
  assert.equal(rowOf(fp.results, 0).count, 3);
  assert.equal(fp.paper.length, 1, 'the batches of the activity in view');
  await acked(fac, { type: 'goto', activity: 2 });

  // SIGTERM: the session file has every batch, the correction naming what it replaces.
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
  const s = readSession(m.session);
  assert.equal(s.version, 4);
  assert.deepEqual(s.paper.map((b) => [b.id, b.activity, b.table, b.item, b.count, b.replaces]),
    [[1, 2, 2, i2, 4, undefined], [2, 2, undefined, i1, 0, undefined], [3, 2, 2, i2, 5, 1], [4, 3, 1, 0, 3, undefined]]);
  assert.ok(s.paper.every((b) => typeof b.at === 'string'), 'every batch has its time');

  // Restart: the batches are back, and new ones go on from there.
  host = await startHost(['--session', m.session]);
  const fac2 = await Client.connect(host.wsUrl, { label: 'facilitator again' });
  const fw = await fac2.hello({ key: facilitatorKey(host) });
  assert.equal(rowOf(fw.results, i2).paper, 5);
  assert.deepEqual(fw.paper.map((b) => b.replaced), [true, false, false]);
  assert.equal((await acked(fac2, { type: 'paper.correct', batch: 2, count: 1 })).batch, 5);
  // A SIGKILL right after the ack: the journal has the correction, and the next start replays it.
  host.proc.kill('SIGKILL');
  await host.exited;
  host = await startHost(['--session', m.session]);
  const fac3 = await Client.connect(host.wsUrl, { label: 'facilitator after a kill' });
  const fk = await fac3.hello({ key: facilitatorKey(host) });
  assert.deepEqual(fk.paper.map((b) => [b.id, b.count, b.replaced]), [[1, 4, true], [2, 0, true], [3, 5, false], [5, 1, false]]);
  assert.equal(rowOf(fk.results, i1).paper, 1);
  assert.equal((await host.stop('SIGTERM')).code, 0);
  assert.deepEqual(readSession(m.session).paper.map((b) => [b.id, b.replaces]), [[1, undefined], [2, undefined], [3, 1], [4, undefined], [5, 2]]);

  // The board: the bar's paper part and "varav 5 på papper" (layout JSON), and a screenshot to look at.
  fs.mkdirSync(path.join(OUT, 'paper'), { recursive: true });
  const png = path.join(OUT, 'paper', 'board-paper.png'), json = path.join(OUT, 'paper', 'board-paper.json');
  const shot = spawnSync(BIN, ['--session', m.session, '--screenshot', png, '--layout-json', json, '--lang', 'sv'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SDL_VIDEODRIVER: 'dummy' } });
  assert.equal(shot.status, 0, shot.stderr);
  const layout = JSON.parse(fs.readFileSync(json, 'utf8'));
  const top = layout.chart.rows.find((r) => r.item === i2);
  assert.equal(top.paper, 5);
  assert.equal(top.count, 6);
  assert.ok(top.count_label.includes(SV.board_pap_of.replace('{n}', '5')), top.count_label);
  const one = layout.chart.rows.find((r) => r.item === i1);
  assert.equal(one.paper, 1);

  // The reports: the paper part beside the count, and the log of every batch and correction.
  const report = (args) => {
    const r = spawnSync(BIN, ['report', m.session, ...args], { cwd: ROOT, maxBuffer: 64 << 20, env: { ...process.env, TZ: 'Europe/Stockholm' } });
    assert.equal(r.status, 0, r.stderr.toString());
    return r.stdout.toString();
  };
  const of5 = SV.report_pap_of.replace('{n}', '5');
  // user text in Markdown is isolated (FSI ... PDI) and escaped: read it as text
  const md = report(['--format', 'md']).replace(/[\u2066-\u2069]/g, '').replace(/\\([#*_~\[\]|])/g, '$1');
  assert.ok(md.includes(`| 6 (${of5}) | 1 |`), md);
  assert.ok(md.includes(`**${SV.report_pap_log}**`));
  assert.ok(md.includes('Inmatning 1 · Bord 2 · #' + i2 + ' مزيد من الأضواء: 4'), md);
  assert.match(md, /- ~~Inmatning 1 .*\(ersatt\)~~/);
  assert.match(md, /- ~~Inmatning 2 · inget bord · #1 Fler bänkar: 0 .*\(ersatt\)~~/);
  assert.ok(md.includes('Inmatning 3 rättar 1 · Bord 2 · #' + i2 + ' مزيد من الأضواء: 5 i stället för 4'), md);
  assert.ok(md.includes('Inmatning 5 rättar 2 · inget bord · #' + i1 + ' Fler bänkar: 1 i stället för 0'), md);
  assert.ok(md.includes('Inmatning 4 · Bord 1 · Tisdag: 3'), md);
  const html = report(['--format', 'html']);
  assert.ok(html.includes(`<span class="note paper">${of5}</span>`));
  assert.ok(html.includes('class="fill paper"'), 'the bar marks its paper part');
  assert.ok(html.includes('<ul class="paper-log">'));
  const csv = report(['--format', 'csv']);
  const head = csv.split('\r\n')[0].split(',');
  assert.equal(head[head.length - 1], SV.report_pap_csv);
  const line = csv.split('\r\n').find((l) => l.startsWith(`${i2},`));
  assert.ok(line.endsWith(',5'), line);
  assert.ok(line.split(',').includes('6'), 'the dots column counts paper too: ' + line);
});
