// A consent round (issue 19), with the real host and real WebSocket clients: an objection with
// a reason, a concern told in person, results hidden from the phones until revealed (reasons
// only to the facilitator, never who), the facilitator out of the vote, an answer after the
// lock (not_open, nothing changes), need_reason, "need more time?" (not_asked, counts), an
// amendment and a second round; the room's progress to the facilitator; a SIGTERM, and a
// SIGKILL right after acknowledgements: nothing acknowledged is lost; the session file and the
// reports keep both rounds with their text and counts.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { startHost, tmpdir, ROOT, BIN } = require('../lib/host.js');
const { Client, readSession } = require('./_client.js');

const FIRST = 'Vi provar tysta rundor på alla möten i ett år.';
const SECOND = 'Vi provar tysta rundor på varannat möte i ett halvår.';

function meeting() {
  const dir = tmpdir('medskapa-consent-');
  const template = path.join(dir, 'template.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum: beslut', lang: 'sv',
    activities: [
      { kind: 'consent', title: 'Beslut', prompt: FIRST },
      { kind: 'ideas', title: 'Idéer', prompt: 'Vad mer?' },
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

// The latest state (or welcome) so far, once it is one for which pred holds.
async function stateWhere(c, pred, what) {
  const latest = (msgs) => msgs.filter((m) => m.type === 'state' || m.type === 'welcome').pop();
  await c.until((msgs) => { const l = latest(msgs); return l && pred(l); }, what);
  return latest(c.msgs);
}

test('a consent round: objection, concern in person, hidden until revealed, amended into a second round; SIGTERM and SIGKILL lose nothing', async (t) => {
  const m = meeting();
  let host = await startHost(['--session', m.session, '--template', m.template]);
  t.after(() => host.stop('SIGKILL'));
  const key = facilitatorKey(host);

  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  const fw = await fac.hello({ key });
  assert.equal(fw.activity.kind, 'consent');
  assert.equal(fw.activity.proposal, FIRST);
  assert.equal(fw.activity.consent_round, 1);
  const phones = [];
  for (const [name, lang] of [['Anna', 'sv'], ['Bahar', 'fa'], ['Omar', 'ar']]) {
    const c = await Client.connect(host.wsUrl, { label: name });
    const w = await c.hello({ name, lang });
    assert.equal(w.activity.proposal, FIRST);
    assert.equal(w.results, null, 'nothing to see before any answer');
    assert.equal(w.mine.consent, null);
    phones.push(c);
  }
  const [anna, bahar, omar] = phones;
  await fac.next((x) => x.type === 'progress' && x.done === 0 && x.of === 3, 'progress 0 of 3');

  // Answers; a concern or an objection needs a reason; an unknown answer is bad_value.
  await acked(anna, { type: 'consent.answer', answer: 'yes' });
  await acked(bahar, { type: 'consent.answer', answer: 'objection', reason: 'Det tar för lång tid på korta möten.' });
  await refused(omar, { type: 'consent.answer', answer: 'concern' }, 'need_reason');
  await refused(omar, { type: 'consent.answer', answer: 'concern', reason: '   ' }, 'need_reason');
  await refused(omar, { type: 'consent.answer', answer: 'maybe' }, 'bad_value');
  await acked(omar, { type: 'consent.answer', answer: 'concern', in_person: true });
  // The facilitator stays out of the vote: without "as" her answer is refused.
  await refused(fac, { type: 'consent.answer', answer: 'yes' }, 'forbidden');
  await fac.next((x) => x.type === 'progress' && x.done === 3 && x.of === 3, 'progress 3 of 3');

  // Hidden from the phones: their own answer only. The facilitator sees counts and reasons, never who.
  const own = await stateWhere(bahar, (s) => s.mine.consent && s.mine.consent.answer === 'objection', 'own answer');
  assert.equal(own.mine.consent.reason, 'Det tar för lång tid på korta möten.');
  assert.equal(own.results, null);
  const fs1 = await stateWhere(fac, (s) => s.results && s.results.concern === 1, 'facilitator counts');
  assert.deepEqual([fs1.results.yes, fs1.results.live, fs1.results.concern, fs1.results.objection], [1, 0, 1, 1]);
  assert.equal(fs1.results.reasons.length, 2);
  for (const r of fs1.results.reasons) {
    assert.deepEqual(Object.keys(r).filter((k) => !['answer', 'reason', 'photo', 'in_person'].includes(k)), [], 'never who');
  }
  assert.ok(fs1.results.reasons.some((r) => r.in_person && r.answer === 'concern'));
  assert.deepEqual(fs1.progress, { activity: 1, done: 3, of: 3 });
  for (const c of phones) assert.ok(!JSON.stringify(c.msgs).includes('"reasons"'), `${c.label} never gets the reasons`);

  // Need more time? Not asked yet; asked; the counts go to the facilitator, and to everyone once closed.
  await refused(anna, { type: 'moretime.answer', answer: 'more' }, 'not_asked');
  await acked(fac, { type: 'moretime.ask' });
  await stateWhere(anna, (s) => s.activity.moretime && s.activity.moretime.open, 'asked');
  await acked(anna, { type: 'moretime.answer', answer: 'little' });
  await acked(anna, { type: 'moretime.answer', answer: 'more' });   // replaces
  await acked(omar, { type: 'moretime.answer', answer: 'done' });
  await refused(anna, { type: 'moretime.answer', answer: 'soon' }, 'bad_value');
  const mine = await stateWhere(anna, (s) => s.activity.moretime && s.activity.moretime.mine === 'more', 'mine more');
  assert.equal(mine.activity.moretime.counts, undefined, 'counts hidden while asked');
  await stateWhere(fac, (s) => s.activity.moretime && s.activity.moretime.counts.more === 1 &&
    s.activity.moretime.counts.done === 1, 'facilitator sees the counts');
  await acked(fac, { type: 'moretime.close' });
  const closed = await stateWhere(bahar, (s) => s.activity.moretime && !s.activity.moretime.open, 'closed');
  assert.deepEqual(closed.activity.moretime.counts, { done: 1, little: 0, more: 1 });
  await refused(bahar, { type: 'moretime.answer', answer: 'done' }, 'not_asked');

  // Locked: an answer is not_open and changes nothing.
  await acked(fac, { type: 'phase', phase: 'locked' });
  await refused(anna, { type: 'consent.answer', answer: 'objection', reason: 'Nej' }, 'not_open');
  await refused(bahar, { type: 'consent.answer', answer: 'yes' }, 'not_open');
  // Revealed: the counts to everyone, no reasons.
  await acked(fac, { type: 'phase', phase: 'revealed' });
  const rv = await stateWhere(omar, (s) => s.results && s.activity.phase === 'revealed', 'revealed');
  assert.deepEqual([rv.results.yes, rv.results.live, rv.results.concern, rv.results.objection], [1, 0, 1, 1]);
  assert.equal(rv.results.reasons, undefined);

  // The amendment: a second round, open, answers empty, results hidden again; round 1 kept.
  await refused(anna, { type: 'consent.amend', text: 'Nej' }, 'forbidden');
  await acked(fac, { type: 'consent.amend', text: SECOND });
  const r2 = await stateWhere(anna, (s) => s.activity.consent_round === 2, 'round 2');
  assert.equal(r2.activity.proposal, SECOND);
  assert.equal(r2.activity.phase, 'open');
  assert.equal(r2.mine.consent, null);
  assert.equal(r2.results, null);
  const f2 = await stateWhere(fac, (s) => s.activity.consent_round === 2, 'facilitator round 2');
  assert.deepEqual(f2.results.rounds, [{ round: 1, text: FIRST, counts: { yes: 1, live: 0, concern: 1, objection: 1 } }]);
  await acked(anna, { type: 'consent.answer', answer: 'live' });
  await acked(bahar, { type: 'consent.answer', answer: 'concern', reason: 'Vem håller i tiden?' });
  // A concern with a photo as its reason (a message over 8 KB): stored under its content's name.
  const jpeg = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'photos', 'hus.jpg'));
  const photoName = crypto.createHash('sha256').update(jpeg).digest('hex') + '.jpg';
  await acked(anna, { type: 'consent.answer', answer: 'concern', photo: jpeg.toString('base64') });
  assert.ok(fs.existsSync(path.join(m.dir, 'session-photos', photoName)), 'the photo is beside the session');
  const fp = await stateWhere(fac, (x) => x.results && (x.results.reasons || []).some((r) => r.photo === photoName), 'photo reason');
  assert.ok(fp.results.reasons.every((r) => !('participant' in r) && !('name' in r)));
  await refused(anna, { type: 'consent.answer', answer: 'concern', photo: Buffer.from('<html></html>').toString('base64') }, 'photo_type');

  // SIGTERM: the session file has both rounds.
  const term = await host.stop('SIGTERM');
  assert.equal(term.code, 0, host.output());
  let s = readSession(m.session);
  assert.equal(s.version, 4);
  const act = s.activities[0];
  assert.equal(act.kind, 'consent');
  assert.equal(act.prompt, SECOND);
  assert.equal(act.consent_round, 2);
  assert.equal(act.moretime_ask, 1);
  assert.equal(act.moretime_open, undefined);
  assert.deepEqual(s.consent_rounds.map((r) => [r.round, r.text, r.counts]),
    [[1, FIRST, { yes: 1, live: 0, concern: 1, objection: 1 }]]);
  assert.equal(s.consents.filter((c) => c.round === 1).length, 3);
  assert.equal(s.consents.filter((c) => c.round === 2).length, 2);
  assert.ok(s.consents.some((c) => c.round === 2 && c.photo === photoName && c.answer === 'concern'));
  assert.ok(s.consents.some((c) => c.round === 1 && c.in_person && c.answer === 'concern'));
  assert.deepEqual(s.moretime.map((x) => x.answer).sort(), ['done', 'more']);
  assert.equal(s.activities[1].consent_round, undefined, 'not written on other activities');

  // Restart; an answer acknowledged just before a SIGKILL is kept.
  host = await startHost(['--session', m.session]);
  const omar2 = await Client.connect(host.wsUrl, { label: 'Omar again' });
  const ow = await omar2.hello({ name: 'Omar', lang: 'ar', token: omar.msgs.find((x) => x.type === 'welcome').you.token });
  assert.equal(ow.activity.consent_round, 2);
  assert.equal(ow.mine.consent, null);
  await acked(omar2, { type: 'consent.answer', answer: 'objection', reason: 'Vi har inte råd.' });
  host.proc.kill('SIGKILL');
  await host.exited;
  host = await startHost(['--session', m.session]);
  const fac3 = await Client.connect(host.wsUrl, { label: 'facilitator again' });
  const f3 = await fac3.hello({ key: facilitatorKey(host) });
  assert.deepEqual([f3.results.yes, f3.results.live, f3.results.concern, f3.results.objection], [0, 0, 2, 1]);
  assert.equal(f3.results.rounds.length, 1);
  assert.ok(f3.results.reasons.some((r) => r.reason === 'Vi har inte råd.'));
  assert.equal((await host.stop('SIGTERM')).code, 0);
  s = readSession(m.session);
  assert.equal(s.consents.filter((c) => c.round === 2).length, 3);

  // The reports keep both rounds, with their text and counts, and the reasons without names.
  const md = spawnSync(BIN, ['report', m.session, '--format', 'md'], { cwd: ROOT }).stdout.toString();
  assert.ok(md.includes(FIRST) && md.includes(SECOND), md);
  assert.ok(md.includes('Vi har inte råd.'), md);
  const csv = spawnSync(BIN, ['report', m.session, '--format', 'csv', '--table', 'consent'], { cwd: ROOT }).stdout.toString();
  assert.ok(csv.includes(FIRST) && csv.includes(SECOND), csv);
  const html = spawnSync(BIN, ['report', m.session, '--format', 'html'], { cwd: ROOT, maxBuffer: 64 << 20 }).stdout.toString();
  assert.ok(html.includes(SECOND), 'the html report');
  for (const name of ['Anna', 'Bahar', 'Omar']) {
    const reasons = md.split('\n').filter((l) => l.includes('Vi har inte råd.') || l.includes('Vem håller i tiden?'));
    assert.ok(reasons.every((l) => !l.includes(name)), `no name beside a reason (${name})`);
  }
});
