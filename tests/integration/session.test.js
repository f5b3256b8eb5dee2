// The core scenario against the real host: phones join and post, the host saves on SIGTERM,
// and a restarted host resumes the session (ideas, and participants by their token).
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startHost } = require('../lib/host.js');
const { Client, freshSession, readSession } = require('./_client.js');

test('two phones: post, see it, ack; saved on SIGTERM; resumed after restart with the same participant', async (t) => {
  const { session, template } = freshSession();
  const text = 'Läxhjälp på biblioteket, مساعدة في الواجبات';

  let host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));

  const amal = await Client.connect(host.wsUrl, { label: 'amal' });
  const berhane = await Client.connect(host.wsUrl, { label: 'berhane' });
  const wa = await amal.hello({ name: 'Amal', lang: 'ar' });
  const wb = await berhane.hello({ name: 'Berhane', lang: 'ti' });
  assert.equal(amal.msgs[0].type, 'welcome', 'welcome is the first answer to hello');
  assert.equal(berhane.msgs[0].type, 'welcome', 'welcome is the first answer to hello');
  assert.equal(wb.phones, 2, 'the welcome counts the new phone');
  assert.equal(wa.proto, 1);
  assert.match(wa.you.token, /^[0-9a-f]{32}$/);
  assert.ok(Number.isInteger(wa.you.id) && wa.you.id > 0);
  assert.notEqual(wa.you.id, wb.you.id);
  assert.notEqual(wa.you.token, wb.you.token);
  assert.equal(wa.activity.kind, 'ideas');
  assert.deepEqual(wa.ideas, []);

  amal.send({ type: 'idea.post', cid: 'c17', text: `  ${text}  ` });
  const ack = await amal.next('ack');
  assert.equal(ack.cid, 'c17');
  assert.ok(Number.isInteger(ack.idea) && ack.idea > 0);

  const seen = await berhane.next('idea.added');
  assert.equal(seen.idea.text, text, 'spaces at both ends are trimmed');
  assert.equal(seen.idea.id, ack.idea);
  assert.equal(seen.idea.author, wa.you.id);
  assert.equal(seen.idea.name, 'Amal');
  assert.equal(seen.idea.activity, wa.activity.id);
  assert.match(seen.idea.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const own = await amal.next('idea.added');
  assert.equal(own.idea.id, ack.idea, 'the sender gets idea.added too');

  amal.close();
  berhane.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, `host exits 0 on SIGTERM:\n${host.output()}`);

  const saved = readSession(session);
  assert.equal(saved.ideas.length, 1);
  assert.equal(saved.ideas[0].text, text);
  assert.equal(saved.ideas[0].id, ack.idea);
  assert.equal(saved.ideas[0].author, wa.you.id);
  const tokens = saved.participants.map((p) => p.token).sort();
  assert.deepEqual(tokens, [wa.you.token, wb.you.token].sort());

  // Restart on the same file, without a template.
  host = await startHost(['--session', session]);
  const carin = await Client.connect(host.wsUrl, { label: 'carin' });
  const wc = await carin.hello({ lang: 'sv' });
  assert.equal(wc.ideas.length, 1);
  assert.equal(wc.ideas[0].text, text);
  assert.equal(wc.ideas[0].id, ack.idea);
  assert.equal(wc.ideas[0].author, wa.you.id);
  assert.ok(![wa.you.id, wb.you.id].includes(wc.you.id), 'a new phone is a new participant');

  const back = await Client.connect(host.wsUrl, { label: 'amal again' });
  const wback = await back.hello({ token: wa.you.token });
  assert.equal(wback.you.id, wa.you.id, 'the token makes the phone the same participant');
  assert.equal(wback.you.token, wa.you.token);
  assert.equal(wback.you.name, 'Amal', 'the name is kept when hello gives none');
  assert.equal(wback.ideas[0].text, text);

  // The rejoined participant can post, and the other phone sees it as Amal's.
  back.send({ type: 'idea.post', cid: 'again', text: 'Mer läxhjälp' });
  assert.equal((await back.next('ack')).cid, 'again');
  const seen2 = await carin.next('idea.added');
  assert.equal(seen2.idea.author, wa.you.id);

  back.close();
  carin.close();
  const exit2 = await host.stop('SIGTERM');
  assert.equal(exit2.code, 0, host.output());
  const saved2 = readSession(session);
  assert.deepEqual(saved2.ideas.map((i) => i.text), [text, 'Mer läxhjälp']);
  assert.equal(saved2.participants.length, 3, 'Amal, Berhane and Carin; Amal once');
});

test('many phones: every joined phone gets each idea once, and the presence count', async (t) => {
  const N = 40;
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));

  const phones = await Promise.all(Array.from({ length: N }, (_, i) =>
    Client.connect(host.wsUrl, { label: `phone${i}` })));
  for (const p of phones) await p.hello({});
  await phones[0].next((m) => m.type === 'presence' && m.phones === N, `presence ${N}`);

  // A phone that connected but did not say hello gets nothing.
  const lurker = await Client.connect(host.wsUrl, { label: 'lurker' });

  for (let k = 0; k < 5; k++) phones[k].send({ type: 'idea.post', cid: `k${k}`, text: `Idé nummer ${k}` });
  const want = [0, 1, 2, 3, 4].map((k) => `Idé nummer ${k}`);
  const hasAll = (msgs) => want.every((w) => msgs.some((m) => m.type === 'idea.added' && m.idea.text === w));
  await Promise.all(phones.map((p) => p.until(hasAll, 'all five ideas')));
  for (const p of phones) {
    const texts = p.all('idea.added').map((m) => m.idea.text);
    assert.equal(texts.length, 5, `${p.label} got each idea once: ${texts}`);
  }
  assert.equal(lurker.msgs.filter((m) => m.type === 'idea.added').length, 0, 'not joined, no ideas');

  // Presence drops when phones leave.
  for (const p of phones.slice(1)) p.close();
  await phones[0].next((m) => m.type === 'presence' && m.phones === 1, 'presence 1');
  phones[0].close();
  lurker.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
  assert.equal(readSession(session).ideas.length, 5);
});
