// Issue 20, "Save as template": the facilitator saves the agenda of a running meeting as a
// template (template.save), and a new host started with --template on that file has the same
// agenda. Meeting A starts from a template with tables, rounds, a screened ideas activity with a
// timer, a vote with its settings, polls with pictograms, and a consent activity; the room works
// a little (tables dealt, a round started, an idea posted, an activity added live); then the
// template is saved. Bad names get template_name, a phone gets forbidden, a second save of the
// same name gets -2 (nothing is overwritten), and nothing people gave is in the file; a
// templates folder that cannot be written gets storage.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client, readSession } = require('./_client.js');

let seq = 0;
async function answer(client, msg) {
  const cid = `t${++seq}`;
  client.send({ ...msg, cid });
  return client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, `answer to ${msg.type}`, 10000);
}
async function ok(client, msg) {
  const a = await answer(client, msg);
  assert.equal(a.type, 'ack', `${msg.type} refused: ${JSON.stringify(a)}`);
  return a;
}
async function refused(client, msg, code) {
  const e = await answer(client, msg);
  assert.equal(e.type, 'error', `${JSON.stringify(msg).slice(0, 120)} was taken, wanted ${code}`);
  assert.equal(e.code, code, JSON.stringify(e));
  assert.ok(e.message.length > 0);
  return e;
}

const TEMPLATE = {
  format: 'medskapa-template', version: 1, title: 'Rådrum: Mötesplatser', lang: 'sv', tables: 3,
  activities: [
    { kind: 'ideas', title: '1-2-4', prompt: 'Vad saknas för unga i Laholm?', by_table: true,
      categories: [{ text: 'Idrott', picto: '⚽' }, 'Kultur'],
      rounds: [{ title: 'Ensam', seconds: 60 }, { title: 'I par', seconds: 120 }] },
    { kind: 'ideas', title: 'Förslag', prompt: 'Skriv ett förslag', screened: true, silent: true, timer_s: 300, lock_at_zero: true },
    { kind: 'vote', title: 'Prioritera', prompt: 'Vad först?', source: 2, budget: 4, max_per_item: 2, live: true, shuffle: true,
      by_table: true },
    { kind: 'poll', title: 'Tid', prompt: 'När passar?', poll: 'single', choices: ['Kväll', 'Lördag'], pictos: ['🌙', '☀️'],
      timer_s: 90 },
    { kind: 'consent', title: 'Beslut', prompt: 'Vi provar öppen hall på lördagar i tre månader.' },
    { kind: 'poll', title: 'Hur var mötet?', prompt: 'Betyg', poll: 'scale' },
  ],
};

// What of an activity a template carries (docs/session-format.md, Agenda templates), from a
// session file: a timer only where the activity has no rounds (each round sets its own).
function agendaOf(s) {
  return {
    title: s.title, lang: s.lang, tables: s.tables || 0,
    activities: s.activities.map((a) => {
      const o = {};
      for (const k of ['kind', 'title', 'prompt', 'categories', 'choices', 'pictos', 'audio', 'silent', 'screened', 'source',
        'on_groups', 'budget', 'max_per_item', 'live', 'poll', 'rounds', 'by_table', 'shuffle']) if (k in a) o[k] = a[k];
      if (a.timer && !a.rounds) o.timer = [a.timer.duration_ms, !!a.timer.lock_at_zero];
      return o;
    }),
  };
}

test('save the agenda as a template; a new host started from it has the same agenda', async (t) => {
  const dir = tmpdir('medskapa-tpl-');
  const tplIn = path.join(dir, 'in.json');
  fs.writeFileSync(tplIn, JSON.stringify(TEMPLATE));
  const fileA = path.join(dir, 'a', 'mote-a.json');
  fs.mkdirSync(path.dirname(fileA));
  const hostA = await startHost(['--session', fileA, '--template', tplIn]);
  t.after(() => hostA.stop('SIGKILL'));
  const key = /#key=([0-9a-f]{32})/.exec(hostA.output())[1];
  const fac = await Client.connect(hostA.wsUrl, { label: 'facilitator' });
  await fac.hello({ key });
  const phones = await Promise.all([0, 1, 2, 3].map((i) => Client.connect(hostA.wsUrl, { label: `phone${i}` })));
  for (const [i, p] of phones.entries()) await p.hello({ name: `Deltagare${i + 1}`, lang: i % 2 ? 'ar' : 'sv' });

  // The room works: tables dealt, the first round started, an idea, an activity added live.
  await ok(fac, { type: 'tables.assign', size: 2 });
  await ok(fac, { type: 'round.next', activity: 1 });
  await ok(phones[0], { type: 'idea.post', text: 'Hemlig idé från Deltagare1' });
  const added = await ok(fac, { type: 'activity.add', kind: 'poll', poll: 'multi', title: 'Mer', prompt: 'Vad mer?',
    choices: ['Musik', 'Mat', 'Dans'], timer_s: 120 });
  assert.equal(added.activity, 7);

  // Bad input: no name, only spaces, too long; a phone; a missing field. Nothing is written.
  await refused(fac, { type: 'template.save', name: '' }, 'template_name');
  await refused(fac, { type: 'template.save', name: '   \t ' }, 'template_name');
  const long = await refused(fac, { type: 'template.save', name: 'å'.repeat(81) }, 'template_name');
  assert.equal(long.field, 'name');
  await refused(phones[1], { type: 'template.save', name: 'Min mall' }, 'forbidden');
  await refused(fac, { type: 'template.save' }, 'missing_field');
  await refused(fac, { type: 'template.save', name: 7 }, 'bad_field');
  const tdir = path.join(dir, 'a', 'templates');
  assert.ok(!fs.existsSync(tdir) || fs.readdirSync(tdir).length === 0, 'no file for a refused save');

  // Saved beside the session file, in templates/; the same name again gets -2; 80 characters pass.
  const first = await ok(fac, { type: 'template.save', name: '  Rådrum: Öppet möte, våren 2027!  ' });
  assert.equal(first.file, 'radrum-oppet-mote-varen-2027.json');
  const second = await ok(fac, { type: 'template.save', name: 'rådrum öppet möte våren 2027' });
  assert.equal(second.file, 'radrum-oppet-mote-varen-2027-2.json');
  const before = fs.readFileSync(path.join(tdir, first.file), 'utf8');
  assert.equal((await ok(fac, { type: 'template.save', name: 'اجتماع' })).file, 'mall.json', 'no Latin letter: mall.json');
  assert.equal((await ok(fac, { type: 'template.save', name: 'x'.repeat(80) })).file, 'x'.repeat(60) + '.json');
  assert.equal(fs.readFileSync(path.join(tdir, first.file), 'utf8'), before, 'the first file is untouched');
  assert.deepEqual(fs.readdirSync(tdir).sort(), ['mall.json', 'radrum-oppet-mote-varen-2027-2.json',
    'radrum-oppet-mote-varen-2027.json', 'x'.repeat(60) + '.json']);
  if (!process.env.MEDSKAPA_EXE) assert.equal(fs.statSync(path.join(tdir, first.file)).mode & 0o777, 0o600);   // POSIX modes

  // The file is a template: the agenda only, nothing people gave, no meeting state.
  const saved = JSON.parse(before);
  assert.equal(saved.format, 'medskapa-template');
  for (const word of ['Hemlig idé', 'Deltagare', 'token']) assert.ok(!before.includes(word), `the template has no ${word}`);
  assert.deepEqual(Object.keys(saved).sort(), ['activities', 'format', 'lang', 'tables', 'title', 'version']);
  for (const act of saved.activities)
    for (const k of ['id', 'phase', 'timer', 'round', 'consent_round', 'moretime_ask']) assert.ok(!(k in act), `no ${k}`);
  assert.equal(saved.activities.length, 7);
  assert.equal(saved.activities[2].source, 2, 'a vote\'s source counts the activities from 1');
  assert.equal(saved.activities[1].timer_s, 300);
  assert.equal(saved.activities[1].lock_at_zero, true);
  assert.equal(saved.activities[6].timer_s, 120);
  assert.equal(saved.activities[0].timer_s, undefined, 'activities in rounds: each round sets the timer');

  await hostA.stop('SIGTERM');
  const a = readSession(fileA);

  // Meeting B from the saved template: the same agenda.
  const fileB = path.join(dir, 'b', 'mote-b.json');
  fs.mkdirSync(path.dirname(fileB));
  const hostB = await startHost(['--session', fileB, '--template', path.join(tdir, first.file)]);
  t.after(() => hostB.stop('SIGKILL'));
  const facB = await Client.connect(hostB.wsUrl, { label: 'facilitator B' });
  const keyB = /#key=([0-9a-f]{32})/.exec(hostB.output())[1];
  const wb = await facB.hello({ key: keyB });
  assert.equal(wb.session.tables, 3);
  // A templates "folder" that is a file: storage, and the meeting goes on.
  fs.writeFileSync(path.join(dir, 'b', 'templates'), 'not a folder');
  await refused(facB, { type: 'template.save', name: 'Mall B' }, 'storage');
  await ok(facB, { type: 'goto', activity: 2 });
  await hostB.stop('SIGTERM');
  const b = readSession(fileB);
  assert.deepEqual(agendaOf(b), agendaOf(a));
  assert.equal(b.ideas.length, 0);
  assert.equal(b.participants.length, 0);
  assert.equal(b.current_activity, 2, 'B went on to activity 2 after the refused save');
});
