// A screened round (issue 19), with the real host and real WebSocket clients: three phones post
// to a screened ideas activity; each idea waits in the facilitator's queue and only its author
// sees it ("waiting to be shown"). The facilitator approves one, edits and approves another,
// and rejects the third (off_topic, with a note); its author, whose phone is in Arabic, gets
// the reason. The other phones never receive a waiting or rejected idea (every message they got
// is checked). Approving an idea that is not in the queue -> not_waiting and nothing changes.
// After a SIGTERM the session file and the reports have the queue and every decision; a
// second test kills the host right after a rejection is acknowledged and finds it replayed.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client, readSession, sleep } = require('./_client.js');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const SV_IDEA = 'Läxhjälp på biblioteket';
const FA_IDEA = 'کلاس زبان شبانه';
const FA_EDITED = 'کلاس زبان سوئدی شبانه';
const AR_IDEA = 'الجيران مزعجون جدا';
const NOTE = 'Ta gärna upp det med mig i pausen.';

const facilitatorKey = (host) => /#key=([0-9a-f]{32})/.exec(host.output())[1];

async function acked(client, frame) {
  client.send(frame);
  const m = await client.next((x) => (x.type === 'ack' || x.type === 'error') && x.cid === frame.cid, `ack ${frame.cid}`);
  assert.equal(m.type, 'ack', `${JSON.stringify(frame).slice(0, 120)} -> ${JSON.stringify(m)}`);
  return m;
}

async function refused(client, frame, code) {
  client.send(frame);
  const e = await client.next((m) => m.type === 'error' && m.cid === frame.cid, `error ${code}`);
  assert.equal(e.code, code, `${JSON.stringify(frame).slice(0, 120)} -> ${JSON.stringify(e)}`);
  assert.ok(e.message.length > 0);
  return e;
}

// Every idea object anywhere in a message (idea.added/changed, welcome/state lists).
function ideasIn(m) {
  const out = [];
  if (m.idea && typeof m.idea === 'object') out.push(m.idea);
  if (Array.isArray(m.ideas)) out.push(...m.ideas);
  return out;
}

test('a screened round: the queue, approve, edit and approve, a rejection told in Arabic; nobody else sees the queue', async (t) => {
  const dir = tmpdir('medskapa-screened-');
  const template = path.join(dir, 'template.json');
  const session = path.join(dir, 'session.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum: granskade idéer', lang: 'sv',
    activities: [{ kind: 'ideas', title: 'Idéer', prompt: 'Vad behöver nya i kommunen?', screened: true }],
  }));
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));

  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  const fw = await fac.hello({ key: facilitatorKey(host) });
  assert.equal(fw.activity.screened, true, 'the template\'s activity is screened');
  await acked(fac, { type: 'phase', cid: 'f0', activity: 1, phase: 'open' });

  const sv = await Client.connect(host.wsUrl, { label: 'sv phone' });
  const svw = await sv.hello({ name: 'Anna', lang: 'sv' });
  const ar = await Client.connect(host.wsUrl, { label: 'ar phone' });
  const arw = await ar.hello({ name: 'Omar', lang: 'ar' });
  const fa = await Client.connect(host.wsUrl, { label: 'fa phone' });
  await fa.hello({ name: 'Sara', lang: 'fa' });

  // Each posts; the idea waits. Its author and the facilitator get it, marked "waiting".
  const svIdea = (await acked(sv, { type: 'idea.post', cid: 's1', text: SV_IDEA })).idea;
  const arIdea = (await acked(ar, { type: 'idea.post', cid: 'a1', text: AR_IDEA })).idea;
  const faIdea = (await acked(fa, { type: 'idea.post', cid: 'p1', text: FA_IDEA })).idea;
  for (const [phone, id] of [[sv, svIdea], [ar, arIdea], [fa, faIdea]]) {
    const own = await phone.next((m) => m.type === 'idea.added' && m.idea.id === id, `${phone.label}: its own idea`);
    assert.equal(own.idea.status, 'waiting');
    const q = await fac.next((m) => m.type === 'idea.added' && m.idea.id === id, `the facilitator's queue: ${id}`);
    assert.equal(q.idea.status, 'waiting');
  }

  // Only the facilitator screens; a vote on ideas cannot be screened.
  await refused(sv, { type: 'idea.approve', cid: 's2', idea: arIdea }, 'forbidden');
  await refused(fac, { type: 'activity.add', cid: 'f1', kind: 'vote', prompt: 'Vad först?', source: 1, screened: true },
    'bad_spec');

  // Approve as it is; edit and approve.
  await acked(fac, { type: 'idea.approve', cid: 'f2', idea: svIdea });
  for (const phone of [sv, ar, fa]) {
    const ch = await phone.next((m) => m.type === 'idea.changed' && m.idea.id === svIdea, `${phone.label}: the approved idea`);
    assert.equal(ch.idea.text, SV_IDEA);
    assert.equal(ch.idea.status, undefined, 'shown: no status');
  }
  await acked(fac, { type: 'idea.approve', cid: 'f3', idea: faIdea, text: FA_EDITED });
  for (const phone of [sv, ar, fa]) {
    const ch = await phone.next((m) => m.type === 'idea.changed' && m.idea.id === faIdea, `${phone.label}: the edited idea`);
    assert.equal(ch.idea.text, FA_EDITED);
    assert.equal(ch.idea.edited, true);
  }

  // Reject with a reason by name and a note: its author is told, in the phone's own words.
  await refused(fac, { type: 'idea.reject', cid: 'f4', idea: arIdea, reason: 'rude' }, 'bad_value');
  await refused(fac, { type: 'idea.reject', cid: 'f5', idea: arIdea }, 'missing_field');
  await acked(fac, { type: 'idea.reject', cid: 'f6', idea: arIdea, reason: 'off_topic', note: NOTE });
  const told = await ar.next((m) => m.type === 'idea.changed' && m.idea.id === arIdea, 'the rejection');
  assert.equal(told.idea.status, 'rejected');
  assert.equal(told.idea.reject, 'off_topic');
  assert.equal(told.idea.reject_note, NOTE);
  const facSaw = await fac.next((m) => m.type === 'idea.changed' && m.idea.id === arIdea, 'the facilitator sees the decision');
  assert.equal(facSaw.idea.reject, 'off_topic');

  // Approving (or rejecting) an idea not in the queue: not_waiting, and nothing changes.
  const seen = [sv, ar, fa, fac].map((c) => c.msgs.length);
  await refused(fac, { type: 'idea.approve', cid: 'f7', idea: svIdea }, 'not_waiting');
  await refused(fac, { type: 'idea.approve', cid: 'f8', idea: arIdea }, 'not_waiting');
  await refused(fac, { type: 'idea.reject', cid: 'f9', idea: faIdea, reason: 'duplicate' }, 'not_waiting');
  await refused(fac, { type: 'idea.approve', cid: 'f10', idea: 999 }, 'no_idea');
  await sleep(200);
  [sv, ar, fa, fac].forEach((c, k) => {
    // A `progress` is coalesced (250 ms) from the posts before: it may arrive late on a slow host,
    // but it must still count the three phones that posted, no more.
    const late = (m) => m.type === 'progress' && m.activity === 1 && m.done === 3 && m.of === 3;
    const after = c.msgs.slice(seen[k]).filter((m) => m.type !== 'error' && m.type !== 'presence' && !late(m));
    assert.deepEqual(after, [], `${c.label}: a refused decision changed nothing`);
  });

  // A phone that joins now gets the shown ideas only; the author of the rejected idea gets it back.
  const late = await Client.connect(host.wsUrl, { label: 'late phone' });
  const lw = await late.hello({ name: 'Dawit', lang: 'ti' });
  assert.deepEqual(lw.ideas.map((i) => i.id).sort(), [svIdea, faIdea].sort());
  const arAgain = await Client.connect(host.wsUrl, { label: 'ar phone again' });
  const aw = await arAgain.hello({ token: arw.you.token });
  const back = aw.ideas.find((i) => i.id === arIdea);
  assert.equal(back.status, 'rejected');
  assert.equal(back.reject, 'off_topic');
  assert.equal(back.reject_note, NOTE);
  assert.equal(svw.you.facilitator, false);

  // Every message the other phones received: never a waiting or rejected idea, never its text.
  await sleep(300);
  for (const [phone, own] of [[sv, svIdea], [fa, faIdea], [late, 0]]) {
    for (const m of phone.msgs) {
      for (const i of ideasIn(m)) {
        if (i.id === own) continue;
        assert.equal(i.status, undefined, `${phone.label} got a screened idea: ${JSON.stringify(m)}`);
        assert.notEqual(i.id, arIdea, `${phone.label} got the rejected idea: ${JSON.stringify(m)}`);
      }
      const raw = JSON.stringify(m);
      assert.ok(!raw.includes(AR_IDEA) && !raw.includes(NOTE), `${phone.label}: ${raw}`);
      if (m.type === 'idea.removed') assert.notEqual(m.id, arIdea, `${phone.label} heard of the rejected idea`);
    }
    // before its approval an idea of someone else never reached this phone
    const firstSv = phone.msgs.findIndex((m) => ideasIn(m).some((i) => i.id === svIdea));
    if (phone !== sv && phone !== late) assert.equal(phone.msgs[firstSv].type, 'idea.changed');
  }

  // SIGTERM: the session file keeps the queue and every decision.
  await host.stop('SIGTERM');
  const s = readSession(session);
  assert.equal(s.activities[0].screened, true);
  const byId = Object.fromEntries(s.ideas.map((i) => [i.id, i]));
  assert.equal(byId[svIdea].status, undefined);
  assert.ok(byId[svIdea].decided, 'when it was approved');
  assert.equal(byId[faIdea].text, FA_EDITED);
  assert.equal(byId[faIdea].edited, true);
  assert.equal(byId[arIdea].status, 'rejected');
  assert.equal(byId[arIdea].reject, 'off_topic');
  assert.equal(byId[arIdea].reject_note, NOTE);
  assert.ok(byId[arIdea].decided);
  assert.deepEqual(s.moderation.map((l) => [l.action, l.idea]),
    [['approve', svIdea], ['edit', faIdea], ['approve', faIdea], ['reject', arIdea]]);
  assert.equal(s.moderation[1].before, FA_IDEA);
  assert.equal(s.moderation[1].after, FA_EDITED);
  assert.equal(s.moderation[3].after, 'off_topic');

  // It loads again as it was: the author still has the reason after a restart.
  const again = await startHost(['--session', session]);
  t.after(() => again.stop('SIGKILL'));
  const ar3 = await Client.connect(again.wsUrl, { label: 'ar after restart' });
  const a3 = await ar3.hello({ token: arw.you.token });
  assert.equal(a3.ideas.find((i) => i.id === arIdea).reject, 'off_topic');
  const other = await Client.connect(again.wsUrl, { label: 'sv after restart' });
  const o3 = await other.hello({ token: svw.you.token });
  assert.ok(!o3.ideas.some((i) => i.id === arIdea), 'the rejected idea stays its author\'s');
  await again.stop('SIGTERM');

  // The reports: the counts, the idea the room never saw with its reason, the log.
  const md = spawnSync(BIN, ['report', session, '--format', 'md'], { cwd: ROOT }).stdout.toString();
  assert.match(md, /Granskade idéer: 2 visades efter godkännande, 1 visades inte, 0 väntar fortfarande\./);
  assert.match(md, /### Visades inte för rummet/);
  const line = md.split('\n').find((l) => l.includes(`**#${arIdea}**`));
  assert.ok(line && line.includes(AR_IDEA) && line.includes('Handlar om något annat') && line.includes(NOTE), line);
  assert.match(md, /\| Godkänd \|/);
  assert.match(md, /\| Visades inte \| #\d+ .*Handlar om något annat/);
  const en = spawnSync(BIN, ['report', session, '--format', 'md', '--lang', 'en'], { cwd: ROOT }).stdout.toString();
  assert.match(en, /Screened ideas: 2 shown after approval, 1 not shown, 0 still waiting\./);
  assert.match(en, /About something else/);
  const csv = spawnSync(BIN, ['report', session, '--format', 'csv'], { cwd: ROOT }).stdout.toString().split('\r\n');
  assert.match(csv[0], /,Granskning,Mötesledarens ord$/);
  const row = (id) => csv.find((l) => l.startsWith(`${id},`));
  assert.ok(row(arIdea).endsWith(`,Handlar om något annat,\u2068${NOTE}\u2069`), row(arIdea));   /* user text isolated */
  assert.match(row(svIdea), /,Godkänd,$/);
  assert.match(row(faIdea), /,Godkänd,$/);
  const html = spawnSync(BIN, ['report', session, '--format', 'html'], { cwd: ROOT, maxBuffer: 64 << 20 }).stdout.toString();
  assert.match(html, /<ul class="ideas not-shown">/);
  assert.ok(html.includes('Handlar om något annat') && html.includes(NOTE));
  // the shown list of the activity has the two approved ideas, not the rejected one
  const shownList = html.slice(html.indexOf('<ul class="ideas">'), html.indexOf('<ul class="ideas not-shown">'));
  assert.ok(shownList.includes(SV_IDEA) && shownList.includes(FA_EDITED) && !shownList.includes(AR_IDEA));
});

test('a decision survives a SIGKILL right after its ack: the journal replays the queue and the rejection', async (t) => {
  const dir = tmpdir('medskapa-screened-kill-');
  const template = path.join(dir, 'template.json');
  const session = path.join(dir, 'session.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum', lang: 'sv',
    activities: [{ kind: 'ideas', title: 'Idéer', prompt: 'Vad saknas?', screened: true }],
  }));
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key: facilitatorKey(host) });
  await acked(fac, { type: 'phase', cid: 'f0', activity: 1, phase: 'open' });
  const ar = await Client.connect(host.wsUrl, { label: 'ar phone' });
  const aw = await ar.hello({ name: 'Omar', lang: 'ar' });
  const waiting = (await acked(ar, { type: 'idea.post', cid: 'a1', text: 'فكرة تنتظر' })).idea;
  const rejected = (await acked(ar, { type: 'idea.post', cid: 'a2', text: AR_IDEA })).idea;
  await acked(fac, { type: 'idea.reject', cid: 'f1', idea: rejected, reason: 'hurtful', note: NOTE });
  await host.stop('SIGKILL');

  const again = await startHost(['--session', session]);
  t.after(() => again.stop('SIGKILL'));
  const back = await Client.connect(again.wsUrl, { label: 'ar after SIGKILL' });
  const w = await back.hello({ token: aw.you.token });
  const byId = Object.fromEntries(w.ideas.map((i) => [i.id, i]));
  assert.equal(byId[waiting].status, 'waiting');
  assert.equal(byId[rejected].status, 'rejected');
  assert.equal(byId[rejected].reject, 'hurtful');
  assert.equal(byId[rejected].reject_note, NOTE);
  const other = await Client.connect(again.wsUrl, { label: 'new phone' });
  assert.deepEqual((await other.hello({ name: 'Lena', lang: 'sv' })).ideas, [], 'nothing waiting or rejected for anyone else');
  // Approving the rejected idea after the restart: not_waiting; the waiting one still can be.
  const fac2 = await Client.connect(again.wsUrl, { label: 'facilitator again' });
  await fac2.hello({ key: facilitatorKey(again) });
  await refused(fac2, { type: 'idea.approve', cid: 'g1', idea: rejected }, 'not_waiting');
  await acked(fac2, { type: 'idea.approve', cid: 'g2', idea: waiting });
  await other.next((m) => m.type === 'idea.changed' && m.idea.id === waiting, 'the approved idea reaches the new phone');
  await again.stop('SIGTERM');
  const s = readSession(session);
  assert.deepEqual(s.moderation.map((l) => [l.action, l.idea, l.after || null]),
    [['reject', rejected, 'hurtful'], ['approve', waiting, null]]);
});
