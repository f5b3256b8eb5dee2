// Untrusted phones: every bad message gets its documented `error` code and changes nothing;
// connection-level limits close the sender with the documented WebSocket close code.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startHost } = require('../lib/host.js');
const { Client, freshSession, readSession, sleep } = require('./_client.js');

const MAX_MESSAGE = 8192;
const MAX_PHOTO_MESSAGE = 2 * 1024 * 1024;   // proto.h: PROTO_MAX_PHOTO_MESSAGE

// [what, frame as sent, expected code, expected field (or undefined), expected cid]
const BAD_AFTER_HELLO = [
  ['malformed JSON', '{"type":"idea.post","text":"x"', 'bad_json'],
  ['trailing garbage', '{"type":"idea.post","text":"trailing"} x', 'bad_json'],
  ['two objects', '{"type":"idea.post","text":"a"}{"type":"idea.post","text":"b"}', 'bad_json'],
  ['JSON array', '[{"type":"idea.post","text":"in an array"}]', 'not_object'],
  ['JSON string', '"idea.post"', 'not_object'],
  ['missing type', { cid: 'm1', text: 'no type' }, 'missing_field', 'type', 'm1'],
  ['type not a string', { type: 7, cid: 'm2', text: 'x' }, 'bad_field', 'type', 'm2'],
  ['unknown type', { type: 'idea.delete', cid: 'u1', idea: 1 }, 'unknown_type', undefined, 'u1'],
  ['missing text', { type: 'idea.post', cid: 't1' }, 'missing_field', 'text', 't1'],
  ['text a number', { type: 'idea.post', cid: 't2', text: 42 }, 'bad_field', 'text', 't2'],
  ['text an array', { type: 'idea.post', cid: 't4', text: ['a'] }, 'bad_field', 'text', 't4'],
  ['text an object', { type: 'idea.post', cid: 't5', text: { s: 'a' } }, 'bad_field', 'text', 't5'],
  ['text true', { type: 'idea.post', cid: 't6', text: true }, 'bad_field', 'text', 't6'],
  ['empty text', { type: 'idea.post', cid: 'e1', text: '' }, 'empty_text', undefined, 'e1'],
  ['whitespace text', { type: 'idea.post', cid: 'e2', text: ' \t\n  ' }, 'empty_text', undefined, 'e2'],
  ['281 characters', { type: 'idea.post', cid: 'l1', text: 'a'.repeat(281) }, 'text_too_long', undefined, 'l1'],
  ['281 characters of å', { type: 'idea.post', cid: 'l2', text: 'å'.repeat(281) }, 'text_too_long', undefined, 'l2'],
  ['NUL in text', '{"type":"idea.post","cid":"n1","text":"a\\u0000b"}', 'bad_utf8', undefined, 'n1'],
  ['lone surrogate', '{"type":"idea.post","cid":"s1","text":"a\\ud800b"}', 'bad_utf8', undefined, 's1'],
  ['lone low surrogate', '{"type":"idea.post","cid":"s2","text":"\\udc00"}', 'bad_utf8', undefined, 's2'],
  // tables and rounds (issue 19): the meeting has no tables and no rounds
  ['table.join to no table', { type: 'table.join', cid: 'tb1', table: 3 }, 'no_table', undefined, 'tb1'],
  ['table.join scribe not a bool', { type: 'table.join', cid: 'tb2', table: 0, scribe: 'yes' }, 'bad_field', 'scribe', 'tb2'],
  ['tables.assign from a phone', { type: 'tables.assign', cid: 'tb3', size: 4 }, 'forbidden', undefined, 'tb3'],
  ['round.next from a phone', { type: 'round.next', cid: 'rn1' }, 'forbidden', undefined, 'rn1'],
  ['idea.post for a table', { type: 'idea.post', cid: 'wt1', text: 'x', table: 1 }, 'wrong_table', undefined, 'wt1'],
  ['idea.forward of no idea', { type: 'idea.forward', cid: 'if1', idea: 999 }, 'no_idea', undefined, 'if1'],
  ['second hello', { type: 'hello', proto: 1, cid: 'h2' }, 'already_joined', undefined, 'h2'],
];

async function expectError(client, frame, code, field, cid) {
  client.send(frame);
  const e = await client.next('error', `an error ${code}`);
  assert.equal(e.code, code, `${JSON.stringify(frame).slice(0, 80)} -> ${JSON.stringify(e)}`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0, 'the error has a message');
  if (field !== undefined) assert.equal(e.field, field, `field of ${JSON.stringify(e)}`);
  if (cid !== undefined) assert.equal(e.cid, cid, `cid echoed in ${JSON.stringify(e)}`);
  return e;
}

test('each bad message gets its error code, changes nothing, and the connection stays usable', async (t) => {
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));

  const poster = await Client.connect(host.wsUrl, { label: 'poster' });
  const watcher = await Client.connect(host.wsUrl, { label: 'watcher' });
  await poster.hello({ name: 'Poster' });
  await watcher.hello({ name: 'Watcher' });

  for (const [what, frame, code, field, cid] of BAD_AFTER_HELLO) {
    await t.test(what, () => expectError(poster, frame, code, field, cid));
  }
  // `"text": null` reads as absent or as the wrong type; either error is fine, not an idea.
  await t.test('text null', async () => {
    poster.send({ type: 'idea.post', cid: 't3', text: null });
    const e = await poster.next('error');
    assert.ok(['missing_field', 'bad_field'].includes(e.code), JSON.stringify(e));
    assert.equal(e.field, 'text');
  });

  // A message of exactly the size limit passes the network and gets a protocol error.
  const atLimit = JSON.stringify({ type: 'idea.post', cid: 'big', text: '' }).length;
  const bigText = 'x'.repeat(MAX_MESSAGE - atLimit);
  const frame = JSON.stringify({ type: 'idea.post', cid: 'big', text: bigText });
  assert.equal(Buffer.byteLength(frame), MAX_MESSAGE);
  await expectError(poster, frame, 'text_too_long', undefined, 'big');

  // Exactly 280 code points is accepted, counted as code points not bytes or UTF-16 units.
  const ok280 = 'å'.repeat(279) + '🌍';
  assert.equal([...ok280].length, 280);
  poster.send({ type: 'idea.post', cid: 'ok280', text: ok280 });
  const ack = await poster.next('ack');
  assert.equal(ack.cid, 'ok280');
  assert.equal((await watcher.next('idea.added')).idea.text, ok280);

  // After all that, the connection still works, and nothing else was added in between.
  poster.send({ type: 'idea.post', cid: 'last', text: 'Sista idén' });
  assert.equal((await poster.next('ack')).cid, 'last');
  await watcher.next((m) => m.type === 'idea.added' && m.idea.text === 'Sista idén', 'the last idea');
  assert.deepEqual(watcher.all('idea.added').map((m) => m.idea.text), [ok280, 'Sista idén']);
  assert.deepEqual(poster.all('ack').map((m) => m.cid), ['ok280', 'last']);
  assert.equal(poster.closeInfo, null, 'errors do not close the connection');

  poster.close();
  watcher.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
  const saved = readSession(session);
  assert.deepEqual(saved.ideas.map((i) => i.text), [ok280, 'Sista idén']);
  assert.equal(saved.participants.length, 2);
});

test('hello rules: before hello, wrong proto, bad token; none of them joins', async (t) => {
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));

  const watcher = await Client.connect(host.wsUrl, { label: 'watcher' });
  await watcher.hello({});

  const early = await Client.connect(host.wsUrl, { label: 'early' });
  await expectError(early, { type: 'idea.post', cid: 'p0', text: 'Före hello' }, 'not_joined', undefined, 'p0');

  const proto2 = await Client.connect(host.wsUrl, { label: 'proto2' });
  await expectError(proto2, { type: 'hello', proto: 2 }, 'unsupported_proto');
  await expectError(proto2, { type: 'idea.post', cid: 'p2', text: 'Efter proto 2' }, 'not_joined', undefined, 'p2');

  const badTokens = ['XYZ', 'A'.repeat(32), '0'.repeat(31), '0'.repeat(33), 'g'.repeat(32)];
  const tok = await Client.connect(host.wsUrl, { label: 'token' });
  for (const token of badTokens) await expectError(tok, { type: 'hello', proto: 1, token }, 'bad_token', 'token');
  await expectError(tok, { type: 'idea.post', cid: 'p3', text: 'Efter fel token' }, 'not_joined', undefined, 'p3');

  // Each of them can still join properly on the same connection.
  for (const c of [early, proto2, tok]) {
    const w = await c.hello({});
    assert.ok(w.you.id > 0);
  }
  early.send({ type: 'idea.post', cid: 'fine', text: 'Nu går det' });
  assert.equal((await early.next('ack')).cid, 'fine');
  await watcher.next('idea.added');
  await sleep(100);
  assert.deepEqual(watcher.all('idea.added').map((m) => m.idea.text), ['Nu går det']);

  for (const c of [watcher, early, proto2, tok]) c.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
  const saved = readSession(session);
  assert.deepEqual(saved.ideas.map((i) => i.text), ['Nu går det']);
  assert.equal(saved.participants.length, 4, 'only the four good hellos made participants');
});

test('connection limits: over 8192 bytes is refused (too_large), past the photo limit closes with 1009, invalid UTF-8 with 1007, binary with 1003', async (t) => {
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));

  const watcher = await Client.connect(host.wsUrl, { label: 'watcher' });
  await watcher.hello({});

  // A valid idea.post padded past 8192 bytes: only an idea with a photo may be that large.
  const over = await Client.connect(host.wsUrl, { label: 'over' });
  await over.hello({});
  const tooBig = JSON.stringify({ type: 'idea.post', text: 'ok', cid: 'big1' }) + ' '.repeat(MAX_MESSAGE);
  assert.ok(Buffer.byteLength(tooBig) > MAX_MESSAGE);
  over.send(tooBig);
  const e1 = await over.next((m) => m.type === 'error' && m.code === 'too_large', 'too_large');
  assert.match(e1.message, /8192/);
  // ... and even one naming "photo" is refused once it is past the photo limit: the close 1009.
  over.send(JSON.stringify({ type: 'idea.post', photo: 'A'.repeat(MAX_PHOTO_MESSAGE) }));
  assert.equal((await over.waitClosed()).code, 1009);

  // The same, sent in fragments that are each small.
  const frag = await Client.connect(host.wsUrl, { label: 'fragments' });
  await frag.hello({});
  for (let i = 0; i < 9; i++) frag.ws.send(' '.repeat(1000), { fin: false });
  frag.ws.send('{"type":"idea.post","text":"fragmented"}', { fin: true });
  await frag.next((m) => m.type === 'error' && m.code === 'too_large', 'too_large for the fragments');
  for (let i = 0; i < 2100; i++) frag.ws.send(' '.repeat(1000), { fin: false });
  frag.ws.send('{"type":"idea.post","text":"fragmented"}', { fin: true });
  assert.equal((await frag.waitClosed()).code, 1009);

  // A fragmented message under the limit is reassembled.
  const ok = await Client.connect(host.wsUrl, { label: 'ok fragments' });
  await ok.hello({});
  ok.ws.send('{"type":"idea.post",', { fin: false });
  ok.ws.send('"cid":"f1","text":"Hel ', { fin: false });
  ok.ws.send('idé"}', { fin: true });
  assert.equal((await ok.next('ack')).cid, 'f1');

  // Invalid UTF-8 in a text frame (ws sends the bytes as they are).
  for (const bytes of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe5]]) {
    const bad = await Client.connect(host.wsUrl, { label: `utf8 ${bytes}` });
    await bad.hello({});
    const pre = Buffer.from('{"type":"idea.post","text":"');
    const post = Buffer.from('"}');
    bad.ws.send(Buffer.concat([pre, Buffer.from(bytes), post]), { binary: false });
    assert.equal((await bad.waitClosed()).code, 1007, `bytes ${bytes}`);
  }

  const bin = await Client.connect(host.wsUrl, { label: 'binary' });
  await bin.hello({});
  bin.ws.send(Buffer.from('{"type":"idea.post","text":"binary"}'), { binary: true });
  assert.equal((await bin.waitClosed()).code, 1003);

  // None of it reached the session, and the host still serves others.
  await sleep(100);
  assert.deepEqual(watcher.all('idea.added').map((m) => m.idea.text), ['Hel idé']);
  assert.equal(watcher.closeInfo, null);
  watcher.send({ type: 'idea.post', cid: 'w', text: 'Fortfarande här' });
  assert.equal((await watcher.next('ack')).cid, 'w');

  watcher.close();
  ok.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
  assert.deepEqual(readSession(session).ideas.map((i) => i.text), ['Hel idé', 'Fortfarande här']);
});
