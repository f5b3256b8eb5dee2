// Makes seeds for fuzz_journal from a real host: a short meeting over real WebSockets (ideas,
// groups, hide, merge, edit, a dot vote, a poll), copying the session file and its journal
// after each step and after a SIGKILL. Each seed is the session file, a line "---", then the
// journal (what resume reads). Run from the repository: node tests/fuzz/make-journal-corpus.js
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { startHost, tmpdir, ROOT } = require('../lib/host.js');
const { Client } = require('../integration/_client.js');

const OUT = path.join(ROOT, 'tests', 'fuzz', 'corpus-journal');
// The same agenda as BASE_TEMPLATE in fuzz_journal.c, onto which a journal alone is replayed.
const BASE_TEMPLATE = {
  format: 'medskapa-template', version: 1, title: 'Fuzz', lang: 'sv',
  activities: [
    { kind: 'ideas', title: 'Idéer', prompt: 'Vad behövs?', categories: ['Bostad', 'Språk', 'Arbete'] },
    { kind: 'vote', title: 'Prioritera', prompt: 'Vad först?', source: 1, budget: 5, max_per_item: 3 },
    { kind: 'poll', title: 'Nästa träff', prompt: 'När?', poll: 'single', choices: ['Kväll', 'Helg', 'Dagtid'] },
  ],
};

let seq = 0;
async function ok(client, msg) {
  const cid = `s${++seq}`;
  client.send({ ...msg, cid });
  return client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, msg.type, 10000);
}

function keep(session) {
  let s = '', j = '';
  try { s = fs.readFileSync(session, 'utf8'); } catch { return; }
  try { j = fs.readFileSync(`${session}.journal`, 'utf8'); } catch { /* none yet */ }
  if (!j) return;
  const seed = `${s}---\n${j}`;
  const name = crypto.createHash('sha1').update(seed).digest('hex');
  fs.writeFileSync(path.join(OUT, name), seed);
  // the journal alone, for the fuzzer's built-in session (the same template, nobody joined)
  if (j.startsWith('{"seq":1,')) fs.writeFileSync(path.join(OUT, `${name}-alone`), j);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = tmpdir('medskapa-corpus-');
  const template = path.join(dir, 'template.json');
  const session = path.join(dir, 'session.json');
  fs.writeFileSync(template, JSON.stringify(BASE_TEMPLATE));
  const host = await startHost(['--session', session, '--template', template]);
  const key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key });
  const phones = [];
  for (let i = 0; i < 4; i++) {
    const p = await Client.connect(host.wsUrl, { label: `phone${i}` });
    await p.hello({ name: `Deltagare ${i + 1}`, lang: i % 2 ? 'sv' : 'ar' });
    phones.push(p);
  }
  keep(session);
  const ids = [];
  for (const [i, p] of phones.entries()) {
    for (let k = 0; k < 2; k++) {
      const a = await ok(p, { type: 'idea.post', text: `Idé ${k + 1} från ${i + 1}: läxhjälp ‮ språkcafé`, category: (i + k) % 3 });
      if (a.idea) ids.push(a.idea);
    }
    keep(session);
  }
  await ok(phones[0], { type: 'idea.edit', idea: ids[0], text: 'Ändrad idé' });
  await ok(fac, { type: 'idea.post', text: 'Från mötesledaren' });
  await ok(fac, { type: 'phase', activity: 1, phase: 'locked' });
  const g = (await ok(fac, { type: 'group.create', activity: 1, name: 'Skola', idea: ids[0], other: ids[3] })).group;
  await ok(fac, { type: 'idea.group', idea: ids[5], group: g });
  await ok(fac, { type: 'idea.hide', idea: ids[1] });
  await ok(fac, { type: 'idea.merge', idea: ids[2], into: ids[4] });
  keep(session);
  await ok(fac, { type: 'goto', activity: 2 });
  await ok(fac, { type: 'phase', activity: 2, phase: 'open' });
  for (const [i, p] of phones.entries()) {
    await ok(p, { type: 'vote', activity: 2, item: ids[(i + 4) % ids.length], dots: 2 });
    await ok(p, { type: 'vote', activity: 2, item: ids[(i + 6) % ids.length], dots: 1 });
  }
  keep(session);
  await ok(fac, { type: 'phase', activity: 2, phase: 'revealed' });
  await ok(fac, { type: 'goto', activity: 3 });
  await ok(fac, { type: 'phase', activity: 3, phase: 'open' });
  for (const [i, p] of phones.entries()) await ok(p, { type: 'poll.answer', activity: 3, value: i % 3 });
  await ok(fac, { type: 'phase', activity: 3, phase: 'revealed' });
  keep(session);
  await host.stop('SIGKILL');
  keep(session);
  for (const p of [fac, ...phones]) p.ws.terminate();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`seeds in ${OUT}: ${fs.readdirSync(OUT).length}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
