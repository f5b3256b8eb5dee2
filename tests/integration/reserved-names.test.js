// Nobody can pass for the facilitator, over real WebSockets against the real host: a role word
// as a display name ("Facilitator", "Mötesledare", the same with a zero-width space inside, ...)
// gets error name_reserved and joins no one; names are stored cleaned of zero-width and bidi
// characters, with spaces collapsed; the facilitator's proxy.add is held to the same rules.
//   MEDSKAPA_BIN=build/medskapa node --test tests/integration/reserved-names.test.js
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startHost } = require('../lib/host.js');
const { Client, freshSession, readSession } = require('./_client.js');

function keyOf(host) {
  const m = /#key=([0-9a-f]{32})/.exec(host.output());
  assert.ok(m, `the host prints the facilitator key:\n${host.output()}`);
  return m[1];
}

// The next welcome or error on this connection (a hello has no cid to match on).
const answer = (c, what) => c.next((m) => m.type === 'welcome' || m.type === 'error', what);

let seq = 0;
async function request(client, msg) {
  const cid = `n${++seq}`;
  client.send({ ...msg, cid });
  return client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, `answer to ${msg.type}`);
}

async function meeting(t) {
  const { session, template } = freshSession('medskapa-names-');
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  const wf = await fac.hello({ key: keyOf(host) });
  assert.equal(wf.you.facilitator, true);
  t.after(() => fac.close());
  return { host, session, fac };
}

const ROLE_NAMES = [
  'Facilitator', 'Mötesledare', 'Moderator', 'Möte\u200Bsledare', 'MÖTESLEDARE', ' tolk ',
  'Anna, mötesledare', 'Mode\u202Erator', 'Фасилітатор', 'Ведучий', 'المنسّق', 'گرداننده',
  'መራሒ ኣኼባ', 'Hagaha shirka',
];

test('a role word as a display name gets name_reserved and joins no one', async (t) => {
  const m = await meeting(t);
  const phone = await Client.connect(m.host.wsUrl, { label: 'phone' });
  t.after(() => phone.close());
  for (const name of ROLE_NAMES) {
    phone.send({ type: 'hello', proto: 1, name, lang: 'sv' });
    const a = await answer(phone, `the answer to hello "${name}"`);
    assert.equal(a.type, 'error', `"${name}" was taken as a name: ${JSON.stringify(a)}`);
    assert.equal(a.code, 'name_reserved', `"${name}": ${a.message}`);
    assert.equal(a.field, 'name');
    assert.ok(a.message.length > 0);
  }
  // The connection is still unjoined: it may not post, and may say hello again with a name.
  phone.send({ type: 'idea.post', cid: 'early', text: 'Hej' });
  const early = await phone.next((x) => x.type === 'error' && x.cid === 'early', 'the refusal of an early post');
  assert.equal(early.code, 'not_joined');
  const w = await phone.hello({ name: 'Amina', lang: 'sv' });
  assert.equal(w.you.name, 'Amina');
  assert.equal(w.you.id, 1, 'no participant was made by a refused hello');
  // A known participant cannot take a role word as a new name on rejoin either.
  const again = await Client.connect(m.host.wsUrl, { label: 'again' });
  t.after(() => again.close());
  again.send({ type: 'hello', proto: 1, token: w.you.token, name: 'Facilitator' });
  const r = await answer(again, 'the answer to a rejoin as "Facilitator"');
  assert.equal(r.code, 'name_reserved');
  const back = await again.hello({ token: w.you.token });
  assert.equal(back.you.id, 1);
  assert.equal(back.you.name, 'Amina', 'the refused rejoin left the name as it was');
  // "Tolkien" is a name, not "tolk".
  const tolkien = await Client.connect(m.host.wsUrl, { label: 'tolkien' });
  t.after(() => tolkien.close());
  assert.equal((await tolkien.hello({ name: 'Tolkien' })).you.name, 'Tolkien');

  const exit = await m.host.stop('SIGTERM');
  assert.equal(exit.code, 0, m.host.output());
  const names = readSession(m.session).participants.map((p) => p.name);
  assert.deepEqual(names, ['Amina', 'Tolkien']);
});

test('a display name is stored cleaned of zero-width and bidi characters, spaces collapsed', async (t) => {
  const m = await meeting(t);
  const phone = await Client.connect(m.host.wsUrl, { label: 'phone' });
  t.after(() => phone.close());
  const raw = '\u202E\uFEFF Am\u200Bi\u2060na \u00A0\u3000 K\u00ADa\u200Fri\u2066m\u2069 ';
  const w = await phone.hello({ name: raw });
  assert.equal(w.you.name, 'Amina Karim');
  // The idea carries the cleaned name to every phone.
  const other = await Client.connect(m.host.wsUrl, { label: 'other' });
  t.after(() => other.close());
  await other.hello({ name: 'Berhane' });
  const ack = await request(phone, { type: 'idea.post', text: 'Läxhjälp' });
  assert.equal(ack.type, 'ack', JSON.stringify(ack));
  const added = await other.next((x) => x.type === 'idea.added' && x.idea.id === ack.idea, 'the idea');
  assert.equal(added.idea.name, 'Amina Karim');
  // 40 letters with 30 zero-width spaces among them: 40 characters once cleaned, taken.
  const long = Array.from({ length: 40 }, (_, k) => (k < 30 ? 'å\u200B' : 'å')).join('');
  const lp = await Client.connect(m.host.wsUrl, { label: 'long' });
  t.after(() => lp.close());
  assert.equal((await lp.hello({ name: long })).you.name, 'å'.repeat(40));

  const exit = await m.host.stop('SIGTERM');
  assert.equal(exit.code, 0, m.host.output());
  const saved = readSession(m.session).participants;
  assert.equal(saved.find((p) => p.id === w.you.id).name, 'Amina Karim');
});

test('proxy.add by the facilitator is cleaned and refused role words the same way', async (t) => {
  const m = await meeting(t);
  for (const name of ['Facilitator', 'Möte\u200Bsledare', 'Interpreter']) {
    const r = await request(m.fac, { type: 'proxy.add', name });
    assert.equal(r.type, 'error', `proxy "${name}" was added: ${JSON.stringify(r)}`);
    assert.equal(r.code, 'name_reserved');
    assert.equal(r.field, 'name');
  }
  const empty = await request(m.fac, { type: 'proxy.add', name: '\u200B\u202E\u2066 ' });
  assert.equal(empty.code, 'empty_text', 'a name of nothing visible is empty');
  const ok = await request(m.fac, { type: 'proxy.add', name: '\u202EGun\u200Bnar\u00A0 ' });
  assert.equal(ok.type, 'ack', JSON.stringify(ok));
  const st = await m.fac.next((x) => x.type === 'state' && (x.proxies || []).length === 1, 'the proxy in the state');
  assert.deepEqual(st.proxies.map((p) => [p.id, p.name]), [[ok.participant, 'Gunnar']]);
});
