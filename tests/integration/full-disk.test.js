// A full disk in the middle of a meeting: a real 2 MiB file system (tmpfs) that the test mounts,
// fills while 20 phones post, and frees again. Every change gets exactly one answer within the
// page's 10 s wait; a refused change is not applied, so a resend under the same cid after the
// disk has room is applied once; nothing acknowledged is lost and nothing is there twice; a
// known phone can rejoin while the disk is full and is told that it cannot post.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client, sleep } = require('./_client.js');

const PHONES = 20;
const PAGE_WAIT_MS = 10000;   // the phone page gives up on an answer after this long

// Write zeros until the file system says ENOSPC, in ever smaller pieces.
function fill(file) {
  const fd = fs.openSync(file, 'w');
  try {
    for (const size of [1 << 16, 1 << 12, 512, 64, 1]) {
      const buf = Buffer.alloc(size);
      for (;;) {
        try { fs.writeSync(fd, buf); } catch (e) { if (e.code === 'ENOSPC') break; throw e; }
      }
    }
  } finally { fs.closeSync(fd); }
}

class Phone {
  constructor(i) { this.i = i; this.sends = new Map(); this.answers = []; }
  async join(url, token) {
    this.client = await Client.connect(url, { label: `phone${this.i}` });
    const w = await this.client.hello(token ? { token } : { name: `P${this.i}` });
    this.token = w.you.token;
    this.id = w.you.id;
    return w;
  }
  // Post an idea and wait for its one answer; returns it (with how long it took).
  async post(cid, text) {
    this.sends.set(cid, (this.sends.get(cid) || 0) + 1);
    const t0 = Date.now();
    this.client.send({ type: 'idea.post', cid, text });
    const m = await this.client.next((x) => (x.type === 'ack' || x.type === 'error') && x.cid === cid,
      `the answer to ${cid}`, PAGE_WAIT_MS);
    const a = { cid, text, type: m.type, code: m.code, idea: m.idea, ms: Date.now() - t0 };
    this.answers.push(a);
    return a;
  }
  // Answers (ack or error) the host sent for cid on the current connection.
  answersFor(cid) { return this.client.msgs.filter((x) => (x.type === 'ack' || x.type === 'error') && x.cid === cid).length; }
}

test('a full disk: every change gets exactly one answer, is applied at most once, nothing acknowledged lost', async (t) => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    t.skip('mounting a small tmpfs needs root: run this test as root');
    return;
  }
  const mnt = tmpdir('medskapa-fulldisk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'pipe' });
  const hosts = [];
  try {
    const tpl = path.join(tmpdir('medskapa-fulldisk-tpl-'), 'template.json');
    fs.writeFileSync(tpl, JSON.stringify({
      format: 'medskapa-template', version: 1, title: 'Full disk', lang: 'sv',
      activities: [{ kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?' }],
    }));
    const session = path.join(mnt, 's.json');
    const filler = path.join(mnt, 'filler');
    let host = await startHost(['--session', session, '--template', tpl]);
    hosts.push(host);
    const phones = Array.from({ length: PHONES }, (_, i) => new Phone(i));
    for (const p of phones) await p.join(host.wsUrl);
    const text = (p, tag) => `Telefon ${p.i} idé ${tag} `.padEnd(200, '.');

    // Before: every phone posts three ideas, all acknowledged.
    await Promise.all(phones.map(async (p) => {
      for (let k = 0; k < 3; k++) assert.equal((await p.post(`a${k}`, text(p, `a${k}`))).type, 'ack');
    }));

    // The disk fills while the phones keep posting, all at once.
    fill(filler);
    let refused = 0;
    await Promise.all(phones.map(async (p) => {
      for (let k = 0; k < 6; k++) {
        const a = await p.post(`b${k}`, text(p, `b${k}`));
        if (a.type === 'error') { assert.equal(a.code, 'storage', JSON.stringify(a)); refused++; }
      }
    }));
    assert.ok(refused > 0, 'changes were refused while the disk was full');
    assert.match(host.output(), /Kan inte spara: .*No space left/);

    // A known phone rejoins while the disk is full: let in with its ideas, and told it is read-only.
    const p0 = phones[0];
    p0.client.close();
    await p0.client.closed;
    const w = await p0.join(host.wsUrl, p0.token);
    assert.equal(w.you.id, p0.id, 'the same participant');
    const acked0 = p0.answers.filter((a) => a.type === 'ack').map((a) => a.idea);
    for (const id of acked0) assert.ok(w.ideas.some((i) => i.id === id), `idea ${id} in the welcome`);
    const notice = await p0.client.next((x) => x.type === 'error' && x.code === 'storage', 'the read-only notice');
    assert.ok(!notice.cid, 'the notice answers no request');
    assert.equal((await p0.post('ro', text(p0, 'ro'))).code, 'storage', 'posting is refused while read-only');

    // Room again: every refused change is resent with its cid until it is taken (the page does
    // this); every acknowledged one is resent once too, and recognised.
    fs.rmSync(filler);
    await Promise.all(phones.map(async (p) => {
      const firstAnswer = new Map();
      for (const a of p.answers) if (!firstAnswer.has(a.cid)) firstAnswer.set(a.cid, a);
      for (const [cid, a] of firstAnswer) {
        if (a.type === 'ack') {
          const again = await p.post(cid, a.text);
          assert.equal(again.type, 'ack', `${cid}: a resend of an applied change is recognised`);
          assert.equal(again.idea, a.idea, `${cid}: the resend gets the same idea`);
          continue;
        }
        const deadline = Date.now() + 20000;
        for (;;) {
          const r = await p.post(cid, a.text);
          if (r.type === 'ack') break;
          assert.equal(r.code, 'storage');
          assert.ok(Date.now() < deadline, `${cid} is taken once the disk has room`);
          await sleep(200);   // a page waits before trying again; the host may not have noticed yet
        }
      }
    }));

    // Exactly one answer to every send, each within the page's wait.
    let slowest = 0;
    for (const p of phones) {
      for (const a of p.answers) slowest = Math.max(slowest, a.ms);
      for (const [cid, n] of p.sends) {
        if (p === p0 && cid.startsWith('a') || p === p0 && cid.startsWith('b')) continue;   // sent on its old connection
        assert.equal(p.answersFor(cid), n, `phone ${p.i} ${cid}: one answer per send`);
      }
    }
    assert.ok(slowest < PAGE_WAIT_MS, `slowest answer ${slowest} ms`);
    t.diagnostic(`refused while full: ${refused}; slowest answer: ${slowest} ms; ` +
      `${(/(\d+) ändring(?:ar)? kunde inte sparas/.exec(host.output()) || ['', 0])[1]} taken back at the first failure`);

    const exit = await host.stop('SIGTERM');
    assert.equal(exit.code, 0, `saved at quit once the disk had room:\n${host.output()}`);

    // What is on disk (the session file and its journal, read by a resume): every acknowledged
    // idea once, nothing that was only refused, nothing twice.
    host = await startHost(['--session', session]);
    hosts.push(host);
    const c = await Client.connect(host.wsUrl);
    const back = await c.hello({});
    const texts = back.ideas.map((i) => i.text);
    assert.equal(new Set(texts).size, texts.length, 'no idea twice');
    const have = new Map(back.ideas.map((i) => [i.id, i.text]));
    for (const p of phones) {
      const byCid = new Map();
      for (const a of p.answers) {
        if (!byCid.has(a.cid)) byCid.set(a.cid, []);
        byCid.get(a.cid).push(a);
      }
      for (const [cid, list] of byCid) {
        const ack = list.find((a) => a.type === 'ack');
        if (ack) {
          assert.equal(have.get(ack.idea), ack.text.trim(), `phone ${p.i} ${cid}: acknowledged idea ${ack.idea} is saved`);
          assert.ok(list.every((a) => a.type !== 'ack' || a.idea === ack.idea), `${cid}: one idea`);
        } else {
          assert.ok(!texts.includes(list[0].text.trim()), `phone ${p.i} ${cid}: refused, so not applied`);
        }
      }
    }
    c.close();
  } finally {
    for (const h of hosts) await h.stop('SIGKILL');
    try { execFileSync('umount', [mnt], { stdio: 'pipe' }); } catch { execFileSync('umount', ['-l', mnt]); }
    fs.rmSync(mnt, { recursive: true, force: true });
  }
});
