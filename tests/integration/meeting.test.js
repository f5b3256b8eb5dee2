// A whole meeting over real WebSockets against the real host: the facilitator key, the agenda,
// phases, dot voting with its limits, hidden results until reveal, silent ideas, moderation,
// groups, proxies, polls and a timer that locks at zero; and everything in the saved file.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startHost } = require('../lib/host.js');
const { Client, freshSession, readSession, sleep } = require('./_client.js');

function keyOf(host) {
  const m = /#key=([0-9a-f]{32})/.exec(host.output());
  assert.ok(m, `the host prints the facilitator key:\n${host.output()}`);
  return m[1];
}

// Send a request with a cid and wait for its ack or error.
let seq = 0;
async function request(client, msg) {
  const cid = `r${++seq}`;
  client.send({ ...msg, cid });
  return client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, `answer to ${msg.type}`);
}

async function ok(client, msg) {
  const a = await request(client, msg);
  assert.equal(a.type, 'ack', `${msg.type} refused: ${JSON.stringify(a)}`);
  return a;
}

async function refused(client, msg, code) {
  const a = await request(client, msg);
  assert.equal(a.type, 'error', `${msg.type} accepted, wanted ${code}`);
  assert.equal(a.code, code, `${msg.type}: ${a.message}`);
  assert.ok(a.message.length > 0);
  return a;
}

async function meeting(t) {
  const { session, template } = freshSession('medskapa-meeting-');
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  const wf = await fac.hello({ key: keyOf(host) });
  assert.equal(wf.you.facilitator, true);
  const amal = await Client.connect(host.wsUrl, { label: 'amal' });
  const berhane = await Client.connect(host.wsUrl, { label: 'berhane' });
  const wa = await amal.hello({ name: 'Amal' });
  const wb = await berhane.hello({ name: 'Berhane' });
  return { host, session, fac, amal, berhane, a: wa.you.id, b: wb.you.id, ideas: wa.activity.id };
}

test('facilitator key: right key controls, wrong key and phones are refused', async (t) => {
  const m = await meeting(t);
  const stranger = await Client.connect(m.host.wsUrl, { label: 'stranger' });
  const bad = await refused(stranger, { type: 'hello', proto: 1, key: '0'.repeat(32) }, 'bad_key');
  assert.match(bad.message, /facilitator key/);
  await refused(stranger, { type: 'idea.post', text: 'x' }, 'not_joined');
  // Every facilitator message from a phone: forbidden, and nothing changes.
  const forbidden = [
    { type: 'activity.add', kind: 'ideas', prompt: 'Ny fråga?' },
    { type: 'goto', activity: m.ideas },
    { type: 'phase', phase: 'locked' },
    { type: 'timer', action: 'set', seconds: 60 },
    { type: 'group.create', name: 'G' },
    { type: 'idea.hide', idea: 1 },
    { type: 'idea.edit', idea: 1, text: 'x' },
    { type: 'idea.merge', idea: 1, into: 2 },
    { type: 'proxy.add', name: 'Gunnar' },
    { type: 'idea.post', text: 'som någon annan', as: m.b },
  ];
  for (const msg of forbidden) await refused(m.amal, msg, 'forbidden');
  assert.equal(m.amal.all('state').length, 0, 'nothing changed, so no state went out');
});

test('dot voting: budget, per-item maximum, hidden until revealed, ties share a rank', async (t) => {
  const m = await meeting(t);
  const texts = ['Läxhjälp', 'Språkcafé', 'Fika'];
  const ids = [];
  for (const [k, text] of texts.entries()) ids.push((await ok(k % 2 ? m.berhane : m.amal, { type: 'idea.post', text })).idea);
  const add = await ok(m.fac, { type: 'activity.add', kind: 'vote', prompt: 'Vad först?', source: m.ideas, budget: 4, max_per_item: 3 });
  const vote = add.activity;
  await refused(m.amal, { type: 'vote', activity: vote, item: ids[0], dots: 1 }, 'not_open');
  await ok(m.fac, { type: 'goto', activity: vote });
  await ok(m.fac, { type: 'phase', activity: vote, phase: 'open' });
  const st = await m.amal.next((x) => x.type === 'state' && x.activity.id === vote && x.activity.phase === 'open', 'open vote');
  assert.deepEqual(st.items.map((i) => i.text), texts);
  assert.equal(st.results, null, 'results hidden while open');
  assert.equal(st.activity.budget, 4);

  await ok(m.amal, { type: 'vote', activity: vote, item: ids[0], dots: 3 });
  const mine = await m.amal.next('votes.mine');
  assert.equal(mine.used, 3);
  await refused(m.amal, { type: 'vote', activity: vote, item: ids[1], dots: 2 }, 'over_budget');
  await refused(m.amal, { type: 'vote', activity: vote, item: ids[1], dots: 4 }, 'over_item_max');
  await refused(m.amal, { type: 'vote', activity: vote, item: 999, dots: 1 }, 'no_idea');
  await ok(m.amal, { type: 'vote', activity: vote, item: ids[1], dots: 1 });
  await ok(m.berhane, { type: 'vote', activity: vote, item: ids[1], dots: 2 });
  await ok(m.berhane, { type: 'vote', activity: vote, item: ids[2], dots: 2 });
  await ok(m.berhane, { type: 'vote', activity: vote, item: ids[2], dots: 0 });   // withdraw
  await ok(m.berhane, { type: 'vote', activity: vote, item: ids[0], dots: 0 });   // withdrawing nothing is fine
  // The facilitator sees results as they come; the phones do not.
  const live = await m.fac.next((x) => x.type === 'results' && x.total === 6, 'facilitator results');
  assert.equal(live.rows[0].count, 3);
  await sleep(200);
  assert.equal(m.amal.all('results').length, 0, 'no results to phones before reveal');
  assert.equal(m.berhane.all('results').length, 0);

  await ok(m.fac, { type: 'phase', activity: vote, phase: 'locked' });
  await refused(m.berhane, { type: 'vote', activity: vote, item: ids[2], dots: 1 }, 'not_open');
  await ok(m.fac, { type: 'phase', activity: vote, phase: 'revealed' });
  const rev = await m.berhane.next((x) => x.type === 'state' && x.activity.phase === 'revealed', 'revealed');
  const rows = rev.results.rows;
  assert.deepEqual(rows.map((r) => [r.text, r.count, r.rank]), [['Läxhjälp', 3, 1], ['Språkcafé', 3, 1], ['Fika', 0, 3]]);
  assert.equal(rev.results.voters, 2);
  assert.equal(rev.mine.used, 2, 'berhane sees her own dots');
});

test('silent ideas stay with their author until revealed; hiding and restoring', async (t) => {
  const m = await meeting(t);
  const add = await ok(m.fac, { type: 'activity.add', kind: 'ideas', prompt: 'Vad hindrar?', silent: true });
  await ok(m.fac, { type: 'goto', activity: add.activity });
  await ok(m.fac, { type: 'phase', activity: add.activity, phase: 'open' });
  await m.berhane.next((x) => x.type === 'state' && x.activity.silent === true && x.activity.phase === 'open', 'silent open');
  const posted = await ok(m.amal, { type: 'idea.post', text: 'Avgifterna är för höga' });
  await m.amal.next((x) => x.type === 'idea.added' && x.idea.id === posted.idea, 'own silent idea');
  await m.fac.next((x) => x.type === 'idea.added' && x.idea.id === posted.idea, 'facilitator sees it');
  await sleep(200);
  assert.ok(!m.berhane.msgs.some((x) => JSON.stringify(x).includes('Avgifterna')), 'never sent to another phone');
  await ok(m.fac, { type: 'phase', activity: add.activity, phase: 'revealed' });
  const st = await m.berhane.next((x) => x.type === 'state' && x.activity.phase === 'revealed', 'revealed');
  assert.deepEqual(st.ideas.map((i) => i.text), ['Avgifterna är för höga']);

  // Hide: the author sees it marked, the other phone is told to drop it.
  await ok(m.fac, { type: 'idea.hide', idea: posted.idea });
  const own = await m.amal.next((x) => x.type === 'idea.changed' && x.idea.id === posted.idea, 'hidden own');
  assert.equal(own.idea.hidden, true);
  await m.berhane.next((x) => x.type === 'idea.removed' && x.id === posted.idea, 'removed');
  await refused(m.fac, { type: 'idea.hide', idea: posted.idea }, 'bad_value');
  // A phone joining now does not get it at all.
  const late = await Client.connect(m.host.wsUrl, { label: 'late' });
  const wl = await late.hello({});
  assert.ok(!JSON.stringify(wl).includes('Avgifterna'));
  await ok(m.fac, { type: 'idea.restore', idea: posted.idea });
  await late.next((x) => x.type === 'idea.changed' && x.idea.id === posted.idea && !x.idea.hidden, 'restored');
});

test('groups, edits, merges and proxies, all kept in the saved session', async (t) => {
  const m = await meeting(t);
  const i1 = (await ok(m.amal, { type: 'idea.post', text: 'Läxhjälp på bibliotket' })).idea;
  const i2 = (await ok(m.berhane, { type: 'idea.post', text: 'Läxhjälp!' })).idea;
  const i3 = (await ok(m.berhane, { type: 'idea.post', text: 'Fotboll på lördagar' })).idea;
  const g = (await ok(m.fac, { type: 'group.create', activity: m.ideas, name: 'Skola', idea: i1 })).group;
  await ok(m.fac, { type: 'idea.group', idea: i3, group: g });
  await ok(m.fac, { type: 'group.rename', group: g, name: 'Skola och fritid' });
  await refused(m.fac, { type: 'idea.group', idea: i3, group: 99 }, 'no_group');
  const st = await m.amal.next((x) => x.type === 'state' && x.groups.some((y) => y.name === 'Skola och fritid'), 'renamed group');
  assert.equal(st.groups.length, 1);
  await ok(m.fac, { type: 'idea.edit', idea: i1, text: 'Läxhjälp på biblioteket' });
  const ed = await m.berhane.next((x) => x.type === 'idea.changed' && x.idea.id === i1 && x.idea.edited, 'edited');
  assert.equal(ed.idea.text, 'Läxhjälp på biblioteket');
  assert.equal(ed.idea.edited, true);
  await ok(m.fac, { type: 'idea.merge', idea: i2, into: i1 });
  await m.amal.next((x) => x.type === 'idea.removed' && x.id === i2, 'merged away');
  const px = (await ok(m.fac, { type: 'proxy.add', name: 'Gunnar' })).participant;
  const pi = (await ok(m.fac, { type: 'idea.post', text: 'Skjuts till träningen', as: px })).idea;
  const seen = await m.amal.next((x) => x.type === 'idea.added' && x.idea.id === pi, 'proxy idea');
  assert.equal(seen.idea.proxy, true);
  assert.equal(seen.idea.name, 'Gunnar');
  await refused(m.fac, { type: 'idea.post', text: 'x', as: m.a }, 'forbidden');   // not a proxy

  const exit = await m.host.stop('SIGTERM');
  assert.equal(exit.code, 0, m.host.output());
  const saved = readSession(m.session);
  assert.equal(saved.version, 4);
  assert.deepEqual(saved.groups.map((x) => x.name), ['Skola och fritid']);
  const byId = Object.fromEntries(saved.ideas.map((x) => [x.id, x]));
  assert.equal(byId[i1].group, g);
  assert.equal(byId[i1].edited, true);
  assert.equal(byId[i2].merged_into, i1);
  assert.equal(saved.participants.find((p) => p.id === px).proxy, true);
  assert.deepEqual(saved.moderation.map((x) => x.action), ['edit', 'merge']);
  assert.equal(saved.moderation[0].before, 'Läxhjälp på bibliotket');
  assert.match(saved.moderation[0].at, /^\d{4}-\d\d-\d\dT/);
});

test('polls and a timer that locks at zero', async (t) => {
  const m = await meeting(t);
  const p = (await ok(m.fac, { type: 'activity.add', kind: 'poll', prompt: 'När?', poll: 'multi',
    choices: ['Kväll', 'Helg', 'Dagtid'], timer_s: 1, lock_at_zero: true })).activity;
  await ok(m.fac, { type: 'goto', activity: p });
  await ok(m.fac, { type: 'phase', phase: 'open' });
  await ok(m.amal, { type: 'poll.answer', activity: p, value: [0, 2] });
  const mine = await m.amal.next('answer.mine');
  assert.deepEqual(mine.value, [0, 2]);
  await refused(m.amal, { type: 'poll.answer', activity: p, value: 1 }, 'bad_value');   // multi wants a list
  await ok(m.berhane, { type: 'poll.answer', activity: p, value: [2] });
  await ok(m.fac, { type: 'timer', action: 'start' });
  const running = await m.amal.next((x) => x.type === 'state' && x.activity.timer && x.activity.timer.running, 'timer running');
  assert.ok(running.activity.timer.left_ms > 0 && running.activity.timer.left_ms <= 1000);
  const locked = await m.amal.next((x) => x.type === 'state' && x.activity.phase === 'locked', 'locked at zero', 4000);
  assert.equal(locked.activity.timer.running, false);
  assert.equal(locked.activity.timer.left_ms, 0);
  await refused(m.berhane, { type: 'poll.answer', activity: p, value: [1] }, 'not_open');
  await ok(m.fac, { type: 'phase', phase: 'revealed' });
  const rev = await m.berhane.next((x) => x.type === 'state' && x.activity.phase === 'revealed', 'revealed poll');
  assert.deepEqual(rev.results.rows.map((r) => [r.text, r.count, r.rank]), [['Dagtid', 2, 1], ['Kväll', 1, 2], ['Helg', 0, 3]]);
  // scale and single
  const sc = (await ok(m.fac, { type: 'activity.add', kind: 'poll', prompt: 'Hur bra?', poll: 'scale' })).activity;
  await ok(m.fac, { type: 'phase', activity: sc, phase: 'open' });
  await ok(m.amal, { type: 'poll.answer', activity: sc, value: 5 });
  await refused(m.amal, { type: 'poll.answer', activity: sc, value: 6 }, 'bad_value');
  await refused(m.fac, { type: 'activity.add', kind: 'poll', prompt: '?', poll: 'single', choices: ['Bara en'] }, 'bad_spec');
  await refused(m.fac, { type: 'activity.add', kind: 'vote', prompt: '?', source: sc }, 'bad_spec');
});
