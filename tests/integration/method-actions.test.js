// Action items (issue 20), with the real host and real WebSocket clients: a vote, an actions
// activity on it, three actions from the vote's top items (the facilitator sees them in her
// state), a volunteer who waits for the facilitator and is confirmed (what the volunteer typed
// only to the facilitator and to that phone), statuses changed with notes; bad input:
// no_action, bad_date, no_volunteer, forbidden from a phone; a SIGKILL right after an ack and a
// restart lose nothing acknowledged; after a SIGTERM the session file keeps the actions and
// their log, and the reports (and `report --table actions`) show them.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startHost, tmpdir, ROOT, BIN } = require('../lib/host.js');
const { Client, readSession } = require('./_client.js');

function meeting() {
  const dir = tmpdir('medskapa-actions-');
  const template = path.join(dir, 'template.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum: vad gör vi nu?', lang: 'sv',
    activities: [
      { kind: 'ideas', title: 'Idéer', prompt: 'Vad behöver parken?' },
      { kind: 'vote', title: 'Prioritera', prompt: 'Vad är viktigast?', source: 1, budget: 4, max_per_item: 4 },
      { kind: 'actions', title: 'Vad gör vi nu?', prompt: 'Vem gör vad, och när?', source: 2 },
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
  assert.equal(e.code, code, `${JSON.stringify(frame).slice(0, 100)} -> ${JSON.stringify(e)}`);
  return e;
}

async function acked(client, frame) {
  frame.cid = `c${++cids}`;
  client.send(frame);
  const m = await client.next((x) => (x.type === 'ack' || x.type === 'error') && x.cid === frame.cid, `ack ${frame.cid}`);
  assert.equal(m.type, 'ack', `${JSON.stringify(frame).slice(0, 100)} -> ${JSON.stringify(m)}`);
  return m;
}

async function stateWhere(c, pred, what) {
  const latest = (msgs) => msgs.filter((m) => m.type === 'state' || m.type === 'welcome').pop();
  await c.until((msgs) => { const l = latest(msgs); return l && pred(l); }, what);
  return latest(c.msgs);
}

const IDEAS = ['Fler bänkar', 'Belysning på gångvägen', 'En grillplats', 'Papperskorgar'];

test('actions from the top of a vote: a volunteer confirmed, statuses with notes, bad input; SIGKILL and SIGTERM lose nothing; the reports have them', async (t) => {
  const m = meeting();
  let host = await startHost(['--session', m.session, '--template', m.template]);
  t.after(() => host.stop('SIGKILL'));
  const key = facilitatorKey(host);
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key });
  const anna = await Client.connect(host.wsUrl, { label: 'Anna' });
  await anna.hello({ name: 'Anna', lang: 'sv' });
  const omar = await Client.connect(host.wsUrl, { label: 'Omar' });
  const ow = await omar.hello({ name: 'Omar', lang: 'ar' });
  assert.deepEqual(ow.actions, [], 'no actions yet');

  // Ideas, then a vote: "Belysning" gets 4 dots, "En grillplats" 2, "Fler bänkar" 1.
  await acked(fac, { type: 'phase', activity: 1, phase: 'open' });
  for (const [i, text] of IDEAS.entries()) await acked(i % 2 ? omar : anna, { type: 'idea.post', text });
  await acked(fac, { type: 'goto', activity: 2 });
  await acked(fac, { type: 'phase', activity: 2, phase: 'open' });
  await acked(anna, { type: 'vote', item: 2, dots: 2 });
  await acked(anna, { type: 'vote', item: 3, dots: 2 });
  await acked(omar, { type: 'vote', item: 2, dots: 2 });
  await acked(omar, { type: 'vote', item: 1, dots: 1 });
  await acked(fac, { type: 'phase', activity: 2, phase: 'revealed' });

  // The actions activity: the facilitator sees the vote's top items; the phones do not.
  await refused(fac, { type: 'action.add', text: 'Fler bänkar' }, 'wrong_activity');   // a vote is current
  await acked(fac, { type: 'goto', activity: 3 });
  const fs3 = await stateWhere(fac, (s) => s.activity && s.activity.kind === 'actions' && s.source_results, 'source results');
  assert.equal(fs3.source_results.activity, 2);
  const top = fs3.source_results.rows.slice(0, 3);
  assert.deepEqual(top.map((r) => [r.text, r.count]), [['Belysning på gångvägen', 4], ['En grillplats', 2], ['Fler bänkar', 1]]);
  const as3 = await stateWhere(anna, (s) => s.activity && s.activity.kind === 'actions', 'anna in actions');
  assert.equal(as3.source_results, undefined, 'the top items are the facilitator\'s');

  // Three actions from the top items, one tap each (text and idea), one with who and by when.
  const a1 = await acked(fac, { type: 'action.add', text: top[0].text, idea: top[0].item, who: 'Kommunen', due: '2027-03-31' });
  const a2 = await acked(fac, { type: 'action.add', text: top[1].text, idea: top[1].item });
  const a3 = await acked(fac, { type: 'action.add', activity: 3, text: top[2].text, idea: top[2].item, due: '2027-06-01' });
  assert.deepEqual([a1.action, a2.action, a3.action], [1, 2, 3]);
  const as = await stateWhere(omar, (s) => s.actions.length === 3, 'three actions');
  assert.deepEqual(as.actions[0], { id: 1, activity: 3, idea: 2, group: 0, text: 'Belysning på gångvägen', who: 'Kommunen',
    due: '2027-03-31', status: 'planned', note: null, volunteer: false });

  // Bad input.
  await refused(fac, { type: 'action.add', text: 'X', due: '2027-02-30' }, 'bad_date');
  await refused(fac, { type: 'action.add', text: 'X', due: '31/3' }, 'bad_date');
  await refused(fac, { type: 'action.add', text: '   ' }, 'empty_text');
  await refused(fac, { type: 'action.add', text: 'X', idea: 99 }, 'no_idea');
  await refused(fac, { type: 'action.add', text: 'X', group: 99 }, 'no_group');
  await refused(fac, { type: 'action.add', text: 'X', who: 'W'.repeat(81) }, 'text_too_long');
  await refused(fac, { type: 'action.edit', action: 9, who: 'Någon' }, 'no_action');
  await refused(fac, { type: 'action.edit', action: 1, due: '2027-13-01' }, 'bad_date');
  await refused(fac, { type: 'action.status', action: 9, status: 'done' }, 'no_action');
  await refused(fac, { type: 'action.status', action: 1, status: 'finished' }, 'bad_field');
  await refused(fac, { type: 'action.confirm', action: 2, confirm: true }, 'no_volunteer');
  await refused(anna, { type: 'action.add', text: 'Jag bestämmer' }, 'forbidden');
  await refused(anna, { type: 'action.status', action: 1, status: 'done' }, 'forbidden');
  await refused(anna, { type: 'action.edit', action: 1, who: 'Anna' }, 'forbidden');
  await refused(anna, { type: 'action.confirm', action: 1, confirm: true }, 'forbidden');
  await refused(omar, { type: 'action.volunteer', action: 9, who: 'Fotbollsklubben' }, 'no_action');
  await refused(omar, { type: 'action.volunteer', action: 2 }, 'missing_field');
  await refused(omar, { type: 'action.volunteer', action: 2, who: '  ' }, 'empty_text');
  await refused(fac, { type: 'action.confirm', action: 2 }, 'missing_field');
  await refused(fac, { type: 'action.confirm', action: 2, confirm: 'ja' }, 'bad_field');
  await refused(fac, { type: 'action.edit', who: 'X' }, 'missing_field');
  await refused(fac, { type: 'action.add', text: 'X', due: 20270331 }, 'bad_field');

  // A volunteer: waits for the facilitator; what Omar typed goes to him and to her only.
  await acked(omar, { type: 'action.volunteer', action: 2, who: 'Fotbollsklubben' });
  const om = await stateWhere(omar, (s) => s.actions[1].volunteer, 'omar waits');
  assert.equal(om.actions[1].mine, true);
  assert.equal(om.actions[1].offer, 'Fotbollsklubben');
  assert.equal(om.actions[1].who, '', 'not taken until confirmed');
  const an = await stateWhere(anna, (s) => s.actions[1].volunteer, 'anna sees someone offered');
  assert.equal(an.actions[1].offer, undefined);
  assert.equal(an.actions[1].mine, undefined);
  await refused(anna, { type: 'action.volunteer', action: 2, who: 'Kören' }, 'bad_value');   // Omar waits first
  const fv = await stateWhere(fac, (s) => s.actions[1].volunteer, 'facilitator sees the offer');
  assert.equal(fv.actions[1].offer, 'Fotbollsklubben');
  await acked(fac, { type: 'action.confirm', action: 2, confirm: true });
  const conf = await stateWhere(anna, (s) => s.actions[1].who === 'Fotbollsklubben', 'confirmed');
  assert.equal(conf.actions[1].volunteer, false);
  // A declined offer leaves who as it was.
  await acked(anna, { type: 'action.volunteer', action: 3, who: 'Kören' });
  await acked(fac, { type: 'action.confirm', action: 3, confirm: false });
  const dec = await stateWhere(anna, (s) => !s.actions[2].volunteer, 'declined');
  assert.equal(dec.actions[2].who, '');
  await refused(fac, { type: 'action.confirm', action: 3, confirm: true }, 'no_volunteer');

  // Statuses with notes; an edit.
  await acked(fac, { type: 'action.status', action: 1, status: 'started', note: 'Offert beställd' });
  await acked(fac, { type: 'action.status', action: 2, status: 'done', note: 'Grillen står på plats' });
  await acked(fac, { type: 'action.edit', action: 3, who: 'Fritidsgården', due: '' });
  const st = await stateWhere(omar, (s) => s.actions[0].status === 'started' && s.actions[1].status === 'done' &&
    s.actions[2].who === 'Fritidsgården', 'statuses');
  assert.equal(st.actions[0].note, 'Offert beställd');
  assert.equal(st.actions[2].due, '');

  // SIGKILL right after an ack: the status is kept.
  await acked(fac, { type: 'action.status', action: 3, status: 'dropped', note: 'Ingen lokal' });
  host.proc.kill('SIGKILL');
  await host.exited;
  host = await startHost(['--session', m.session]);
  const fac2 = await Client.connect(host.wsUrl, { label: 'facilitator again' });
  const f2 = await fac2.hello({ key: facilitatorKey(host) });
  assert.deepEqual(f2.actions.map((a) => [a.id, a.who, a.status, a.note]), [
    [1, 'Kommunen', 'started', 'Offert beställd'],
    [2, 'Fotbollsklubben', 'done', 'Grillen står på plats'],
    [3, 'Fritidsgården', 'dropped', 'Ingen lokal'],
  ]);
  assert.equal(f2.actions[2].due, '', 'a cleared date stays cleared after the replay');
  assert.equal(f2.actions[0].due, '2027-03-31');
  // An offer waiting at the SIGKILL is kept too.
  const omar2 = await Client.connect(host.wsUrl, { label: 'Omar again' });
  await omar2.hello({ name: 'Omar', lang: 'ar', token: ow.you.token });
  await acked(omar2, { type: 'action.volunteer', action: 1, who: 'Föreningen Ljus' });
  host.proc.kill('SIGKILL');
  await host.exited;
  host = await startHost(['--session', m.session]);
  const fac3 = await Client.connect(host.wsUrl, { label: 'facilitator third' });
  const f3 = await fac3.hello({ key: facilitatorKey(host) });
  assert.equal(f3.actions[0].offer, 'Föreningen Ljus');
  assert.equal(f3.actions[0].volunteer, true);
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());

  // The session file: the actions and every change of them.
  const s = readSession(m.session);
  assert.equal(s.version, 4);
  assert.equal(s.activities[2].kind, 'actions');
  assert.equal(s.activities[2].source, 2);
  assert.equal(s.actions.length, 3);
  assert.equal(s.actions[0].offer, 'Föreningen Ljus');
  assert.deepEqual(s.action_log.filter((c) => c.action === 1).map((c) => [c.status, c.note || null]),
    [['planned', null], ['started', 'Offert beställd']]);
  assert.deepEqual(s.action_log.filter((c) => c.action === 3).map((c) => c.status), ['planned', 'planned', 'dropped']);

  // The reports.
  const run = (args) => {
    const r = spawnSync(BIN, ['report', m.session, ...args], { cwd: ROOT, maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr.toString());
    return r.stdout.toString();
  };
  const md = run(['--format', 'md']);
  for (const x of ['Belysning på gångvägen', 'Fotbollsklubben', '2027-03-31', 'Offert beställd', 'Ingen lokal'])
    assert.ok(md.includes(x), `md has ${x}`);
  const html = run(['--format', 'html']);
  for (const x of ['Fritidsgården', 'Kommunen', 'Grillen står på plats']) assert.ok(html.includes(x), `html has ${x}`);
  const csv = run(['--format', 'csv', '--table', 'actions']).trim().split(/\r?\n/);
  assert.equal(csv.length, 4, csv.join('\n'));
  assert.ok(csv[1].includes('Belysning på gångvägen') && csv[1].includes('Kommunen') && csv[1].includes('2027-03-31') &&
    csv[1].includes('Påbörjad'), csv[1]);
  assert.ok(csv[3].includes('Struken') && csv[3].includes('Ingen lokal'), csv[3]);
  assert.ok(!csv.join('\n').includes('Föreningen Ljus'), 'an offer not confirmed is no one\'s action');
  assert.ok(!csv.join('\n').includes('Omar'), 'no volunteer\'s name');
  // The overview over a folder of meetings: a column for the actions, with their statuses.
  const folder = path.join(m.dir, 'meetings');
  fs.mkdirSync(folder);
  fs.copyFileSync(m.session, path.join(folder, 'rådrum.json'));
  const ov = spawnSync(BIN, ['report', '--overview', folder], { cwd: ROOT }).stdout.toString();
  assert.ok(ov.includes('<th>Åtgärder</th>') || ov.includes('>Åtgärder<'), 'the actions column');
  assert.ok(ov.includes('3 åtgärder') && ov.includes('Påbörjad: 1') && ov.includes('Klar: 1') && ov.includes('Struken: 1'), ov);
  const bad = spawnSync(BIN, ['report', m.session, '--format', 'csv', '--table', 'bogus'], { cwd: ROOT });
  assert.notEqual(bad.status, 0);
  assert.ok(bad.stderr.toString().includes('actions'), 'the terminal names the tables');
});
