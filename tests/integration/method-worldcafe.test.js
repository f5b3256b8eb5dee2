// A World Café (issue 19) with 16 real phones over WebSockets, from the shipped template
// sessions/templates/varldscafe.json: four tables chosen on the phones (table.join), three
// rounds, a host staying at each table while the travellers move between rounds; every idea
// stays with the table where it was written, each table keeps a photo of its paper
// tablecloth; a SIGKILL in the middle of round 2 and a restart lose nothing that was
// acknowledged (ideas, seats, the round and its timer); after a SIGTERM the file and the
// reports show each table's harvest.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client, readSession } = require('./_client.js');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const TEMPLATE = path.join(ROOT, 'sessions', 'templates', 'varldscafe.json');
const PHOTOS = path.join(ROOT, 'tests', 'fixtures', 'photos');
const PHONES = 16;
const TABLES = 4;

let seq = 0;
async function ok(client, msg) {
  const cid = `c${++seq}`;
  client.send({ ...msg, cid });
  const a = await client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, `answer to ${msg.type}`, 10000);
  assert.equal(a.type, 'ack', `${client.label} ${msg.type} refused: ${JSON.stringify(a)}`);
  return a;
}

const facilitatorKey = (host) => /#key=([0-9a-f]{32})/g;
function lastKey(host) {
  const all = [...host.output().matchAll(facilitatorKey(host))];
  return all[all.length - 1][1];
}

// Where phone i sits in round r: the first four are the tables' hosts and stay; the others
// travel one table on each round (tables 1..4).
const tableOf = (i, r) => (i < TABLES ? i : (i + r - 1) % TABLES) + 1;

async function connectAll(host, tokens) {
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  const fw = await fac.hello({ key: lastKey(host) });
  const phones = [];
  const welcomes = [];
  for (let i = 0; i < PHONES; i++) {
    const p = await Client.connect(host.wsUrl, { label: `phone${i}` });
    const w = await p.hello(tokens ? { token: tokens[i] } : { name: `Gäst ${i + 1}`, lang: ['sv', 'ar', 'ti', 'so'][i % 4] });
    phones.push(p);
    welcomes.push(w);
  }
  return { fac, fw, phones, welcomes };
}

function report(session, format) {
  const r = spawnSync(BIN, ['report', session, '--format', format, '--lang', 'sv'], { cwd: ROOT, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString();
}

test(`World Café with ${PHONES} phones at ${TABLES} tables: three rounds, travellers move, ideas and photos stay at their table, a SIGKILL in round 2 loses nothing`, async (t) => {
  const dir = tmpdir('medskapa-cafe-');
  const session = path.join(dir, 'session.json');
  let host = await startHost(['--session', session, '--template', TEMPLATE]);
  t.after(() => host.stop('SIGKILL'));
  let { fac, fw, phones, welcomes } = await connectAll(host);
  assert.equal(fw.session.tables, TABLES);
  assert.equal(fw.activity.rounds.length, 3);
  const tokens = welcomes.map((w) => w.you.token);
  const ids = welcomes.map((w) => w.you.id);
  const acked = [];   // every idea acknowledged: { id, table, round, author, photo }

  const seatAll = async (r) => {
    await Promise.all(phones.map((p, i) => ok(p, { type: 'table.join', table: tableOf(i, r), scribe: i < TABLES })));
    for (const [i, p] of phones.entries())
      await p.until((ms) => ms.some((m) => m.type === 'state' && m.seat && m.seat.table === tableOf(i, r)), `seat in round ${r}`, 10000);
  };
  const write = async (r, who) => {
    await Promise.all(who.map(async (i) => {
      const a = await ok(phones[i], { type: 'idea.post', text: `Runda ${r}, bord ${tableOf(i, r)}: tanke från gäst ${i + 1}` });
      acked.push({ id: a.idea, table: tableOf(i, r), round: r, author: ids[i] });
    }));
  };

  // Round 1: everyone picks a table on the phone; each table's host photographs the tablecloth.
  await seatAll(1);
  await ok(fac, { type: 'round.next' });
  await write(1, [...Array(PHONES).keys()]);
  const photos = ['hus.jpg', 'actually-png.jpg'];
  for (let tb = 0; tb < TABLES; tb++) {
    const photo = fs.readFileSync(path.join(PHOTOS, photos[tb % 2])).toString('base64');
    const a = await ok(phones[tb], { type: 'idea.post', text: `Bordsduken vid bord ${tb + 1}`, photo, table: tb + 1 });
    acked.push({ id: a.idea, table: tb + 1, round: 1, author: ids[tb], photo: true });
  }

  // Round 2: the travellers move on; half of the room writes, then the host is killed.
  await seatAll(2);
  await ok(fac, { type: 'round.next' });
  await write(2, [...Array(PHONES).keys()].filter((i) => i % 2 === 0));
  host.proc.kill('SIGKILL');
  await new Promise((r) => host.proc.once('exit', r));
  for (const p of [fac, ...phones]) p.ws.terminate();

  // The restart: the same people by their tokens, at the tables they had, in round 2 with its
  // timer still running, and every acknowledged idea with its table and round.
  host = await startHost(['--session', session]);
  ({ fac, fw, phones, welcomes } = await connectAll(host, tokens));
  assert.equal(fw.activity.round, 2);
  assert.equal(fw.activity.timer.running, true);
  assert.ok(fw.activity.timer.left_ms > 0 && fw.activity.timer.left_ms <= 1200 * 1000);
  for (const [i, w] of welcomes.entries()) {
    assert.equal(w.you.id, ids[i]);
    assert.deepEqual(w.seat, { table: tableOf(i, 2), scribe: i < TABLES }, `phone ${i}'s seat survived`);
  }
  for (const x of acked) {
    const i = fw.ideas.find((d) => d.id === x.id);
    assert.ok(i, `acknowledged idea ${x.id} survived the SIGKILL`);
    assert.equal(i.table, x.table);
    assert.equal(i.round, x.round);
  }
  assert.equal(fw.ideas.length, acked.length, 'nothing more, nothing less');

  // The rest of round 2, then round 3 at the third table.
  await write(2, [...Array(PHONES).keys()].filter((i) => i % 2 === 1));
  await seatAll(3);
  await ok(fac, { type: 'round.next' });
  await write(3, [...Array(PHONES).keys()]);
  // Each table picks its harvest's best idea of round 3.
  for (let tb = 1; tb <= TABLES; tb++) {
    const pick = acked.find((x) => x.table === tb && x.round === 3);
    await ok(phones[tb - 1], { type: 'idea.forward', idea: pick.id });
    pick.forward = 3;
  }
  await ok(fac, { type: 'phase', activity: 1, phase: 'locked' });

  for (const p of phones) p.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());

  // The file: every idea at the table where it was written, whoever sits there now.
  const saved = readSession(session);
  assert.equal(saved.tables, TABLES);
  assert.equal(saved.activities[0].round, 3);
  assert.equal(saved.ideas.length, acked.length);
  assert.equal(acked.length, PHONES * 3 + TABLES);
  for (const x of acked) {
    const d = saved.ideas.find((i) => i.id === x.id);
    assert.equal(d.table, x.table, `idea ${x.id} stays at table ${x.table}`);
    assert.equal(d.round, x.round);
    assert.equal(!!d.photo, !!x.photo);
    assert.equal(d.forward || 0, x.forward || 0);
  }
  for (let tb = 1; tb <= TABLES; tb++) {
    const here = saved.ideas.filter((d) => d.table === tb);
    assert.equal(here.length, acked.filter((x) => x.table === tb).length);
    assert.equal(here.filter((d) => d.photo).length, 1, `table ${tb} keeps its photo`);
    // written by hosts and by travellers who came from other tables
    assert.ok(new Set(here.map((d) => d.author)).size > 4, `table ${tb}'s harvest has many voices`);
  }
  for (const [i] of phones.entries())
    assert.equal(saved.participants.find((p) => p.id === ids[i]).table, tableOf(i, 3));

  // The reports: each table's harvest, its photo embedded in the HTML.
  const html = report(session, 'html');
  for (let tb = 1; tb <= TABLES; tb++) {
    const k = acked.filter((x) => x.table === tb).length;
    assert.ok(html.includes(`<h4>Bord ${tb} <span class="count">(${k} idéer)</span></h4>`), `HTML: table ${tb}'s harvest`);
  }
  assert.equal((html.match(/<img class="photo" src="data:image\//g) || []).length, TABLES, 'the four tablecloths');
  assert.match(html, /Runda 2: <bdi>Andra rundan<\/bdi>/);
  const md = report(session, 'md');
  for (let tb = 1; tb <= TABLES; tb++) assert.match(md, new RegExp(`#### Bord ${tb} \\(\\d+ idéer\\)`));
  assert.match(md, /- #\d+ \*Foto\*|Bordsduken vid bord 1/);
  const csv = report(session, 'csv');
  assert.ok(csv.split('\r\n')[0].includes(',Bord,Runda,Tas vidare,'), 'CSV: the table columns');
});
