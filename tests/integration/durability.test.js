// Nothing acknowledged is lost: the real host killed with SIGKILL at random moments under
// load (phones resend what was not acknowledged, as the page does), a resend applied once,
// a damaged journal refused without touching anything. (A full disk: full-disk.test.js.)
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client, readSession, sleep } = require('./_client.js');

function rng(seed) {
  let x = seed >>> 0;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
}

function writeTemplate(dir) {
  const template = path.join(dir, 'template.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Kraschtest', lang: 'sv',
    activities: [
      { kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?' },
      { kind: 'vote', title: 'Prioritera', prompt: 'Vad först?', source: 1, budget: 5, max_per_item: 3 },
    ],
  }));
  return template;
}

// A scripted phone: keeps its token and every message until it is acknowledged, and resends
// the unacknowledged ones (same cid) after a reconnect.
class Phone {
  constructor(i) { this.i = i; this.token = null; this.pending = new Map(); this.acked = new Map(); this.client = null; }
  async connect(url) {
    this.client = await Client.connect(url, { label: `phone${this.i}` });
    const w = await this.client.hello(this.token ? { token: this.token } : { name: `P${this.i}` });
    this.token = w.you.token;
    this.id = w.you.id;
    this.client.ws.on('message', (data) => {
      let m;
      try { m = JSON.parse(data.toString()); } catch { return; }
      if (m.type === 'ack' && this.pending.has(m.cid)) {
        this.acked.set(m.cid, { ...this.pending.get(m.cid), ack: m });
        this.pending.delete(m.cid);
      }
    });
    for (const [cid, msg] of this.pending) this.client.send({ ...msg, cid });   // resend
  }
  send(cid, msg) {
    this.pending.set(cid, msg);
    try { this.client.send({ ...msg, cid }); } catch { /* the host is down: resent after reconnect */ }
  }
}

test('crash test: SIGKILL at random moments under load, 20 times; every acknowledged idea and vote exactly once', async (t) => {
  const PHONES = 50, ROUNDS = 20;
  const dir = tmpdir('medskapa-crash-');
  const session = path.join(dir, 'session.json');
  const template = writeTemplate(dir);
  let host = await startHost(['--session', session, '--template', template]);
  t.after(() => host.stop('SIGKILL'));
  const key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key });
  fac.send({ type: 'phase', activity: 2, phase: 'open', cid: 'open-vote' });
  await fac.next((m) => m.type === 'ack' && m.cid === 'open-vote', 'vote open');
  fac.close();

  const phones = Array.from({ length: PHONES }, (_, i) => new Phone(i));
  for (const p of phones) await p.connect(host.wsUrl);
  const rand = rng(4242);
  const firstIdea = new Map();   // phone -> the idea id it votes on
  let kills = 0, replayed = 0;
  for (let r = 0; r < ROUNDS; r++) {
    // A burst: every phone posts an idea, and (after its first is acknowledged) sets its dots.
    for (const p of phones) {
      p.send(`r${r}-idea`, { type: 'idea.post', text: `Runda ${r} från telefon ${p.i}` });
      const target = firstIdea.get(p.i);
      if (target) p.send(`r${r}-vote`, { type: 'vote', activity: 2, item: target, dots: (r % 3) + 1 });
    }
    await sleep(Math.floor(rand() * 120));
    host.proc.kill('SIGKILL');
    await host.exited;
    kills++;
    for (const p of phones) p.client.ws.terminate();
    host = await startHost(['--session', session]);
    const m = /Fortsätter .*: (\d+) ändring/.exec(host.output());
    if (m) replayed += Number(m[1]);
    for (const p of phones) await p.connect(host.wsUrl);
    // Everything gets acknowledged in the end (resends are applied once).
    const deadline = Date.now() + 15000;
    while (phones.some((p) => p.pending.size) && Date.now() < deadline) await sleep(20);
    assert.equal(phones.reduce((n, p) => n + p.pending.size, 0), 0, `round ${r}: unacknowledged messages remain`);
    for (const p of phones) {
      if (!firstIdea.has(p.i)) firstIdea.set(p.i, p.acked.get('r0-idea').ack.idea);
    }
  }
  assert.equal(kills, ROUNDS);
  assert.ok(replayed > 0, 'resumes replayed journal entries');
  for (const p of phones) p.client.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());

  const saved = readSession(session);
  assert.equal(saved.participants.length, PHONES, 'every phone is one participant, however often it rejoined');
  const texts = saved.ideas.map((i) => i.text);
  assert.equal(new Set(texts).size, texts.length, 'no idea twice');
  for (const p of phones) {
    for (let r = 0; r < ROUNDS; r++) {
      const a = p.acked.get(`r${r}-idea`);
      const idea = saved.ideas.find((i) => i.id === a.ack.idea);
      assert.ok(idea, `acknowledged idea ${a.ack.idea} is saved`);
      assert.equal(idea.text, `Runda ${r} från telefon ${p.i}`);
      assert.equal(idea.author, p.id);
    }
    const mine = saved.votes.filter((v) => v.participant === p.id && v.activity === 2);
    assert.equal(mine.length, 1, 'one vote record per phone');
    assert.equal(mine[0].item, firstIdea.get(p.i));
    assert.equal(mine[0].dots, ((ROUNDS - 1) % 3) + 1, 'the last acknowledged dots');
  }
  assert.equal(saved.ideas.length, PHONES * ROUNDS);
});

test('a resend with the same cid is applied once and answered again', async (t) => {
  const dir = tmpdir('medskapa-resend-');
  const host = await startHost(['--session', path.join(dir, 's.json'), '--template', writeTemplate(dir)]);
  t.after(() => host.stop('SIGKILL'));
  const a = await Client.connect(host.wsUrl, { label: 'a' });
  const b = await Client.connect(host.wsUrl, { label: 'b' });
  await a.hello({});
  await b.hello({});
  a.send({ type: 'idea.post', cid: 'same', text: 'En gång' });
  const first = await a.next('ack');
  a.send({ type: 'idea.post', cid: 'same', text: 'En gång' });
  const second = await a.next('ack');
  assert.equal(second.idea, first.idea, 'the resend gets the same answer');
  await sleep(300);
  assert.equal(b.all('idea.added').length, 1, 'and is not broadcast again');
});

test('a damaged journal stops the host with the file and line named, touching nothing', async (t) => {
  const dir = tmpdir('medskapa-damaged-');
  const session = path.join(dir, 's.json');
  const host = await startHost(['--session', session, '--template', writeTemplate(dir)]);
  const a = await Client.connect(host.wsUrl);
  await a.hello({});
  for (let k = 0; k < 3; k++) { a.send({ type: 'idea.post', cid: `d${k}`, text: `idé ${k}` }); await a.next('ack'); }
  host.proc.kill('SIGKILL');
  await host.exited;
  const journal = `${session}.journal`;
  const lines = fs.readFileSync(journal, 'utf8').split('\n');
  assert.ok(lines.length >= 4);
  const original = lines[1];
  lines[1] = '{"seq":2,"cmd":"idea.post","garbage';
  fs.writeFileSync(journal, lines.join('\n'));
  const before = [fs.readFileSync(session), fs.readFileSync(journal)];
  await assert.rejects(startHost(['--session', session]), (e) => {
    assert.match(e.message, /s\.json\.journal: line 2/);
    assert.match(e.message, /inget ändrades; flytta undan journalen/);
    return true;
  });
  assert.deepEqual([fs.readFileSync(session), fs.readFileSync(journal)], before, 'nothing was overwritten');
  // A torn last line, by contrast, is dropped with a warning and the rest resumes.
  lines[1] = original;
  fs.writeFileSync(journal, lines.join('\n').replace(/\n*$/, '') + '\n{"seq":9,"cmd":"idea.po');
  const again = await startHost(['--session', session]);
  t.after(() => again.stop('SIGKILL'));
  assert.match(again.output(), /cut short by a crash and is dropped/);
  const c = await Client.connect(again.wsUrl);
  const w = await c.hello({});
  assert.deepEqual(w.ideas.map((i) => i.text), ['idé 0', 'idé 1', 'idé 2']);
});
