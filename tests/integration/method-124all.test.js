// A whole 1-2-4-All (issue 19) with 24 real phones over WebSockets, from the shipped template
// sessions/templates/1-2-4-alla.json: the host deals the phones into tables of four at random
// (6 tables), four rounds each with its own timer started by round.next, ideas in every
// round carrying their table and round, a scribe per table writing for it, one idea brought
// forward per table (a second pick replaces the first), then a dot vote on the source with the
// dots counted by table. Bad input changes nothing: a table that does not exist (no_table), a
// scribe voting for another table (wrong_table), a round after the last (no_round). After a
// SIGTERM the session file and the three reports show the tables and rounds.
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
const TEMPLATE = path.join(ROOT, 'sessions', 'templates', '1-2-4-alla.json');
const PHONES = 24;
const ROUNDS = [['Ensam', 60], ['I par', 120], ['I fyra', 240], ['Alla', 300]];

let seq = 0;
async function ok(client, msg) {
  const cid = `m${++seq}`;
  client.send({ ...msg, cid });
  const a = await client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, `answer to ${msg.type}`, 10000);
  assert.equal(a.type, 'ack', `${client.label} ${msg.type} refused: ${JSON.stringify(a)}`);
  return a;
}

async function refused(client, msg, code) {
  const cid = `r${++seq}`;
  client.send({ ...msg, cid });
  const e = await client.next((m) => (m.type === 'ack' || m.type === 'error') && m.cid === cid, `answer to ${msg.type}`, 10000);
  assert.equal(e.type, 'error', `${client.label} ${JSON.stringify(msg)} was taken, wanted ${code}`);
  assert.equal(e.code, code, `${JSON.stringify(msg)} -> ${JSON.stringify(e)}`);
  assert.ok(e.message.length > 0);
  return e;
}

// The newest state (or welcome) a client has, waiting for one that satisfies pred.
async function stateWhere(client, pred, what) {
  const ok2 = (m) => (m.type === 'state' || m.type === 'welcome') && pred(m);
  await client.until((ms) => ms.some(ok2), what, 10000);
  return client.msgs.filter(ok2).pop();
}

function report(session, format) {
  const r = spawnSync(BIN, ['report', session, '--format', format, '--lang', 'sv'], { cwd: ROOT, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString();
}

test(`1-2-4-All with ${PHONES} phones: tables of four dealt at random, four timed rounds, one idea forward per table, a vote by table`, async (t) => {
  const dir = tmpdir('medskapa-124-');
  const session = path.join(dir, 'session.json');
  const host = await startHost(['--session', session, '--template', TEMPLATE]);
  t.after(() => host.stop('SIGKILL'));
  const key = /#key=([0-9a-f]{32})/.exec(host.output())[1];
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  const fw = await fac.hello({ key });
  assert.equal(fw.session.tables, 6, 'the template sets six tables');
  assert.equal(fw.seat, null, 'the facilitator sits at no table');
  assert.deepEqual(fw.activity.rounds, ROUNDS.map(([title, seconds]) => ({ title, seconds })));
  assert.equal(fw.activity.round, 0);
  assert.equal(fw.activity.by_table, true);

  const phones = await Promise.all(Array.from({ length: PHONES }, (_, i) => Client.connect(host.wsUrl, { label: `phone${i}` })));
  const you = [];
  for (const [i, p] of phones.entries()) {
    const w = await p.hello({ name: `Deltagare ${i + 1}`, lang: i % 4 ? 'sv' : 'fa' });
    assert.deepEqual(w.seat, { table: 0, scribe: false });
    you.push(w.you);
  }

  // Tables: a phone cannot deal; the facilitator deals everyone here into tables of four.
  await refused(phones[0], { type: 'tables.assign', size: 4 }, 'forbidden');
  await refused(fac, { type: 'tables.assign', size: 9 }, 'bad_value');
  await ok(fac, { type: 'tables.assign', size: 4 });
  const seat = [];
  for (const [i, p] of phones.entries()) {
    const s = await stateWhere(p, (m) => m.seat && m.seat.table > 0, 'a seat');
    seat[i] = s.seat.table;
    assert.equal(s.seat.scribe, false);
    assert.equal(s.session.tables, 6);
  }
  const tables = new Map();
  for (const [i, tb] of seat.entries()) tables.set(tb, [...(tables.get(tb) || []), i]);
  assert.deepEqual([...tables.keys()].sort(), [1, 2, 3, 4, 5, 6]);
  for (const [tb, who] of tables) assert.equal(who.length, 4, `table ${tb} seats four`);
  // The facilitator sees how many sit at each table, never who.
  const fs6 = await stateWhere(fac, (m) => m.session && Array.isArray(m.session.seats) && m.session.seats.length === 6 &&
    m.session.seats.every((x) => x.people === 4), 'seats of the facilitator');
  assert.deepEqual(Object.keys(fs6.session.seats[0]).sort(), ['people', 'scribe', 'table']);
  for (const p of phones.slice(0, 3)) assert.ok(!p.all('state').some((m) => m.session && m.session.seats), 'a phone gets no seats');
  assert.ok(seat.some((tb, i) => tb !== Math.floor(i / 4) + 1) && seat.some((tb, i) => tb !== (i % 6) + 1),
    'the deal is shuffled, not in joining order');

  // Bad input: a table that does not exist changes nothing.
  await refused(phones[0], { type: 'table.join', table: 7 }, 'no_table');
  await refused(phones[0], { type: 'table.join', table: 99, scribe: true }, 'no_table');
  // One scribe per table: its first person, at the table the host gave.
  const scribe = new Map();   // table -> phone index
  for (const [tb, who] of tables) {
    await ok(phones[who[0]], { type: 'table.join', table: tb, scribe: true });
    scribe.set(tb, who[0]);
  }
  for (const [tb, i] of scribe) {
    const s = await stateWhere(phones[i], (m) => m.seat && m.seat.scribe, 'scribe seat');
    assert.equal(s.seat.table, tb);
  }

  // Four rounds, each with its timer started; ideas carry their table and round.
  const posted = [];   // { id, table, round, author }
  const forwardOf = new Map();   // table -> idea id picked in round 3
  for (let r = 1; r <= 4; r++) {
    const before = Date.now();
    await ok(fac, { type: 'round.next', activity: 1 });
    const st = await stateWhere(phones[5], (m) => m.activity && m.activity.round === r, `round ${r}`);
    assert.equal(st.activity.phase, 'open');
    assert.equal(st.activity.timer.running, true, `round ${r}'s timer runs`);
    assert.equal(st.activity.timer.duration_ms, ROUNDS[r - 1][1] * 1000);
    assert.ok(st.activity.timer.left_ms <= ROUNDS[r - 1][1] * 1000 && st.activity.timer.left_ms > ROUNDS[r - 1][1] * 1000 - (Date.now() - before) - 2000);
    if (r === 3) {   // in fours: each table's scribe writes for the table, and one more writes
      for (const [tb, i] of scribe) {
        const a = await ok(phones[i], { type: 'idea.post', text: `Bord ${tb} i fyra: ett gemensamt förslag`, table: tb });
        posted.push({ id: a.idea, table: tb, round: 3, author: you[i].id, scribe: true });
        const j = tables.get(tb)[1];
        const b = await ok(phones[j], { type: 'idea.post', text: `Bord ${tb} i fyra: ett eget förslag` });
        posted.push({ id: b.idea, table: tb, round: 3, author: you[j].id });
      }
      // someone who is not the scribe cannot write for the table; a scribe not for another
      const notScribe = tables.get(1)[1];
      await refused(phones[notScribe], { type: 'idea.post', text: 'x', table: 1 }, 'wrong_table');
      await refused(phones[scribe.get(1)], { type: 'idea.post', text: 'x', table: 2 }, 'wrong_table');
    } else {
      const writers = r === 2 ? phones.filter((_, i) => i % 2 === 0) : phones;   // in pairs: one writes for two
      await Promise.all(writers.map(async (p) => {
        const i = phones.indexOf(p);
        const a = await ok(p, { type: 'idea.post', text: `Runda ${r}: idé från deltagare ${i + 1}` });
        posted.push({ id: a.idea, table: seat[i], round: r, author: you[i].id });
      }));
    }
    if (r === 3) {
      // Each table brings one idea forward: first one person's own idea, then the table's
      // shared one replaces it (one per table and round). Another table's idea is not theirs.
      for (const [tb, who] of tables) {
        const shared = posted.find((x) => x.table === tb && x.round === 3 && x.scribe);
        const own = posted.find((x) => x.table === tb && x.round === 3 && !x.scribe);
        const other = posted.find((x) => x.table !== tb && x.round === 3);
        await refused(phones[who[2]], { type: 'idea.forward', idea: other.id }, 'wrong_table');
        await ok(phones[who[1]], { type: 'idea.forward', idea: own.id });
        await ok(phones[who[3]], { type: 'idea.forward', idea: shared.id });
        await ok(phones[who[3]], { type: 'idea.forward', idea: own.id, forward: false });   // not picked: no change
        forwardOf.set(tb, shared.id);
      }
      // a pick of round 1 is no longer open
      await refused(phones[0], { type: 'idea.forward', idea: posted.find((x) => x.round === 1).id }, 'no_round');
    }
  }
  assert.equal(posted.length, 24 + 12 + 12 + 24);
  await refused(fac, { type: 'round.next', activity: 1 }, 'no_round');
  await refused(phones[1], { type: 'round.next', activity: 1 }, 'forbidden');
  const seen = fac.all('idea.added').map((m) => m.idea);
  for (const x of posted) {
    const i = seen.find((s) => s.id === x.id);
    assert.ok(i, `the facilitator saw idea ${x.id}`);
    assert.equal(i.table, x.table, `idea ${x.id}'s table`);
    assert.equal(i.round, x.round, `idea ${x.id}'s round`);
  }
  await fac.until((ms) => [...forwardOf.values()].every((id) => ms.some((m) => m.type === 'idea.changed' && m.idea.id === id && m.idea.forward === 3)),
    'the picks', 10000);

  // The vote on the source: a dot each on their own table's pick; scribes vote for their table.
  await ok(fac, { type: 'phase', activity: 1, phase: 'locked' });
  await ok(fac, { type: 'goto', activity: 2 });
  await ok(fac, { type: 'phase', activity: 2, phase: 'open' });
  await refused(phones[scribe.get(1)], { type: 'vote', item: forwardOf.get(2), dots: 1, table: 2 }, 'wrong_table');
  await refused(phones[tables.get(1)[1]], { type: 'vote', item: forwardOf.get(1), dots: 1, table: 1 }, 'wrong_table');
  await Promise.all(phones.map(async (p, i) => {
    const isScribe = scribe.get(seat[i]) === i;
    await ok(p, { type: 'vote', item: forwardOf.get(seat[i]), dots: 2, ...(isScribe ? { table: seat[i] } : {}) });
  }));
  await ok(fac, { type: 'phase', activity: 2, phase: 'revealed' });
  const rev = await stateWhere(phones[3], (m) => m.activity && m.activity.id === 2 && m.activity.phase === 'revealed', 'results');
  assert.deepEqual(rev.results.rows.map((r) => r.count), [8, 8, 8, 8, 8, 8].concat(rev.results.rows.slice(6).map(() => 0)));

  // SIGTERM, then the file: tables, seats, rounds, ideas' table/round/forward, votes' table.
  for (const p of phones) p.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
  const saved = readSession(session);
  assert.equal(saved.version, 4);
  assert.equal(saved.tables, 6);
  for (const [i, y] of you.entries()) {
    const p = saved.participants.find((x) => x.id === y.id);
    assert.equal(p.table, seat[i], `participant ${y.id} sits where the host put them (the refused joins changed nothing)`);
    assert.equal(p.scribe === true, scribe.get(seat[i]) === i);
  }
  const a1 = saved.activities[0];
  assert.deepEqual(a1.rounds, ROUNDS.map(([title, seconds]) => ({ title, seconds })));
  assert.equal(a1.round, 4);
  assert.equal(a1.by_table, true);
  assert.equal(saved.ideas.length, posted.length);
  for (const x of posted) {
    const i = saved.ideas.find((d) => d.id === x.id);
    assert.equal(i.table, x.table);
    assert.equal(i.round, x.round);
    assert.equal(i.forward || 0, [...forwardOf.values()].includes(x.id) ? 3 : 0, `idea ${x.id}'s pick`);
  }
  assert.equal(saved.ideas.filter((d) => d.forward).length, 6, 'one idea forward per table');
  const votes = saved.votes.filter((v) => v.activity === 2);
  assert.equal(votes.length, PHONES);
  for (const v of votes) {
    const i = you.findIndex((y) => y.id === v.participant);
    assert.equal(v.table, seat[i], 'a vote counts for the voter\'s table');
  }

  // The reports show the tables and the rounds.
  const html = report(session, 'html');
  assert.match(html, /<h3>Per bord<\/h3>/);
  const harvest = (tb) => posted.filter((x) => x.table === tb).length;
  for (let tb = 1; tb <= 6; tb++) assert.ok(html.includes(`<h4>Bord ${tb} <span class="count">(${harvest(tb)} idéer)</span></h4>`), `HTML: table ${tb}'s harvest`);
  assert.match(html, /Runda 3: <bdi>I fyra<\/bdi>/);
  assert.equal((html.match(/<span class="flag forward">Tas vidare<\/span>/g) || []).length, 12, 'each pick, in the list and in its table');
  assert.match(html, /<table class="by-table">/);
  assert.match(html, /<tr><td>Bord 1<\/td><td class="num">8<\/td><td class="num">4<\/td>/, 'HTML: a vote\'s dots by table');
  assert.ok(html.includes('<tr class="room"><td>Hela rummet</td><td class="num">48</td><td class="num">24</td>'), 'HTML: and the whole room');
  const md = report(session, 'md');
  assert.match(md, /### Per bord/);
  assert.ok(md.includes(`#### Bord 6 (${harvest(6)} idéer)`), 'Markdown: a table\'s harvest');
  assert.match(md, /\| Bord 2 \| 8 \| 4 \| #\d+ /);
  assert.ok(md.includes('| **Hela rummet** | **48** | **24** | #'), 'Markdown: the whole room');
  assert.match(md, /Runda 4: \u2068Alla\u2069/);
  const csv = report(session, 'csv').replace(/^\uFEFF/, '').split('\r\n');
  const head = csv[0].split(',');
  const [ct, cr, cf] = ['Bord', 'Runda', 'Tas vidare'].map((h) => head.indexOf(h));
  assert.ok(ct > 0 && cr === ct + 1 && cf === ct + 2, `CSV columns: ${csv[0]}`);
  const rows = csv.slice(1).filter(Boolean).map((l) => l.split(','));
  for (const x of posted) {
    const row = rows.find((r) => Number(r[0]) === x.id);
    assert.equal(row[ct], String(x.table));
    assert.equal(row[cr], String(x.round));
    assert.equal(row[cf], [...forwardOf.values()].includes(x.id) ? 'ja' : 'nej');
  }
});
